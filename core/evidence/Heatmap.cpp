#include "core/evidence/Heatmap.h"

#include "base/Errors.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace salient {

Image heatmapOverlay(const Image& image, const ActivationMap& nam)
{
    if (image.width != nam.width || image.height != nam.height)
        throw InputError("a heatmap needs an activation map of its image's size (" +
                         std::to_string(image.width) + "x" + std::to_string(image.height) + ", not " +
                         std::to_string(nam.width) + "x" + std::to_string(nam.height) + ")");
    cv::Mat levels(nam.height, nam.width, CV_8U);
    for (int y = 0; y < nam.height; ++y)
        for (int x = 0; x < nam.width; ++x)
            // Truncation, as np.uint8(255 * nam) in the reference.
            levels.at<std::uint8_t>(y, x) = std::uint8_t(std::clamp(255.0f * nam.at(x, y), 0.0f, 255.0f));
    cv::Mat jet;
    cv::applyColorMap(levels, jet, cv::COLORMAP_JET); // BGR

    Image heat;
    heat.width = image.width;
    heat.height = image.height;
    heat.pixels.resize(image.pixels.size());
    float peak = 0.0f;
    for (int y = 0; y < image.height; ++y) {
        const cv::Vec3b* row = jet.ptr<cv::Vec3b>(y);
        for (int x = 0; x < image.width; ++x)
            for (int c = 0; c < 3; ++c) {
                const std::size_t i = (std::size_t(y) * image.width + x) * 3 + std::size_t(c);
                heat.pixels[i] = float(row[x][2 - c]) / 255.0f + image.pixels[i];
                peak = std::max(peak, heat.pixels[i]);
            }
    }
    for (float& value : heat.pixels)
        value /= peak;
    return heat;
}

} // namespace salient
