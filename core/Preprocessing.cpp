#include "core/Preprocessing.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
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

/// Resizes the shorter side to `resize`, then takes the centre `crop` square (any channel count).
cv::Mat geometry(cv::Mat mat, int resize, int crop)
{
    const int imageWidth = mat.cols, imageHeight = mat.rows;
    if (resize > 0) {
        const int shorter = std::min(imageWidth, imageHeight);
        // torchvision's Resize(int): the shorter side becomes `resize`, the longer one is truncated.
        const int width = imageWidth == shorter ? resize : int(double(resize) * imageWidth / shorter);
        const int height = imageHeight == shorter ? resize : int(double(resize) * imageHeight / shorter);
        if (width != imageWidth || height != imageHeight) {
            const int interpolation = resize < shorter ? cv::INTER_AREA : cv::INTER_LINEAR;
            cv::Mat resized;
            cv::resize(mat, resized, cv::Size(width, height), 0, 0, interpolation);
            mat = resized;
        }
    }
    if (crop > 0 && (mat.cols != crop || mat.rows != crop)) {
        cv::Mat padded = mat;
        if (mat.cols < crop || mat.rows < crop) {
            const int padX = std::max(0, crop - mat.cols), padY = std::max(0, crop - mat.rows);
            cv::copyMakeBorder(mat, padded, padY / 2, (padY + 1) / 2, padX / 2, (padX + 1) / 2,
                               cv::BORDER_CONSTANT, cv::Scalar::all(0));
        }
        // Same rounding as torchvision's CenterCrop.
        const int top = int(std::lround((padded.rows - crop) / 2.0));
        const int left = int(std::lround((padded.cols - crop) / 2.0));
        mat = padded(cv::Rect(left, top, crop, crop));
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
        << std[2] << "]";
    return out.str();
}

Image resizeAndCentreCrop(const Image& image, int resize, int crop)
{
    return fromMat(geometry(asMat(image), resize, crop));
}

Plane resizeAndCentreCrop(const Plane& plane, int resize, int crop)
{
    return planeFromMat(geometry(planeMat(plane), resize, crop));
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
