#include "CommandOptions.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "base/Parse.h"

#include "core/sweep/SourceFactory.h"
#include "core/sweep/SweepExport.h"
#include "database/Workspace.h"
#include "pipeline/SweepStep.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace salient::cli {
namespace {

using Json = nlohmann::json;

const char* kSweepUsage =
    "sweep takes options only: [--workspace DIR] [--model FILE ...] [--sigmas 0,0.1,...] "
    "[--strategy noise|uniform|black|grey|mean|blur|grey-edge ...] [--masks auto|dataset|ground-truth] "
    "[--split S] "
    "[--class C] [--feature J] [--json OUT]; "
    "or: sweep list, sweep show RUN";

/// Per model and strategy: a row per sigma with the overall clean, core and spurious accuracy.
void printSummary(const SweepResults& r)
{
    std::cout << "Sweep over " << r.scopeImages << " images of " << r.source << "\n";
    for (std::size_t m = 0; m < r.models.size(); ++m) {
        const Tally clean = r.cleanTally(int(m));
        std::cout << "\n"
                  << r.models[m].name << " (" << r.models[m].path << "): clean " << percent(clean.accuracy())
                  << " %\n";
        for (SweepStrategy strategy : r.strategies) {
            std::cout << "  " << strategyName(strategy)
                      << "\n    sigma    core acc.  spurious acc.   (images)\n";
            for (std::size_t level = 0; level < r.sigmas.size(); ++level) {
                const Tally core = r.cell({int(m), strategy, int(level), SweepMeasure::Core});
                const Tally spurious = r.cell({int(m), strategy, int(level), SweepMeasure::Spurious});
                char line[128];
                std::snprintf(line, sizeof line, "    %5.2f    %s %%    %s %%       (%lld / %lld)\n",
                              r.sigmas[level], percent(core.accuracy()).c_str(),
                              percent(spurious.accuracy()).c_str(), static_cast<long long>(core.images),
                              static_cast<long long>(spurious.images));
                std::cout << line;
            }
        }
    }
}

std::string resultsJson(const SweepResults& results, std::int64_t runId)
{
    Json json = Json::parse(sweepResultsJson(results));
    json["run_id"] = runId > 0 ? Json(runId) : Json(nullptr);
    return json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void writeResults(const SweepResults& results, std::int64_t runId, const std::optional<std::string>& json,
                  const std::optional<std::string>& csv)
{
    if (json)
        writeOutput(*json, resultsJson(results, runId));
    if (csv)
        writeOutput(*csv, sweepResultsCsv(results));
    if (json.value_or("") != "-" && csv.value_or("") != "-")
        printSummary(results);
}

int listRuns(const std::string& workspaceDir)
{
    Workspace workspace = Workspace::open(workspaceDir, false);
    for (const SweepRunRecord& run : sweepRuns(workspace.database())) {
        std::string models;
        for (const SweepModelRecord& m : run.models)
            models += (models.empty() ? "" : ", ") + m.name;
        std::cout << run.runId << "  " << run.createdAt << "  " << run.status << "  " << run.imagesDone << "/"
                  << run.images << " images  " << run.strategies << "  sigmas " << run.sigmas << "  "
                  << models << '\n';
    }
    return 0;
}

std::int64_t runNumber(const std::string& text)
{
    const std::optional<std::int64_t> value = parseInt64(text);
    if (value && *value > 0)
        return *value;
    throw UsageError("sweep show takes a run number, not '" + text + "'");
}

} // namespace

int runSweepCommand(Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const auto json = arguments.option("json");
    const auto csv = arguments.option("csv");
    SweepStepOptions options;
    options.models = repeated(arguments, "model");
    if (const auto sigmas = arguments.option("sigmas"))
        options.sweep.sigmas = parseSigmas(*sigmas);
    if (const auto strategies = repeated(arguments, "strategy"); !strategies.empty()) {
        options.sweep.strategies.clear();
        for (const std::string& name : strategies)
            options.sweep.strategies.push_back(parseStrategy(name));
    }
    options.masks = parseSweepMasks(arguments.option("masks", "auto"));
    options.split = arguments.option("split", options.split);
    options.dataset = arguments.option("dataset");
    options.classText = arguments.option("class");
    options.featureText = arguments.option("feature");
    options.sweep.scope.limit = arguments.intOption("limit", 0);
    options.sweep.seed = seedOption(arguments);
    options.sweep.batchSize = arguments.intOption("batch-size", options.sweep.batchSize);
    options.sweep.device = parseDeviceChoice(arguments.option("device", "auto"));
    options.sweep.featureDrops = !arguments.flag("no-feature-drops");
    const auto words = arguments.positionals();
    if (words.size() == 1 && words[0] == "list")
        return listRuns(workspaceDir);
    if (words.size() == 2 && words[0] == "show") {
        Workspace workspace = Workspace::open(workspaceDir, false);
        const StoredSweep stored = loadSweepRun(workspace, runNumber(words[1]));
        writeResults(stored.results, stored.run.runId, json, csv);
        return 0;
    }
    if (!words.empty())
        throw UsageError(kSweepUsage);

    ProgressBar progress;
    SweepStepResult result;
    if (Workspace::looksLikeWorkspace(workspaceDir)) {
        Workspace workspace = Workspace::open(workspaceDir, false);
        result = runSweepStep(workspace, options, progress.job());
    } else {
        // A bare sweep: dataset and models given explicitly, nothing stored.
        if (!options.dataset || options.models.empty())
            throw UsageError("no workspace in " + workspaceDir +
                             "; pass --workspace DIR, or --dataset and --model");
        const auto source = openSweepSource(*options.dataset, options.split);
        result.results =
            runSweep(*source, options.models, scopedSweepOptions(*source, options), progress.job());
        result.results.split = options.split;
    }
    progress.finishLine();
    writeResults(result.results, result.runId, json, csv);
    if (result.runId > 0 && json.value_or("") != "-" && csv.value_or("") != "-")
        std::cout << "\nStored as sweep run " << result.runId << " in " << workspaceDir << "/salient.db\n";
    return 0;
}

} // namespace salient::cli
