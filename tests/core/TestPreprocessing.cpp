// Resize and centre crop: sizes and placement as torchvision's Resize(int) + CenterCrop.
#include "core/PillowResize.h"
#include "core/Preprocessing.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <vector>

using namespace salient;

namespace {

/// An image whose red channel encodes the column and green the row, so crops can be located.
Image coordinateImage(int width, int height)
{
    Image image;
    image.width = width;
    image.height = height;
    image.pixels.resize(std::size_t(width) * height * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            image.pixels[(std::size_t(y) * width + x) * 3] = float(x) / 1000.0f;
            image.pixels[(std::size_t(y) * width + x) * 3 + 1] = float(y) / 1000.0f;
        }
    return image;
}

} // namespace

class TestPreprocessing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cropWithoutResizeTakesTheCentre()
    {
        const Image out = resizeAndCentreCrop(coordinateImage(10, 8), 0, 4);
        QCOMPARE(out.width, 4);
        QCOMPARE(out.height, 4);
        // torchvision: top = round((8 - 4) / 2) = 2, left = round((10 - 4) / 2) = 3.
        QCOMPARE(out.at(0, 0, 0), 3.0f / 1000.0f);
        QCOMPARE(out.at(0, 0, 1), 2.0f / 1000.0f);
    }

    void resizeKeepsAspectOfTheShorterSide()
    {
        const Image out = resizeAndCentreCrop(coordinateImage(300, 200), 100, 0);
        QCOMPARE(out.height, 100);
        QCOMPARE(out.width, 150);
        const Image tall = resizeAndCentreCrop(coordinateImage(50, 120), 100, 0);
        QCOMPARE(tall.width, 100);
        QCOMPARE(tall.height, 240);
    }

    void smallImagesArePaddedWithBlack()
    {
        const Image out = resizeAndCentreCrop(coordinateImage(2, 2), 0, 4);
        QCOMPARE(out.width, 4);
        QCOMPARE(out.at(0, 0, 2), 0.0f);
        QCOMPARE(out.at(1, 1, 0), 0.0f);
    }

    /// Pillow's bilinear taps worked by hand for 4 samples shrunk to 2: scale 2, so the triangle's support
    /// is 2; output 0 is centred at 1.0 and takes samples 0-2 with weights 0.75, 0.75, 0.25 (over 1.75).
    void pillowTapsWorkedByHand()
    {
        const std::vector<ResampleTaps> taps = bilinearTaps(4, 2);
        QCOMPARE(taps.size(), std::size_t(2));
        QCOMPARE(taps[0].first, 0);
        QCOMPARE(taps[1].first, 1);
        const std::vector<double> first{3.0 / 7, 3.0 / 7, 1.0 / 7}, second{1.0 / 7, 3.0 / 7, 3.0 / 7};
        QCOMPARE(taps[0].weights, first);
        QCOMPARE(taps[1].weights, second);
        // 8 bits: (10 * 3 + 20 * 3 + 30) / 7 = 17.14 -> 17; (20 + 30 * 3 + 40 * 3) / 7 = 32.86 -> 33.
        const std::vector<std::uint8_t> row{10, 20, 30, 40};
        QCOMPARE(resizeLikePillow(row, 4, 1, 1, 2, 1), (std::vector<std::uint8_t>{17, 33}));
    }

    /// A mask goes through the same geometry as its image, so it stays aligned with it. The image is
    /// resized in 8 bits as Pillow does and the mask in float: quantising this image's values and
    /// rounding after each of the two passes each cost at most half an 8-bit step.
    void planesFollowTheImageGeometry()
    {
        const Image image = coordinateImage(90, 60);
        Plane plane{90, 60, {}};
        for (std::size_t p = 0; p < image.pixels.size(); p += 3)
            plane.values.push_back(image.pixels[p]);
        for (const auto& [resize, crop] : {std::pair{40, 36}, std::pair{120, 100}, std::pair{0, 70}}) {
            const Image out = resizeAndCentreCrop(image, resize, crop);
            const Plane mask = resizeAndCentreCrop(plane, resize, crop);
            QCOMPARE(mask.width, out.width);
            QCOMPARE(mask.height, out.height);
            for (int y = 0; y < out.height; ++y)
                for (int x = 0; x < out.width; ++x)
                    QVERIFY(std::abs(mask.values[std::size_t(y * out.width + x)] - out.at(x, y, 0)) <=
                            1.5f / 255.0f);
        }
        const Plane stretched = resizePlane(Plane{2, 1, {0.0f, 1.0f}}, 4, 2);
        QCOMPARE(stretched.width, 4);
        QCOMPARE(stretched.values.front(), 0.0f);
        QCOMPARE(stretched.values.back(), 1.0f);
    }

    /// A map made on the model's input (a NAM) goes back where its crop came from: cropping it again
    /// gives the map, and the image outside the crop is zero.
    void uncroppedPlanesReturnToTheirCrop()
    {
        for (const auto& [width, height, resize, crop] :
             {std::array{300, 200, 256, 224}, std::array{90, 60, 0, 70}, std::array{90, 60, 40, 36}}) {
            Plane plane{width, height, {}};
            for (int y = 0; y < height; ++y)
                for (int x = 0; x < width; ++x)
                    plane.values.push_back(0.5f * x / width + 0.5f * y / height);
            const Plane cropped = resizeAndCentreCrop(plane, resize, crop);
            const Plane uncropped = uncropPlane(cropped, width, height, resize, crop);
            QCOMPARE(uncropped.width, width);
            QCOMPARE(uncropped.height, height);
            const Plane again = resizeAndCentreCrop(uncropped, resize, crop);
            float worst = 0.0f;
            for (int y = 2; y < crop - 2; ++y)
                for (int x = 2; x < crop - 2; ++x) {
                    const std::size_t p = std::size_t(y * crop + x);
                    if (cropped.values[p] > 0.0f) // not padding
                        worst = std::max(worst, std::abs(again.values[p] - cropped.values[p]));
                }
            QVERIFY2(worst < 0.02f, qPrintable(QString("re-cropped differs by %1").arg(worst)));
        }
        // 300 x 200 -> 384 x 256 -> the crop starts 80 px right of the left edge: that edge is outside it.
        const Plane ones{224, 224, std::vector<float>(224 * 224, 1.0f)};
        const Plane placed = uncropPlane(ones, 300, 200, 256, 224);
        QCOMPARE(placed.values[std::size_t(100 * 300 + 10)], 0.0f);
        QCOMPARE(placed.values[std::size_t(100 * 300 + 150)], 1.0f);
        QCOMPARE(placed.values[std::size_t(100 * 300 + 290)], 0.0f);
    }

    /// The size told without resizing is the size the geometry makes.
    void preparedSizeIsTheSizeTheGeometryMakes()
    {
        for (const auto& [w, h, resize, crop] : std::vector<std::array<int, 4>>{{300, 200, 100, 0},
                                                                                {50, 120, 100, 0},
                                                                                {333, 500, 256, 0},
                                                                                {640, 480, 256, 224},
                                                                                {10, 8, 0, 4},
                                                                                {7, 9, 0, 0}}) {
            const Image out = resizeAndCentreCrop(coordinateImage(w, h), resize, crop);
            QCOMPARE(preparedSize(w, h, resize, crop), std::make_pair(out.width, out.height));
        }
    }

    void describesItself()
    {
        QVERIFY(QString::fromStdString(Preprocessing::imageNet().describe())
                    .startsWith("resize 256, centre crop 224"));
    }
};

QTEST_GUILESS_MAIN(TestPreprocessing)
#include "TestPreprocessing.moc"
