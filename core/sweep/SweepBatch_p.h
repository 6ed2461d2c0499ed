#pragma once

// Internal to core: includes LibTorch headers.
#include "core/Preprocessing.h"
#include "core/sweep/SweepSource.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <vector>

namespace salient {

/// One batch of a sweep, decoded on the host at one model input geometry: the images, the union of each
/// image's core masks and of its spurious masks, and the single-feature masks that differ from those
/// unions (a feature alone in its role on an image is its role's union, so it needs no pass of its own).
struct SweepBatch
{
    std::vector<std::size_t> samples; ///< positions in the source
    at::Tensor images;                ///< n x H x W x 3 float, [0, 1] (uploaded, then made n x 3 x H x W)
    at::Tensor coreUnion;             ///< n x H x W
    at::Tensor spuriousUnion;         ///< n x H x W
    std::vector<bool> hasCore;
    std::vector<bool> hasSpurious;
    at::Tensor featureMasks;                ///< f x H x W
    std::vector<std::int64_t> featureOwner; ///< the batch row of each feature mask
    /// Per image, per entry of its sample's masks: the row of featureMasks, or -1 when the mask is its
    /// role's union.
    std::vector<std::vector<std::int64_t>> featureRow;
};

/// Decodes the images and masks of `samples` on parallel threads and applies `geometry` to both.
/// Throws ImageError naming an unreadable image or mask, or one whose size differs from the others
/// after the geometry.
SweepBatch decodeSweepBatch(const SweepSource& source, const std::vector<std::size_t>& samples,
                            const Preprocessing& geometry, bool featureDrops);

} // namespace salient
