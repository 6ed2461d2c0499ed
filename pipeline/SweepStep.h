#pragma once

#include "base/Job.h"
#include "core/sweep/Sweep.h"
#include "database/SweepTables.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace salient {

class Workspace;

/// Which masks a workspace sweep corrupts.
enum class SweepMasks
{
    Auto, ///< the Salient dataset when the workspace has one (and no --dataset is given), else ground truth
    Dataset,     ///< the workspace's Salient dataset: soft NAM masks of the annotated features
    GroundTruth, ///< the true regions of a demo world's split
};
/// "auto", "dataset" or "ground-truth"; throws InputError naming the text otherwise.
SweepMasks parseSweepMasks(const std::string& text);

/// Step 7 of the method on a workspace: a sweep over a split of its dataset, stored in salient.db as a
/// run (configuration, models with checksums, counts) that can be reopened and compared.
struct SweepStepOptions
{
    SweepOptions sweep;
    std::vector<std::string> models; ///< default: the workspace's robust_model and standard_model
    SweepMasks masks = SweepMasks::Auto;
    std::string split = "test";             ///< of the ground truth; a Salient dataset has its own images
    std::optional<std::string> dataset;     ///< default: the workspace's dataset
    std::optional<std::string> classText;   ///< scope: a class id or index
    std::optional<std::string> featureText; ///< scope: a feature number or name
};

struct SweepStepResult
{
    std::int64_t runId = 0;
    SweepResults results;
};

/// The models a sweep runs when none are given: those of robust_model and standard_model the workspace
/// names; throws InputError when it names neither.
std::vector<std::string> defaultSweepModels(const Workspace& workspace);

/// The source the options choose: the workspace's Salient dataset or a dataset folder's ground truth.
/// Throws InputError when that has no masks.
std::unique_ptr<SweepSource> openWorkspaceSweepSource(Workspace& workspace, const SweepStepOptions& options);

/// The sweep options with the scope's class and feature texts resolved against `source`; throws
/// InputError naming a text it does not know.
SweepOptions scopedSweepOptions(const SweepSource& source, const SweepStepOptions& options);

/// Runs the sweep and stores it. The run is recorded once its first batch is done; a cancelled or failed
/// run keeps the counts of the batches it finished, with its status saying so. `listener` sees every batch.
SweepStepResult runSweepStep(Workspace& workspace, const SweepStepOptions& options, const Job& job = {},
                             const SweepListener& listener = {});

/// A stored run as it was recorded.
struct StoredSweep
{
    SweepRunRecord run;
    SweepResults results;
};
/// Throws InputError when there is no such run.
StoredSweep loadSweepRun(Workspace& workspace, std::int64_t runId);

} // namespace salient
