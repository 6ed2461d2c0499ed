#pragma once

#include "base/Job.h"
#include "core/Runtime.h"
#include "core/masking/LayerMasking.h"
#include "core/masking/MaskingStrategy.h"
#include "core/sweep/SweepSource.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace salient {

/// The masking lab's settings, shared by its experiments.
struct MaskingOptions
{
    std::vector<MaskingStrategy> strategies = allMaskingStrategies();
    LayerMaskOptions layer;
    std::uint64_t seed = 0;
    int batchSize = 64;
    std::int64_t limit = 0; ///< at most this many images, spread evenly over the source; 0 = all
    DeviceChoice device = DeviceChoice::Auto;
    std::vector<double> rates{0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}; ///< removal curves
    int patch = 0; ///< removal curves' square side in pixels; 0 = 16 per 224 of the shorter side

    /// Throws InputError naming the first bad option.
    void validate() const;
};

/// A model as an experiment ran it.
struct MaskingModel
{
    std::string name;
    std::string path;
    std::string sha256;
    std::string architecture;
};

/// What every experiment's results share: where the images came from and how they were masked.
struct MaskingRunInfo
{
    std::string source;
    std::vector<std::string> classIds;
    std::vector<MaskingModel> models;
    MaskingOptions options;
    std::string device;
    std::vector<std::string> notes; ///< e.g. that soft masks were thresholded for layer masking
    double seconds = 0.0;
};

/// One (model, strategy, class) of the leakage experiment, on the images the model gets right when clean.
struct LeakageCell
{
    std::int64_t images = 0;
    std::int64_t objectCorrect = 0; ///< still right with the object removed
    std::int64_t brokenCorrect = 0; ///< still right with the rolled ("broken") mask removed

    double objectAccuracy() const { return images > 0 ? double(objectCorrect) / double(images) : 0.0; }
    double brokenAccuracy() const { return images > 0 ? double(brokenCorrect) / double(images) : 0.0; }
    /// object / broken accuracy; 0 when the broken mask left nothing right.
    double ratio() const { return brokenCorrect > 0 ? objectAccuracy() / brokenAccuracy() : 0.0; }
};

/// (model, strategy, class index or -1 for all classes)
using LeakageKey = std::tuple<int, MaskingStrategy, int>;

/// Mask-shape leakage: each image's object (the union of its core masks) removed with every strategy,
/// and as a control the same mask rolled by half the image in both axes.
struct LeakageResults
{
    MaskingRunInfo info;
    std::map<int, std::pair<std::int64_t, std::int64_t>> clean; ///< per model: images with an object, right
    std::map<LeakageKey, LeakageCell> cells;
};

/// One (model, strategy, rate) of the removal curves, over every image in scope.
struct CurvePoint
{
    std::int64_t images = 0;
    std::int64_t correct = 0;
    std::int64_t unchanged = 0;                     ///< predicted as on the clean image
    std::map<std::int64_t, std::int64_t> predicted; ///< model class -> images predicted as it
    double similaritySum = 0.0;                     ///< Wu-Palmer similarity of prediction and label
    std::int64_t similarityImages = 0;              ///< images whose prediction and label are both in WordNet

    double accuracy() const { return images > 0 ? double(correct) / double(images) : 0.0; }
    double unchangedFraction() const { return images > 0 ? double(unchanged) / double(images) : 0.0; }
    /// Entropy in bits of the histogram of predicted classes.
    double entropy() const;
    /// -1 when no image had a similarity.
    double meanSimilarity() const
    {
        return similarityImages > 0 ? similaritySum / double(similarityImages) : -1.0;
    }
};

/// (model, strategy, index into options.rates)
using CurveKey = std::tuple<int, MaskingStrategy, int>;

/// Segment-removal curves: square patches removed in a seeded random order per image, at each rate.
struct CurveResults
{
    MaskingRunInfo info;
    int patch = 0; ///< the side used
    std::map<CurveKey, CurvePoint> points;
};

/// Runs mask-shape leakage on `source` (images without a core mask are skipped). Models may be native
/// ResNets or TorchScript classifiers; layer masking is refused for the latter with a ModelError.
/// Soft masks are thresholded for layer masking (noted in info.notes). Progress and cancellation
/// through `job`.
LeakageResults runLeakage(const SweepSource& source, const std::vector<std::string>& modelPaths,
                          const MaskingOptions& options, const Job& job = {});

/// Runs the removal curves on `source`. With `wordNetDirectory` (WordNet 3.0's database files) and class
/// ids that are WordNet ids, the mean Wu-Palmer similarity of prediction and label is measured too.
/// Layer masking has no point at a rate that removes every patch (it needs a kept pixel).
CurveResults runRemovalCurves(const SweepSource& source, const std::vector<std::string>& modelPaths,
                              const MaskingOptions& options, const Job& job = {},
                              const std::string& wordNetDirectory = {});

/// The patch order of one image: a permutation of 0..count-1 drawn from (seed, sample).
std::vector<int> patchOrder(std::uint64_t seed, std::size_t sample, int count);
/// The patch side for an image of `width` x `height` when `patch` is 0: round(16 * side / 224), >= 1.
int patchSide(int patch, int width, int height);
/// Wu-Palmer similarity of two hypernym paths (each from the synset up to the root, as
/// WordNet::hypernymPath gives): 2 depth(lcs) / (depth(a) + depth(b)), the root at depth 1; 0 when
/// they share nothing.
double wuPalmer(const std::vector<std::string>& pathA, const std::vector<std::string>& pathB);

} // namespace salient
