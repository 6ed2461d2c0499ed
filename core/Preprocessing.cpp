#include "core/Preprocessing.h"

#include "core/PillowResize.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>

namespace salient {
namespace {

cv::Mat asMat(const Image& image)
{
    return cv::Mat(image.height, image.width, CV_32FC3, const_cast<float*>(image.pixels.data()));
}

Image fromMat(const cv::Mat& mat)
{
    Image image;
    image.width = mat.cols;
    image.height = mat.rows;
    image.pixels.resize(std::size_t(mat.cols) * mat.rows * 3);
    cv::Mat target(mat.rows, mat.cols, CV_32FC3, image.pixels.data());
    mat.copyTo(target);
    return image;
}

/// torchvision's Resize(int): the shorter side becomes `resize`, the longer one is truncated.
cv::Size resizedSize(int imageWidth, int imageHeight, int resize)
{
    if (resize <= 0)
        return {imageWidth, imageHeight};
    const int shorter = std::min(imageWidth, imageHeight);
    return {imageWidth == shorter ? resize : int(double(resize) * imageWidth / shorter),
            imageHeight == shorter ? resize : int(double(resize) * imageHeight / shorter)};
}

/// Where the centre `crop` square lies in an image of `size`: its top-left corner, negative where the
/// image is smaller than the crop and gets padded. torchvision's CenterCrop rounds with Python's
/// round(), which rounds halves to even (58.5 -> 58); nearbyint does the same in the default mode.
cv::Point cropCorner(cv::Size size, int crop)
{
    const int padX = std::max(0, crop - size.width), padY = std::max(0, crop - size.height);
    const int top = int(std::nearbyint((size.height + padY - crop) / 2.0));
    const int left = int(std::nearbyint((size.width + padX - crop) / 2.0));
    return {left - padX / 2, top - padY / 2};
}

/// torchvision's Resize on a PIL image: Pillow's antialiased bilinear filter. An RGB image is resized
/// in 8 bits as Pillow does (its samples come from 8-bit files); a single-channel map stays float.
cv::Mat resizeLikeTorchvision(const cv::Mat& mat, cv::Size size)
{
    const int channels = mat.channels();
    const cv::Mat continuous = mat.isContinuous() ? mat : mat.clone();
    const std::size_t count = std::size_t(mat.cols) * mat.rows * channels;
    const float* values = continuous.ptr<float>();
    cv::Mat resized(size, mat.type());
    if (channels == 3) {
        std::vector<std::uint8_t> bytes(count);
        for (std::size_t i = 0; i < count; ++i)
            bytes[i] = std::uint8_t(std::clamp(std::lround(values[i] * 255.0f), 0L, 255L));
        const auto out = resizeLikePillow(bytes, mat.cols, mat.rows, channels, size.width, size.height);
        float* target = resized.ptr<float>();
        for (std::size_t i = 0; i < out.size(); ++i)
            target[i] = float(out[i]) / 255.0f;
    } else {
        const auto out = resizeLikePillow(std::vector<float>(values, values + count), mat.cols, mat.rows,
                                          channels, size.width, size.height);
        std::copy(out.begin(), out.end(), resized.ptr<float>());
    }
    return resized;
}

/// Resizes the shorter side to `resize`, then takes the centre `crop` square (any channel count).
cv::Mat geometry(cv::Mat mat, int resize, int crop)
{
    const cv::Size size = resizedSize(mat.cols, mat.rows, resize);
    if (size.width != mat.cols || size.height != mat.rows)
        mat = resizeLikeTorchvision(mat, size);
    if (crop > 0 && (mat.cols != crop || mat.rows != crop)) {
        cv::Mat padded = mat;
        const int padX = std::max(0, crop - mat.cols), padY = std::max(0, crop - mat.rows);
        if (padX > 0 || padY > 0)
            cv::copyMakeBorder(mat, padded, padY / 2, (padY + 1) / 2, padX / 2, (padX + 1) / 2,
                               cv::BORDER_CONSTANT, cv::Scalar::all(0));
        const cv::Point corner = cropCorner(mat.size(), crop);
        mat = padded(cv::Rect(corner.x + padX / 2, corner.y + padY / 2, crop, crop));
    }
    return mat;
}

cv::Mat planeMat(const Plane& plane)
{
    return cv::Mat(plane.height, plane.width, CV_32FC1, const_cast<float*>(plane.values.data()));
}

Plane planeFromMat(const cv::Mat& mat)
{
    Plane plane;
    plane.width = mat.cols;
    plane.height = mat.rows;
    plane.values.resize(std::size_t(mat.cols) * mat.rows);
    cv::Mat target(mat.rows, mat.cols, CV_32FC1, plane.values.data());
    mat.copyTo(target);
    return plane;
}

} // namespace

std::string Preprocessing::describe() const
{
    std::ostringstream out;
    out << (resize > 0 ? "resize " + std::to_string(resize) : std::string("no resize")) << ", "
        << (crop > 0 ? "centre crop " + std::to_string(crop) : std::string("no crop")) << ", mean ["
        << mean[0] << ", " << mean[1] << ", " << mean[2] << "], std [" << std[0] << ", " << std[1] << ", "
        << std[2] << "], geometry " << kImageGeometry;
    return out.str();
}

std::pair<int, int> preparedSize(int width, int height, int resize, int crop)
{
    if (crop > 0)
        return {crop, crop};
    const cv::Size size = resizedSize(width, height, resize);
    return {size.width, size.height};
}

Image resizeAndCentreCrop(const Image& image, int resize, int crop)
{
    return fromMat(geometry(asMat(image), resize, crop));
}

Plane resizeAndCentreCrop(const Plane& plane, int resize, int crop)
{
    return planeFromMat(geometry(planeMat(plane), resize, crop));
}

Plane uncropPlane(const Plane& plane, int imageWidth, int imageHeight, int resize, int crop)
{
    const cv::Size size = resizedSize(imageWidth, imageHeight, resize);
    cv::Mat resized = cv::Mat::zeros(size, CV_32FC1);
    if (crop > 0) {
        const Plane square = resizePlane(plane, crop, crop);
        const cv::Point corner = cropCorner(size, crop);
        // The part of the crop that lies on the image (the rest was padding).
        const cv::Rect onImage = cv::Rect(corner, cv::Size(crop, crop)) & cv::Rect(cv::Point(0, 0), size);
        if (!onImage.empty())
            planeMat(square)(onImage - corner).copyTo(resized(onImage));
    } else {
        resized = planeMat(resizePlane(plane, size.width, size.height)).clone();
    }
    return resizePlane(planeFromMat(resized), imageWidth, imageHeight);
}

Plane resizePlane(const Plane& plane, int width, int height)
{
    if (plane.width == width && plane.height == height)
        return plane;
    cv::Mat resized;
    cv::resize(planeMat(plane), resized, cv::Size(width, height), 0, 0, cv::INTER_LINEAR);
    return planeFromMat(resized);
}

} // namespace salient
