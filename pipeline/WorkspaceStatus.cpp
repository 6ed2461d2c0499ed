#include "pipeline/WorkspaceStatus.h"

#include "database/DatasetTables.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

namespace salient {
namespace {

std::string configuredFile(const Workspace& workspace, const char* key)
{
    return workspace.configValue(key) ? workspaceFile(workspace, key) : std::string();
}

StudyStatus statusOf(Database& db, const Study& study)
{
    return {study, studyProgress(db, study), summarizeStudy(db, study).labelled};
}

} // namespace

WorkspaceStatus workspaceStatus(Workspace& workspace)
{
    Database& db = workspace.database();
    WorkspaceStatus status;
    status.dataset = configuredFile(workspace, WorkspaceKeys::Dataset);
    status.robustModel = configuredFile(workspace, WorkspaceKeys::RobustModel);
    status.standardModel = configuredFile(workspace, WorkspaceKeys::StandardModel);

    if (workspace.configValue(WorkspaceKeys::FeatureIndex)) {
        const auto classes = indexedClasses(db);
        status.indexedClasses = int(classes.size());
        status.indexedImages = indexedImageCount(db);
        for (const IndexedClass& c : classes) {
            status.readableImages += c.images;
            status.correctlyPredicted += c.correct;
        }
    }

    const std::vector<Study> all = studies(db);
    status.studies = int(all.size());
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        std::optional<StudyStatus>& slot =
            it->kind == StudyKind::Discovery ? status.discovery : status.validation;
        if (!slot)
            slot = statusOf(db, *it);
    }

    status.datasetPairs = datasetPairCount(db);
    status.datasetMasks = datasetMaskCount(db);

    const std::vector<SweepRunRecord> runs = sweepRuns(db);
    status.sweepRuns = int(runs.size());
    if (!runs.empty())
        status.latestSweep = runs.front();
    return status;
}

namespace {

StepState studyState(const std::optional<StudyStatus>& study, bool ready)
{
    if (!study)
        return ready ? StepState::NotStarted : StepState::Waiting;
    const bool labelled = study->progress.hits > 0 && study->labelled >= study->progress.hits;
    return labelled ? StepState::Done : StepState::UnderWay;
}

} // namespace

StepState stepState(const WorkspaceStatus& s, MethodStep step)
{
    const bool labelled = s.discovery && s.discovery->labelled > 0;
    switch (step) {
    case MethodStep::Setup:
        return s.isSetUp() ? StepState::Done : StepState::NotStarted;
    case MethodStep::Index:
        if (s.hasIndex())
            return StepState::Done;
        return s.isSetUp() ? StepState::NotStarted : StepState::Waiting;
    case MethodStep::Discovery:
        return studyState(s.discovery, s.hasIndex());
    case MethodStep::Dataset:
        if (s.datasetPairs > 0)
            return StepState::Done;
        return labelled ? StepState::NotStarted : StepState::Waiting;
    case MethodStep::Validation:
        return studyState(s.validation, labelled);
    case MethodStep::Sweeps:
        if (s.sweepRuns > 0)
            return StepState::Done;
        return s.isSetUp() ? StepState::NotStarted : StepState::Waiting;
    }
    return StepState::Waiting;
}

const char* toString(MethodStep step)
{
    switch (step) {
    case MethodStep::Setup:
        return "setup";
    case MethodStep::Index:
        return "index";
    case MethodStep::Discovery:
        return "discovery";
    case MethodStep::Dataset:
        return "dataset";
    case MethodStep::Validation:
        return "validation";
    case MethodStep::Sweeps:
        break;
    }
    return "sweeps";
}

const char* toString(StepState state)
{
    switch (state) {
    case StepState::Waiting:
        return "waiting";
    case StepState::NotStarted:
        return "not started";
    case StepState::UnderWay:
        return "under way";
    case StepState::Done:
        break;
    }
    return "done";
}

} // namespace salient
