#pragma once

#include "base/Job.h"
#include "core/index/FeatureIndex.h"
#include "core/index/FeatureRanking.h"

#include <optional>
#include <string>

namespace salient {

class Workspace;

/// Steps 1-3 of the method on a workspace: index the dataset with the robust model, rank every class's
/// features, and store images, predictions, per-class accuracy and the ranking in salient.db.
struct IndexStepOptions
{
    IndexOptions index;
    RankingOptions ranking;
    std::optional<std::string> model; ///< default: the workspace's robust_model
    std::optional<std::string> data;  ///< default: the workspace's dataset/train
    /// Default: a new folder in the workspace (index, then index-2, index-3, ... for rebuilds;
    /// index-shard-I for a shard). A rebuild never writes into the folder the stored index reads: the
    /// workspace moves to the new folder in the transaction that stores its ranking, and the old folder
    /// is deleted after, so a cancelled or failed rebuild leaves the old index whole (and resumes when
    /// run again).
    std::optional<std::string> directory;
    /// Index again into a new folder even when the stored index is current (built to its end from the
    /// same model file and the same dataset); without it, a current index is ranked and stored again
    /// where it is, which costs seconds.
    bool rebuild = false;
};

struct IndexStepResult
{
    IndexSummary summary;
    std::string directory;
    bool stored = false; ///< false for a shard: its ranking waits for the merge
    bool reused = false; ///< the index was current (same model, preprocessing and images): nothing computed
};

IndexStepResult runIndexStep(Workspace& workspace, const IndexStepOptions& options, const Job& job = {});

/// Ranks the whole index in `directory` and replaces the workspace's index tables with it, in one
/// transaction; records the folder as the workspace's feature_index.
void storeFeatureIndex(Workspace& workspace, const std::string& directory, const RankingOptions& ranking,
                       const Job& job = {});

} // namespace salient
