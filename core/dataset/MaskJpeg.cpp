#include "core/dataset/MaskJpeg.h"

#include "base/AtomicFile.h"
#include "base/Errors.h"
#include "core/ImageDecoder.h"

#include <opencv2/imgcodecs.hpp>

namespace salient {

void writeMaskJpeg(const std::string& path, const SoftMask& mask, int quality)
{
    const cv::Mat image(mask.height, mask.width, CV_8UC1, const_cast<std::uint8_t*>(mask.values.data()));
    std::vector<uchar> bytes;
    if (mask.empty() || !cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, quality}))
        throw InputError(path + ": cannot encode the mask as JPEG");
    writeFileAtomically(path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

SoftMask readMaskImage(const std::string& path)
{
    // Checked first: a mask folder is as likely as any to hold a cut copy or a decompression bomb.
    const cv::Mat image = cv::imdecode(readImageFileChecked(path), cv::IMREAD_GRAYSCALE);
    if (image.empty() || image.depth() != CV_8U)
        throw ImageError(path + ": not a readable 8-bit mask image");
    SoftMask mask{image.cols, image.rows, {}};
    mask.values.reserve(std::size_t(image.cols) * std::size_t(image.rows));
    for (int y = 0; y < image.rows; ++y)
        mask.values.insert(mask.values.end(), image.ptr<std::uint8_t>(y),
                           image.ptr<std::uint8_t>(y) + image.cols);
    return mask;
}

} // namespace salient
