#include "pipeline/SweepStep.h"

#include "base/Errors.h"
#include "core/sweep/SourceFactory.h"
#include "core/sweep/SweepExport.h"
#include "database/Workspace.h"
#include "pipeline/DatasetSweepSource.h"
#include "pipeline/WorkspacePaths.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace salient {
namespace {

bool sweepsDataset(Workspace& workspace, const SweepStepOptions& options)
{
    if (options.masks != SweepMasks::Auto)
        return options.masks == SweepMasks::Dataset;
    return !options.dataset && datasetPairCount(workspace.database()) > 0;
}

SweepRunRecord runRecord(const SweepResults& results)
{
    SweepRunRecord run;
    run.source = results.source;
    run.split = results.split;
    run.seed = results.seed;
    run.sigmas = nlohmann::json(results.sigmas).dump();
    nlohmann::json strategies = nlohmann::json::array();
    for (SweepStrategy s : results.strategies)
        strategies.push_back(strategyName(s));
    run.strategies = strategies.dump();
    run.images = results.scopeImages;
    run.config = sweepConfigJson(results);
    for (std::size_t m = 0; m < results.models.size(); ++m)
        run.models.push_back(
            {int(m), results.models[m].name, results.models[m].path, results.models[m].sha256});
    return run;
}

void storeCounts(Database& db, std::int64_t runId, const SweepResults& results, const std::string& status,
                 const std::string& message = {})
{
    std::vector<SweepCleanRecord> clean;
    for (const auto& [key, tally] : results.clean)
        clean.push_back({key.first, key.second, tally.images, tally.cleanCorrect});
    std::vector<SweepCellRecord> cells;
    for (const auto& [key, tally] : results.cells)
        cells.push_back({key.model, strategyName(key.strategy), key.level,
                         results.sigmas.at(std::size_t(key.level)), measureName(key.measure), key.classIndex,
                         key.feature, tally.images, tally.cleanCorrect, tally.corruptedCorrect});
    storeSweepCounts(db, runId, status, results.imagesDone, results.seconds, clean, cells, message);
}

} // namespace

std::vector<std::string> defaultSweepModels(const Workspace& workspace)
{
    std::vector<std::string> models;
    for (const char* key : {WorkspaceKeys::RobustModel, WorkspaceKeys::StandardModel})
        if (workspace.configValue(key))
            models.push_back(workspaceFile(workspace, key));
    if (models.empty())
        throw InputError("the workspace " + workspace.path() +
                         " names no robust_model or standard_model; pass the models with --model");
    return models;
}

SweepMasks parseSweepMasks(const std::string& text)
{
    if (text == "auto")
        return SweepMasks::Auto;
    if (text == "dataset")
        return SweepMasks::Dataset;
    if (text == "ground-truth")
        return SweepMasks::GroundTruth;
    throw InputError("unknown masks '" + text + "' (auto, dataset or ground-truth)");
}

std::unique_ptr<SweepSource> openWorkspaceSweepSource(Workspace& workspace, const SweepStepOptions& options)
{
    if (sweepsDataset(workspace, options))
        return std::make_unique<DatasetSweepSource>(workspace);
    const std::string dataset =
        options.dataset ? *options.dataset : workspaceFile(workspace, WorkspaceKeys::Dataset);
    return openSweepSource(dataset, options.split);
}

SweepOptions scopedSweepOptions(const SweepSource& source, const SweepStepOptions& options)
{
    SweepOptions sweep = options.sweep;
    if (options.classText)
        sweep.scope.classIndex = findSourceClass(source, *options.classText);
    if (options.featureText)
        sweep.scope.feature = findSourceFeature(source, *options.featureText);
    return sweep;
}

SweepStepResult runSweepStep(Workspace& workspace, const SweepStepOptions& options, const Job& job,
                             const SweepListener& listener)
{
    const std::unique_ptr<SweepSource> source = openWorkspaceSweepSource(workspace, options);
    const std::string split =
        sweepsDataset(workspace, options) ? "" : options.split; // the dataset's own images
    const SweepOptions sweep = scopedSweepOptions(*source, options);
    const std::vector<std::string> models =
        options.models.empty() ? defaultSweepModels(workspace) : options.models;

    Database& db = workspace.database();
    SweepStepResult result;
    // What is stored when the run stops early: the counts of whole batches, at most a second old.
    SweepResults latest;
    auto lastCopy = std::chrono::steady_clock::now();
    const SweepListener record = [&](const SweepResults& partial) {
        if (result.runId == 0) {
            SweepResults header = partial;
            header.split = split;
            result.runId = createSweepRun(db, runRecord(header));
        }
        const auto now = std::chrono::steady_clock::now();
        if (latest.imagesDone == 0 || now - lastCopy > std::chrono::seconds(1)) {
            latest = partial;
            lastCopy = now;
        }
        if (listener)
            listener(partial);
    };
    try {
        result.results = runSweep(*source, models, sweep, job, record);
    } catch (const JobCancelled&) {
        if (result.runId != 0)
            storeCounts(db, result.runId, latest, "cancelled");
        throw;
    } catch (const std::exception& e) {
        if (result.runId != 0)
            storeCounts(db, result.runId, latest, "failed", e.what());
        throw;
    }
    result.results.split = split;
    storeCounts(db, result.runId, result.results, "finished");
    return result;
}

StoredSweep loadSweepRun(Workspace& workspace, std::int64_t runId)
{
    Database& db = workspace.database();
    const auto run = sweepRun(db, runId);
    if (!run)
        throw InputError("the workspace " + workspace.path() + " has no sweep run " + std::to_string(runId));
    StoredSweep stored{*run, sweepResultsFromJson(run->config)};
    SweepResults& results = stored.results;
    results.scopeImages = run->images;
    results.imagesDone = run->imagesDone;
    results.seconds = run->seconds;
    for (const SweepCleanRecord& c : sweepClean(db, runId))
        results.clean[{c.model, c.classIndex}] = {c.images, c.correct, c.correct};
    for (const SweepCellRecord& c : sweepCells(db, runId)) {
        SweepCellKey key{c.model,  parseStrategy(c.strategy), c.level, parseMeasure(c.measure), c.classIndex,
                         c.feature};
        results.cells[key] = {c.images, c.cleanCorrect, c.corruptedCorrect};
    }
    return stored;
}

} // namespace salient
