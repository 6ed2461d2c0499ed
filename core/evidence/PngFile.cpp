#include "core/evidence/PngFile.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>

namespace salient {

std::vector<std::uint8_t> encodePng(const Image& image)
{
    if (image.empty())
        throw InputError("cannot encode an empty image as PNG");
    cv::Mat bgr(image.height, image.width, CV_8UC3);
    for (int y = 0; y < image.height; ++y) {
        cv::Vec3b* row = bgr.ptr<cv::Vec3b>(y);
        for (int x = 0; x < image.width; ++x)
            for (int c = 0; c < 3; ++c)
                row[x][2 - c] = std::uint8_t(std::lround(255.0f * std::clamp(image.at(x, y, c), 0.0f, 1.0f)));
    }
    std::vector<std::uint8_t> bytes;
    if (!cv::imencode(".png", bgr, bytes))
        throw InputError("cannot encode a " + std::to_string(image.width) + "x" +
                         std::to_string(image.height) + " image as PNG");
    return bytes;
}

void writePngFile(const std::string& path, const Image& image)
{
    const std::vector<std::uint8_t> png = encodePng(image);
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(png.data()), png.size()));
}

} // namespace salient
