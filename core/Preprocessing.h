#pragma once

#include "core/Image.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace salient {

/// Names how images are resized and cropped (torchvision's Resize and CenterCrop on PIL images). It is
/// part of Preprocessing::describe(), so an index, a cache or a result made another way reads as stale.
inline constexpr const char* kImageGeometry = "torchvision-pil";

/// How a model wants its input: resize the shorter side, take the centre crop, then normalise per
/// channel. Images reach the model in [0, 1]; the model applies mean and std itself, so attacks and
/// noise work in image space.
struct Preprocessing
{
    int resize = 256; ///< shorter side after resizing; 0 keeps the image size
    int crop = 224;   ///< side of the square centre crop; 0 keeps the resized image
    std::array<float, 3> mean{0.485f, 0.456f, 0.406f};
    std::array<float, 3> std{0.229f, 0.224f, 0.225f};

    static Preprocessing imageNet() { return {}; }
    std::string describe() const;
};

/// Resizes the shorter side to `resize` as torchvision's Resize does on PIL images (Pillow's antialiased
/// bilinear filter, core/PillowResize.h), then
/// takes the centre `crop` x `crop` square, padding with black where the image is smaller.
Image resizeAndCentreCrop(const Image& image, int resize, int crop);

/// The width and height resizeAndCentreCrop gives an image of `width` x `height`, without resizing it.
std::pair<int, int> preparedSize(int width, int height, int resize, int crop);

inline Image applyGeometry(const Image& image, const Preprocessing& p)
{
    return resizeAndCentreCrop(image, p.resize, p.crop);
}

/// A single-channel float map (e.g. a soft mask in [0, 1]), rows top to bottom.
struct Plane
{
    int width = 0;
    int height = 0;
    std::vector<float> values; ///< width * height
};

/// The image geometry for a single-channel map, so that a mask stays aligned with its image.
Plane resizeAndCentreCrop(const Plane& plane, int resize, int crop);

/// The inverse of resizeAndCentreCrop for a map made on a model's input (a NAM): the map placed where
/// that crop came from in an image of `imageWidth` x `imageHeight`, zero outside it. A map of another
/// size than the crop is stretched over the crop first.
Plane uncropPlane(const Plane& plane, int imageWidth, int imageHeight, int resize, int crop);

/// Bilinear resize to exactly `width` x `height` (a mask made at another resolution than its image).
Plane resizePlane(const Plane& plane, int width, int height);

} // namespace salient
