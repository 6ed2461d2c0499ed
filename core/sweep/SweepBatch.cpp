#include "core/sweep/SweepBatch_p.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "core/Parallel.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cstring>

namespace salient {
namespace {

struct DecodedSample
{
    Image image;
    std::vector<Plane> masks; ///< at the image's geometry
};

DecodedSample decodeSample(const SweepSource& source, std::size_t index, const Preprocessing& geometry)
{
    const SweepSample& sample = source.samples()[index];
    const Image original = decodeImageFile(sample.imagePath);
    DecodedSample decoded;
    decoded.image = applyGeometry(original, geometry);
    std::vector<SweepMask> masks = source.loadMasks(index);
    if (masks.size() != sample.masks.size())
        throw InputError(sample.imagePath + ": the source gave " + std::to_string(masks.size()) +
                         " masks for its " + std::to_string(sample.masks.size()) + " features");
    const std::optional<Preprocessing> frame = source.maskGeometry();
    const bool madeOnThisInput = frame && frame->resize == geometry.resize && frame->crop == geometry.crop;
    for (SweepMask& mask : masks) {
        if (mask.values.size() != std::size_t(mask.width) * std::size_t(mask.height) || mask.values.empty())
            throw InputError(sample.imagePath + ": a mask of the wrong size");
        if (madeOnThisInput && mask.width == decoded.image.width && mask.height == decoded.image.height) {
            decoded.masks.push_back(std::move(mask)); // already where the model's input is
            continue;
        }
        // Otherwise the mask is first put over its whole image (stretched, or placed in the crop it was
        // made on), then cropped with it.
        const Plane aligned =
            frame ? uncropPlane(mask, original.width, original.height, frame->resize, frame->crop)
                  : resizePlane(mask, original.width, original.height);
        decoded.masks.push_back(resizeAndCentreCrop(aligned, geometry.resize, geometry.crop));
    }
    return decoded;
}

void checkSize(const std::string& path, int width, int height, int expectedWidth, int expectedHeight)
{
    if (width != expectedWidth || height != expectedHeight)
        throw ImageError(path + ": " + std::to_string(width) + "x" + std::to_string(height) +
                         " after preprocessing, unlike the others (" + std::to_string(expectedWidth) + "x" +
                         std::to_string(expectedHeight) + ")");
}

/// dst = max(dst, src) element-wise.
void maxInto(float* dst, const std::vector<float>& src)
{
    for (std::size_t p = 0; p < src.size(); ++p)
        dst[p] = std::max(dst[p], src[p]);
}

} // namespace

SweepBatch decodeSweepBatch(const SweepSource& source, const std::vector<std::size_t>& samples,
                            const Preprocessing& geometry, bool featureDrops)
{
    std::vector<DecodedSample> decoded(samples.size());
    parallelFor(0, samples.size(),
                [&](std::size_t i) { decoded[i] = decodeSample(source, samples[i], geometry); });

    SweepBatch batch;
    batch.samples = samples;
    const std::int64_t n = std::int64_t(samples.size());
    const int width = decoded.front().image.width, height = decoded.front().image.height;
    const std::size_t plane = std::size_t(width) * std::size_t(height);

    // Which masks need a pass of their own: those not alone in their role on their image.
    std::int64_t featureCount = 0;
    batch.featureRow.resize(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const auto& refs = source.samples()[samples[i]].masks;
        const auto inRole = [&](MaskRole role) {
            return std::count_if(refs.begin(), refs.end(), [&](const MaskRef& r) { return r.role == role; });
        };
        const auto core = inRole(MaskRole::Core), spurious = inRole(MaskRole::Spurious);
        batch.hasCore.push_back(core > 0);
        batch.hasSpurious.push_back(spurious > 0);
        for (const MaskRef& ref : refs) {
            const bool alone = (ref.role == MaskRole::Core ? core : spurious) == 1;
            batch.featureRow[i].push_back(featureDrops && !alone ? featureCount : -1);
            if (featureDrops && !alone) {
                batch.featureOwner.push_back(std::int64_t(i));
                ++featureCount;
            }
        }
    }

    batch.images = at::empty({n, height, width, 3}, at::kFloat);
    batch.coreUnion = at::zeros({n, height, width}, at::kFloat);
    batch.spuriousUnion = at::zeros({n, height, width}, at::kFloat);
    batch.featureMasks = at::empty({featureCount, height, width}, at::kFloat);
    float* images = batch.images.data_ptr<float>();
    float* core = batch.coreUnion.data_ptr<float>();
    float* spurious = batch.spuriousUnion.data_ptr<float>();
    float* features = featureCount > 0 ? batch.featureMasks.data_ptr<float>() : nullptr;
    parallelFor(0, samples.size(), [&](std::size_t i) {
        const SweepSample& sample = source.samples()[samples[i]];
        const DecodedSample& d = decoded[i];
        checkSize(sample.imagePath, d.image.width, d.image.height, width, height);
        std::memcpy(images + i * plane * 3, d.image.pixels.data(), plane * 3 * sizeof(float));
        for (std::size_t m = 0; m < d.masks.size(); ++m) {
            checkSize(sample.imagePath + " (mask)", d.masks[m].width, d.masks[m].height, width, height);
            maxInto((sample.masks[m].role == MaskRole::Core ? core : spurious) + i * plane,
                    d.masks[m].values);
            if (const std::int64_t row = batch.featureRow[i][m]; row >= 0)
                std::memcpy(features + std::size_t(row) * plane, d.masks[m].values.data(),
                            plane * sizeof(float));
        }
    });
    return batch;
}

} // namespace salient
