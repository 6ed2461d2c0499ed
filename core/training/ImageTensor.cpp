#include "core/training/ImageTensor_p.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "core/Parallel.h"

#include <ATen/ATen.h>

#include <atomic>
#include <cmath>

namespace salient {

at::Tensor loadImageTensor(const ImageFolder& folder, const Preprocessing& preprocessing, const Job& job)
{
    if (folder.entries.empty())
        throw InputError(folder.root + ": no images");
    const Image first = applyGeometry(decodeImageFile(folder.entries.front().path), preprocessing);
    const std::int64_t count = std::int64_t(folder.entries.size());
    at::Tensor batch = at::empty({count, first.height, first.width, 3}, at::kByte);
    std::uint8_t* data = batch.data_ptr<std::uint8_t>();
    const std::size_t pixels = std::size_t(first.width) * first.height * 3;
    const std::size_t chunk = 1024;
    for (std::size_t start = 0; start < folder.entries.size(); start += chunk) {
        job.throwIfCancelled();
        job.report(std::int64_t(start), count, "Loading images");
        parallelFor(start, std::min(folder.entries.size(), start + chunk), [&](std::size_t i) {
            const std::string& path = folder.entries[i].path;
            const Image image = applyGeometry(decodeImageFile(path), preprocessing);
            if (image.width != first.width || image.height != first.height)
                throw ImageError(path + ": " + std::to_string(image.width) + "x" +
                                 std::to_string(image.height) + " after preprocessing, unlike the others (" +
                                 std::to_string(first.width) + "x" + std::to_string(first.height) + ")");
            for (std::size_t p = 0; p < pixels; ++p)
                data[i * pixels + p] = std::uint8_t(std::lround(image.pixels[p] * 255.0f));
        });
    }
    return batch.permute({0, 3, 1, 2}).contiguous();
}

at::Tensor labelTensor(const ImageFolder& folder)
{
    std::vector<std::int64_t> labels;
    labels.reserve(folder.entries.size());
    for (const auto& entry : folder.entries)
        labels.push_back(entry.label);
    return at::tensor(labels, at::kLong);
}

} // namespace salient
