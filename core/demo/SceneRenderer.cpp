#include "core/demo/SceneRenderer.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace salient {
namespace {

constexpr double kPi = 3.141592653589793;

/// RGB in [0, 1] from hue in degrees, saturation and value in [0, 1].
cv::Vec3f hsv(double hue, double saturation, double value)
{
    const double c = value * saturation;
    const double h = std::fmod(hue, 360.0) / 60.0;
    const double x = c * (1.0 - std::fabs(std::fmod(h, 2.0) - 1.0));
    double r = 0, g = 0, b = 0;
    if (h < 1)
        r = c, g = x;
    else if (h < 2)
        r = x, g = c;
    else if (h < 3)
        g = c, b = x;
    else if (h < 4)
        g = x, b = c;
    else if (h < 5)
        r = x, b = c;
    else
        r = c, b = x;
    const double m = value - c;
    return cv::Vec3f(float(r + m), float(g + m), float(b + m));
}

/// Smooth low-frequency variation in [-1, 1]: a coarse random grid enlarged bicubically.
cv::Mat smoothNoise(int size, int grid, SeededRandom& random)
{
    cv::Mat coarse(grid, grid, CV_32F);
    for (int y = 0; y < grid; ++y)
        for (int x = 0; x < grid; ++x)
            coarse.at<float>(y, x) = float(random.uniform(-1.0, 1.0));
    cv::Mat fine;
    cv::resize(coarse, fine, cv::Size(size, size), 0, 0, cv::INTER_CUBIC);
    return fine;
}

cv::Mat background(BackgroundCue cue, int size, SeededRandom& random)
{
    cv::Mat image(size, size, CV_32FC3);
    const cv::Mat noise = smoothNoise(size, 4, random);
    switch (cue) {
    case BackgroundCue::None: {
        // Muted colours of any hue: never as saturated as water or sand, never as bright as snow.
        const cv::Vec3f base =
            hsv(random.uniform(0, 360), random.uniform(0.05, 0.25), random.uniform(0.35, 0.7));
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                image.at<cv::Vec3f>(y, x) = base * (1.0f + 0.12f * noise.at<float>(y, x));
        break;
    }
    case BackgroundCue::Water: {
        const double hue = random.uniform(195, 215), wavelength = random.uniform(6, 9),
                     phase = random.uniform(0, 6.3);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const double wave = std::sin(2 * kPi * y / wavelength + phase + 0.6 * std::sin(x / 5.0));
                image.at<cv::Vec3f>(y, x) = hsv(hue, 0.7, 0.6 + 0.12 * wave + 0.05 * noise.at<float>(y, x));
            }
        break;
    }
    case BackgroundCue::Sand: {
        const double hue = random.uniform(36, 46), value = random.uniform(0.75, 0.88);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x) {
                const double grain = 0.05 * random.normal();
                const double dune = 0.05 * std::sin((x + y) / 4.0);
                image.at<cv::Vec3f>(y, x) =
                    hsv(hue, 0.5, value + grain + dune + 0.04 * noise.at<float>(y, x));
            }
        break;
    }
    case BackgroundCue::Snow: {
        const double value = random.uniform(0.84, 0.92);
        for (int y = 0; y < size; ++y)
            for (int x = 0; x < size; ++x)
                image.at<cv::Vec3f>(y, x) =
                    hsv(210, 0.08, value - 0.1 * y / size + 0.03 * noise.at<float>(y, x));
        const int flakes = random.integer(25, 40);
        for (int i = 0; i < flakes; ++i)
            cv::circle(image, cv::Point(random.integer(0, size - 1), random.integer(0, size - 1)), 1,
                       cv::Scalar(1, 1, 1), cv::FILLED);
        break;
    }
    }
    return image;
}

/// The separate object drawn at 4x and reduced, so its edges are soft: colour image and alpha.
void separateObject(ObjectCue cue, int side, SeededRandom& random, cv::Mat& colour, cv::Mat& alpha)
{
    const int big = side * 4;
    cv::Mat paint(big, big, CV_32FC3, cv::Scalar(0, 0, 0));
    cv::Mat cover(big, big, CV_32F, cv::Scalar(0));
    const cv::Point centre(big / 2, big / 2);
    auto draw = [&](auto shape, const cv::Vec3f& rgb) {
        shape(paint, cv::Scalar(rgb[0], rgb[1], rgb[2]));
        shape(cover, cv::Scalar(1));
    };
    switch (cue) {
    case ObjectCue::Ball: {
        const cv::Vec3f red = hsv(random.uniform(0, 20), 0.85, 0.9);
        draw(
            [&](cv::Mat& m, cv::Scalar c) { cv::circle(m, centre, big / 2 - 2, c, cv::FILLED, cv::LINE_AA); },
            red);
        cv::ellipse(paint, centre, cv::Size(big / 4, big / 2 - 3), 0, 0, 360, cv::Scalar(1, 1, 1), 3,
                    cv::LINE_AA);
        break;
    }
    case ObjectCue::Flower: {
        const cv::Vec3f petal = hsv(random.uniform(300, 340), 0.6, 0.95);
        for (int i = 0; i < 5; ++i) {
            const double angle = 2 * kPi * i / 5 + random.uniform(0, 0.3);
            const cv::Point at(centre.x + int(big * 0.27 * std::cos(angle)),
                               centre.y + int(big * 0.27 * std::sin(angle)));
            draw([&](cv::Mat& m, cv::Scalar c) { cv::circle(m, at, big / 5, c, cv::FILLED, cv::LINE_AA); },
                 petal);
        }
        draw([&](cv::Mat& m, cv::Scalar c) { cv::circle(m, centre, big / 6, c, cv::FILLED, cv::LINE_AA); },
             cv::Vec3f(1.0f, 0.85f, 0.1f));
        break;
    }
    case ObjectCue::Umbrella: {
        const cv::Vec3f canopy = hsv(random.uniform(260, 290), 0.7, 0.75);
        draw(
            [&](cv::Mat& m, cv::Scalar c) {
                cv::ellipse(m, cv::Point(centre.x, big / 2), cv::Size(big / 2 - 2, big / 2 - 4), 0, 180, 360,
                            c, cv::FILLED, cv::LINE_AA);
            },
            canopy);
        draw(
            [&](cv::Mat& m, cv::Scalar c) {
                cv::line(m, cv::Point(centre.x, big / 2), cv::Point(centre.x, big - 6), c, 4, cv::LINE_AA);
                cv::ellipse(m, cv::Point(centre.x - 6, big - 6), cv::Size(6, 5), 0, 0, 180, c, 4,
                            cv::LINE_AA);
            },
            cv::Vec3f(0.15f, 0.12f, 0.1f));
        break;
    }
    case ObjectCue::None:
        break;
    }
    cv::resize(paint, colour, cv::Size(side, side), 0, 0, cv::INTER_AREA);
    cv::resize(cover, alpha, cv::Size(side, side), 0, 0, cv::INTER_AREA);
}

