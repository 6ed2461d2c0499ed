#pragma once

#include "base/Job.h"
#include "core/sweep/SweepOptions.h"
#include "core/sweep/SweepResults.h"
#include "core/sweep/SweepSource.h"

#include <functional>
#include <string>
#include <vector>

namespace salient {

/// Called on the sweep's thread after every batch (and once at the end) with the counts so far.
using SweepListener = std::function<void(const SweepResults&)>;

/// Step 7 of the method: corrupts regions of the source's images for every strategy and level and counts
/// each model's accuracy, per class and overall, beside its clean accuracy on the same images.
///
/// Models may be native ResNets or TorchScript classifiers; each gets the images and masks resized and
/// cropped as it wants (core/Preprocessing, masks exactly as images). Models that share a geometry share
/// the decoded batch and the noise. Images are decoded one batch ahead on worker threads; corruption and
/// forward passes run batched on the chosen device, with one upload per batch.
///
/// The noise of an image depends only on (seed, its position in the source, strategy, sigma) and the
/// input size, never on the batch size, the scope or the other levels, so a run repeats exactly and a
/// class's numbers equal its share of a whole run. (CPU and CUDA draw different, equally valid, noise.)
SweepResults runSweep(const SweepSource& source, const std::vector<std::string>& modelPaths,
                      const SweepOptions& options, const Job& job = {}, const SweepListener& listener = {});

} // namespace salient
