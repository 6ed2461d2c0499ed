#pragma once

#include "core/sweep/SweepOptions.h"
#include "core/sweep/SweepSource.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace salient {

/// Counts on one set of images: how many, correct on the clean images, correct once corrupted.
struct Tally
{
    std::int64_t images = 0;
    std::int64_t cleanCorrect = 0;
    std::int64_t corruptedCorrect = 0;

    double cleanAccuracy() const { return images > 0 ? double(cleanCorrect) / double(images) : 0.0; }
    double accuracy() const { return images > 0 ? double(corruptedCorrect) / double(images) : 0.0; }
    /// Clean minus corrupted accuracy: how much the corrupted region mattered.
    double drop() const { return cleanAccuracy() - accuracy(); }
    void add(bool clean, bool corrupted)
    {
        ++images;
        cleanCorrect += clean ? 1 : 0;
        corruptedCorrect += corrupted ? 1 : 0;
    }
    bool operator==(const Tally& o) const
    {
        return images == o.images && cleanCorrect == o.cleanCorrect && corruptedCorrect == o.corruptedCorrect;
    }
};

struct SweepCellKey
{
    int model = 0;
    SweepStrategy strategy = SweepStrategy::Noise;
    int level = 0; ///< index into the sigmas
    SweepMeasure measure = SweepMeasure::Core;
    int classIndex = -1; ///< the source's class; -1 = every class in the scope
    int feature = 0;     ///< the feature for SweepMeasure::Feature, else 0

    auto tie() const { return std::tie(model, strategy, level, measure, classIndex, feature); }
    bool operator<(const SweepCellKey& o) const { return tie() < o.tie(); }
    bool operator==(const SweepCellKey& o) const { return tie() == o.tie(); }
};

struct SweepModel
{
    std::string path;
    std::string sha256;
    std::string name; ///< the file name without extension, made unique within the run
    std::string architecture;
    std::string device;
};

/// A sweep's configuration and its counts so far. Plain data: copied to the GUI while a sweep runs,
/// stored in salient.db, and written as JSON or CSV.
struct SweepResults
{
    std::string source; ///< SweepSource::description()
    std::string split;  ///< where known (the workspace step fills it in)
    std::vector<std::string> classIds;
    std::vector<SourceFeature> features;                     ///< the source's (class, feature) pairs
    std::map<std::pair<int, int>, std::string> featureNames; ///< (class, feature) -> display name
    std::vector<SweepModel> models;
    std::vector<double> sigmas;
    std::vector<SweepStrategy> strategies;
    SweepScope scope;
    std::uint64_t seed = 0;
    int batchSize = 0;
    std::string device;

    std::int64_t scopeImages = 0;   ///< images the sweep covers
    std::int64_t imagesDone = 0;    ///< of those, finished
    std::int64_t forwardImages = 0; ///< images run through a model (clean and corrupted)
    double seconds = 0.0;           ///< wall-clock so far
    double forwardSeconds = 0.0;    ///< of which inside the models' forward passes

    /// Clean accuracy of every image in the scope: (model, class or -1) -> counts.
    std::map<std::pair<int, int>, Tally> clean;
    std::map<SweepCellKey, Tally> cells;

    bool finished() const { return scopeImages > 0 && imagesDone == scopeImages; }
    /// The cell's counts, or an empty tally when it has none (yet).
    Tally cell(const SweepCellKey& key) const;
    Tally cleanTally(int model, int classIndex = -1) const;
    std::string featureName(int classIndex, int feature) const;
    /// The level of `sigma` (exact match), or -1.
    int levelOf(double sigma) const;
};

} // namespace salient