void pasteOver(cv::Mat& image, const cv::Mat& colour, const cv::Mat& alpha, cv::Point at)
{
    for (int y = 0; y < alpha.rows; ++y)
        for (int x = 0; x < alpha.cols; ++x) {
            const float a = alpha.at<float>(y, x);
            cv::Vec3f& pixel = image.at<cv::Vec3f>(at.y + y, at.x + x);
            pixel = pixel * (1.0f - a) + colour.at<cv::Vec3f>(y, x) * a;
        }
}

std::vector<std::uint8_t> toBytes(const cv::Mat& values)
{
    cv::Mat bytes;
    values.convertTo(bytes, values.channels() == 3 ? CV_8UC3 : CV_8U, 255.0);
    return std::vector<std::uint8_t>(bytes.data, bytes.data + bytes.total() * bytes.elemSize());
}

} // namespace

RenderedScene renderScene(const std::uint8_t* item, BackgroundCue backgroundCue, ObjectCue objectCue,
                          int size, SeededRandom& random)
{
    cv::Mat image = background(backgroundCue, size, random);

    // The clothing item: its gray levels give both coverage and shading under a random tint.
    const int side = random.integer(size * 7 / 12, size * 17 / 24);
    const cv::Mat source(28, 28, CV_8U, const_cast<std::uint8_t*>(item));
    cv::Mat gray;
    source.convertTo(gray, CV_32F, 1.0 / 255.0);
    cv::resize(gray, gray, cv::Size(side, side), 0, 0, side < 28 ? cv::INTER_AREA : cv::INTER_LINEAR);
    cv::Mat itemAlpha;
    cv::min(cv::max(gray * 1.6, 0.0), 1.0, itemAlpha);
    const cv::Vec3f tint = hsv(random.uniform(0, 360), random.uniform(0.3, 0.8), random.uniform(0.55, 0.95));
    cv::Mat itemColour(side, side, CV_32FC3);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x)
            itemColour.at<cv::Vec3f>(y, x) = tint * (0.55f + 0.45f * gray.at<float>(y, x));
    const cv::Point itemAt(random.integer(1, size - side - 1), random.integer(1, size - side - 1));
    pasteOver(image, itemColour, itemAlpha, itemAt);

    cv::Mat objectMask(size, size, CV_32F, cv::Scalar(0));
    itemAlpha.copyTo(objectMask(cv::Rect(itemAt, cv::Size(side, side))));
    cv::Mat separateMask(size, size, CV_32F, cv::Scalar(0));

    if (objectCue != ObjectCue::None) {
        // In the corner away from the item, so that it is a separate object, partly overlapping at most.
        const int objectSide = random.integer(size / 4, size * 7 / 24);
        cv::Mat colour, alpha;
        separateObject(objectCue, objectSide, random, colour, alpha);
        const bool right = itemAt.x + side / 2 < size / 2, bottom = itemAt.y + side / 2 < size / 2;
        const int jitter = random.integer(0, 2);
        const cv::Point at(right ? size - objectSide - jitter : jitter,
                           bottom ? size - objectSide - jitter : jitter);
        pasteOver(image, colour, alpha, at);
        alpha.copyTo(separateMask(cv::Rect(at, cv::Size(objectSide, objectSide))));
        objectMask = objectMask.mul(1.0 - separateMask);
    }
    cv::Mat backgroundMask(size, size, CV_32F, cv::Scalar(0));
    if (backgroundCue != BackgroundCue::None)
        backgroundMask = (1.0 - objectMask - separateMask);

    RenderedScene scene;
    scene.size = size;
    cv::min(cv::max(image, 0.0), 1.0, image);
    scene.rgb = toBytes(image);
    scene.objectMask = toBytes(objectMask);
    scene.backgroundMask = toBytes(cv::max(backgroundMask, 0.0));
    scene.separateMask = toBytes(separateMask);
    return scene;
}

} // namespace salient
