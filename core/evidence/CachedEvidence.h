#pragma once

#include "base/Job.h"
#include "core/evidence/AttackSettings.h"
#include "core/evidence/EvidenceRenderer.h"
#include "core/evidence/RenderCache.h"

#include <string>
#include <vector>

namespace salient {

/// One source image's evidence for a feature, as PNG files in a render cache.
struct CachedEvidence
{
    std::string source;              ///< the image file it was made from
    std::string image;               ///< the image resized and cropped to the model's input
    std::string heatmap;             ///< NAM heatmap (see heatmapOverlay)
    std::string attack;              ///< the feature attack's result
    std::vector<float> featureTrace; ///< the feature before every attack step, then after the last
    bool fromCache = false;          ///< nothing had to be rendered
};

/// The evidence of `feature` for image files, looked up in `cache` and rendered (in batches) only where
/// something is missing. Keys hold the model's checksum and preprocessing; attacks also their settings.
/// Throws ImageError for an unreadable source image and InputError for a feature out of range.
std::vector<CachedEvidence> renderEvidenceToCache(const EvidenceRenderer& renderer, const RenderCache& cache,
                                                  const std::vector<std::string>& imagePaths, int feature,
                                                  const AttackSettings& settings, const Job& job = {});

} // namespace salient
