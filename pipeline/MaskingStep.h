#pragma once

#include "base/Job.h"
#include "core/masking/MaskingExperiment.h"
#include "database/MaskingTables.h"

#include <optional>
#include <string>
#include <vector>

namespace salient {

class Workspace;

/// The masking lab on a workspace: an experiment over the ground-truth object masks of a split of its
/// dataset (the demo world's), stored in salient.db as a run with its configuration and counts.
struct MaskingStepOptions
{
    MaskingOptions masking;
    std::vector<std::string> models; ///< default: the workspace's robust_model and standard_model
    std::string split = "test";
    std::optional<std::string> dataset;         ///< default: the workspace's dataset
    std::string wordNet = "/usr/share/wordnet"; ///< for the curves' similarity; "" leaves it out
};

struct LeakageStepResult
{
    std::int64_t runId = 0;
    LeakageResults results;
};

struct CurvesStepResult
{
    std::int64_t runId = 0;
    CurveResults results;
};

/// Runs mask-shape leakage and stores the finished run (a cancelled run stores nothing).
LeakageStepResult runLeakageStep(Workspace& workspace, const MaskingStepOptions& options,
                                 const Job& job = {});

/// Runs the segment-removal curves and stores the finished run.
CurvesStepResult runCurvesStep(Workspace& workspace, const MaskingStepOptions& options, const Job& job = {});

/// A stored run with its results JSON; throws InputError naming the workspace when there is no such run.
MaskingRunRecord loadMaskingRun(Workspace& workspace, std::int64_t runId);

} // namespace salient
