#pragma once

#include "database/StudySummary.h"
#include "database/SweepTables.h"

#include <cstdint>
#include <optional>
#include <string>

namespace salient {

class Workspace;

/// How far a study has got: its latest progress and how many of its HITs have a final label.
struct StudyStatus
{
    Study study;
    StudyProgress progress;
    int labelled = 0;
};

/// Where a workspace stands in the method, step by step, with each step's key figures: what the
/// Overview's dashboard shows and `salient workspace status` prints.
struct WorkspaceStatus
{
    // Setup: the folders and files the steps read (absolute; empty when not set).
    std::string dataset;
    std::string robustModel;
    std::string standardModel;
    // Step 1-2: the feature index.
    std::int64_t indexedImages = 0;
    int indexedClasses = 0;
    std::int64_t correctlyPredicted = 0; ///< by the robust model, among the readable indexed images
    std::int64_t readableImages = 0;
    // Steps 4-5: the latest study of each kind.
    std::optional<StudyStatus> discovery;
    std::optional<StudyStatus> validation;
    int studies = 0;
    // Step 6: the Salient dataset.
    std::int64_t datasetPairs = 0;
    std::int64_t datasetMasks = 0;
    // Step 7: sweeps.
    int sweepRuns = 0;
    std::optional<SweepRunRecord> latestSweep;

    bool isSetUp() const { return !dataset.empty() && !robustModel.empty(); }
    bool hasIndex() const { return indexedClasses > 0; }
};

/// Reads every figure in one go (cheap queries only: counts and the latest rows).
WorkspaceStatus workspaceStatus(Workspace& workspace);

/// The method's steps in the order a user takes them.
enum class MethodStep
{
    Setup,
    Index,
    Discovery,
    Dataset,
    Validation,
    Sweeps,
};
inline constexpr int MethodStepCount = 6;

enum class StepState
{
    Waiting,    ///< an earlier step must be done first
    NotStarted, ///< ready to start
    UnderWay,   ///< started, not finished (answers still missing)
    Done,
};

/// Where `step` stands: a study is done when every HIT has a final label; the dataset waits for a
/// labelled feature, the index and sweeps for the setup.
StepState stepState(const WorkspaceStatus& status, MethodStep step);
/// "setup", "index", "discovery", "dataset", "validation", "sweeps"
const char* toString(MethodStep step);
/// "waiting", "not started", "under way", "done"
const char* toString(StepState state);

} // namespace salient
