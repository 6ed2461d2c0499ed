#include "core/ImageDecoder.h"

#include "base/Errors.h"
#include "base/Parse.h"
#include "core/ImageHeader.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>

namespace salient {
namespace {

std::mutex limitsMutex;
std::optional<DecodeLimits> limitsSet; // by setDecodeLimits; guarded by limitsMutex

double sampleScale(int depth, const std::string& name)
{
    switch (depth) {
    case CV_8U:
        return 1.0 / 255.0;
    case CV_16U:
        return 1.0 / 65535.0;
    case CV_32F:
        return 1.0;
    default:
        throw ImageError(name + ": unsupported sample depth (OpenCV depth " + std::to_string(depth) + ")");
    }
}

Image toRgbImage(const cv::Mat& decoded, const std::string& name)
{
    cv::Mat rgb;
    switch (decoded.channels()) {
    case 1:
        cv::cvtColor(decoded, rgb, cv::COLOR_GRAY2RGB);
        break;
    case 2: { // gray + alpha: keep the gray plane
        cv::Mat gray;
        cv::extractChannel(decoded, gray, 0);
        cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
        break;
    }
    case 3:
        cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(decoded, rgb, cv::COLOR_BGRA2RGB);
        break;
    default:
        throw ImageError(name + ": unsupported channel count " + std::to_string(decoded.channels()));
    }
    cv::Mat floats;
    rgb.convertTo(floats, CV_32FC3, sampleScale(decoded.depth(), name));
    if (decoded.depth() == CV_32F)
        cv::min(cv::max(floats, 0.0), 1.0, floats);

    Image image;
    image.width = floats.cols;
    image.height = floats.rows;
    image.pixels.resize(std::size_t(image.width) * image.height * 3);
    for (int y = 0; y < floats.rows; ++y) {
        const float* row = floats.ptr<float>(y);
        std::copy(row, row + std::size_t(floats.cols) * 3,
                  image.pixels.begin() + std::size_t(y) * floats.cols * 3);
    }
    return image;
}

/// Decodes bytes that passed checkEncodedImage.
Image decodeChecked(const std::vector<std::uint8_t>& bytes, const std::string& name)
{
    cv::Mat decoded;
    try {
        decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw ImageError(name + ": cannot decode image (" + e.msg + ")");
    }
    if (decoded.empty())
        throw ImageError(name + ": not a readable JPEG or PNG image (damaged or unknown format)");
    return toRgbImage(decoded, name);
}

} // namespace

DecodeLimits decodeLimits()
{
    {
        const std::lock_guard lock(limitsMutex);
        if (limitsSet)
            return *limitsSet;
    }
    DecodeLimits limits;
    if (const char* text = std::getenv(MaxImagePixelsVariable))
        limits.maxPixels =
            requireUint64(text, std::string("the environment variable ") + MaxImagePixelsVariable);
    return limits;
}

void setDecodeLimits(const DecodeLimits& limits)
{
    const std::lock_guard lock(limitsMutex);
    limitsSet = limits;
}

void resetDecodeLimits()
{
    const std::lock_guard lock(limitsMutex);
    limitsSet.reset();
}

void checkEncodedImage(const std::vector<std::uint8_t>& bytes, const std::string& name,
                       const DecodeLimits& limits)
{
    const std::optional<ImageHeader> header = readImageHeader(bytes);
    if (!header)
        return;
    if (limits.maxPixels != 0 && header->pixels() > limits.maxPixels)
        throw ImageError(name + ": the " + header->format + " header declares " +
                         std::to_string(header->width) + " x " + std::to_string(header->height) + " = " +
                         std::to_string(header->pixels()) + " pixels, more than the limit of " +
                         std::to_string(limits.maxPixels) + " (refused without decoding; " +
                         MaxImagePixelsVariable + " raises the limit)");
    if (header->truncated)
        throw ImageError(name + ": truncated JPEG (no end-of-image marker)");
}

std::vector<std::uint8_t> readImageFileChecked(const std::string& path, const DecodeLimits& limits)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw ImageError(path + ": cannot open file");
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty())
        throw ImageError(path + ": empty file");
    checkEncodedImage(bytes, path, limits);
    return bytes;
}

Image decodeImageBytes(const std::vector<std::uint8_t>& bytes, const std::string& name,
                       const DecodeLimits& limits)
{
    if (bytes.empty())
        throw ImageError(name + ": empty file");
    checkEncodedImage(bytes, name, limits);
    return decodeChecked(bytes, name);
}

Image decodeImageFile(const std::string& path, const DecodeLimits& limits)
{
    return decodeChecked(readImageFileChecked(path, limits), path);
}

} // namespace salient
