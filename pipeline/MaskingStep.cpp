#include "pipeline/MaskingStep.h"

#include "base/Errors.h"
#include "core/masking/MaskingExport.h"
#include "database/Workspace.h"
#include "pipeline/SweepStep.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace salient {
namespace {

struct Prepared
{
    std::unique_ptr<SweepSource> source;
    std::vector<std::string> models;
};

Prepared prepare(Workspace& workspace, const MaskingStepOptions& options)
{
    SweepStepOptions sweep;
    sweep.masks = SweepMasks::GroundTruth;
    sweep.split = options.split;
    sweep.dataset = options.dataset;
    Prepared prepared;
    prepared.source = openWorkspaceSweepSource(workspace, sweep);
    prepared.models = options.models.empty() ? defaultSweepModels(workspace) : options.models;
    return prepared;
}

std::int64_t store(Workspace& workspace, const char* experiment, const MaskingRunInfo& info,
                   const std::string& results)
{
    MaskingRunRecord run;
    run.experiment = experiment;
    run.source = info.source;
    nlohmann::json strategies = nlohmann::json::array(), models = nlohmann::json::array();
    for (MaskingStrategy s : info.options.strategies)
        strategies.push_back(strategyName(s));
    for (const MaskingModel& m : info.models)
        models.push_back(m.name);
    run.strategies = strategies.dump();
    run.models = models.dump();
    run.seed = info.options.seed;
    run.seconds = info.seconds;
    run.results = results;
    return storeMaskingRun(workspace.database(), run);
}

} // namespace

LeakageStepResult runLeakageStep(Workspace& workspace, const MaskingStepOptions& options, const Job& job)
{
    const Prepared prepared = prepare(workspace, options);
    LeakageStepResult result;
    result.results = runLeakage(*prepared.source, prepared.models, options.masking, job);
    result.runId = store(workspace, "leakage", result.results.info, leakageJson(result.results));
    return result;
}

CurvesStepResult runCurvesStep(Workspace& workspace, const MaskingStepOptions& options, const Job& job)
{
    const Prepared prepared = prepare(workspace, options);
    const bool wordNet = !options.wordNet.empty() && std::filesystem::exists(options.wordNet + "/index.noun");
    CurvesStepResult result;
    result.results = runRemovalCurves(*prepared.source, prepared.models, options.masking, job,
                                      wordNet ? options.wordNet : std::string());
    result.runId = store(workspace, "curves", result.results.info, curvesJson(result.results));
    return result;
}

MaskingRunRecord loadMaskingRun(Workspace& workspace, std::int64_t runId)
{
    const auto run = maskingRun(workspace.database(), runId);
    if (!run)
        throw InputError("the workspace " + workspace.path() + " has no masking run " +
                         std::to_string(runId));
    return *run;
}

} // namespace salient
