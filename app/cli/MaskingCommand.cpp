#include "CommandOptions.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "base/Parse.h"

#include "core/masking/MaskingExport.h"
#include "database/Workspace.h"
#include "pipeline/MaskingStep.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace salient::cli {
namespace {

const char* kMaskingUsage =
    "masking takes a verb: leakage, curves, list or show RUN (see salient masking --help)";

MaskingStepOptions stepOptions(Arguments& arguments)
{
    MaskingStepOptions options;
    options.models = repeated(arguments, "model");
    options.split = arguments.option("split", options.split);
    options.dataset = arguments.option("dataset");
    MaskingOptions& m = options.masking;
    if (const auto strategies = repeated(arguments, "strategy"); !strategies.empty()) {
        m.strategies.clear();
        for (const std::string& name : strategies)
            m.strategies.push_back(parseStrategy(name));
    }
    m.layer.threshold = arguments.doubleOption("threshold", m.layer.threshold);
    m.limit = arguments.intOption("limit", 0);
    m.seed = seedOption(arguments);
    m.batchSize = arguments.intOption("batch-size", m.batchSize);
    m.device = parseDeviceChoice(arguments.option("device", "auto"));
    m.patch = arguments.intOption("patch", 0);
    if (const auto rates = arguments.option("rates")) {
        m.rates.clear();
        std::stringstream stream(*rates);
        std::string text;
        while (std::getline(stream, text, ',')) {
            const std::optional<double> rate = parseDouble(text);
            if (!rate)
                throw UsageError("option --rates needs numbers between 0 and 1, not '" + *rates + "'");
            m.rates.push_back(*rate);
        }
    }
    m.validate();
    return options;
}

void printNotes(const MaskingRunInfo& info)
{
    for (const std::string& note : info.notes)
        std::cout << "Note: " << note << '\n';
}

void printLeakage(const LeakageResults& r)
{
    std::cout << "Mask-shape leakage on " << r.info.source << "\n";
    for (std::size_t m = 0; m < r.info.models.size(); ++m) {
        const auto clean =
            r.clean.count(int(m)) ? r.clean.at(int(m)) : std::pair<std::int64_t, std::int64_t>{};
        std::cout << "\n"
                  << r.info.models[m].name << ": right on " << clean.second << " of " << clean.first
                  << " clean images\n    strategy     object  broken   ratio\n";
        for (MaskingStrategy s : r.info.options.strategies) {
            const auto it = r.cells.find({int(m), s, -1});
            const LeakageCell cell = it == r.cells.end() ? LeakageCell{} : it->second;
            char line[128];
            std::snprintf(line, sizeof line, "    %-10s  %s %%  %s %%  %6.3f\n", strategyName(s).c_str(),
                          percent(cell.objectAccuracy()).c_str(), percent(cell.brokenAccuracy()).c_str(),
                          cell.ratio());
            std::cout << line;
        }
    }
    printNotes(r.info);
}

void printCurves(const CurveResults& r)
{
    std::cout << "Removal curves on " << r.info.source << " (patches of " << r.patch << " px)\n";
    for (std::size_t m = 0; m < r.info.models.size(); ++m) {
        std::cout << "\n" << r.info.models[m].name << "\n";
        for (MaskingStrategy s : r.info.options.strategies) {
            std::cout << "  " << strategyName(s) << "\n    rate   accuracy  entropy  unchanged  wu-palmer\n";
            for (std::size_t k = 0; k < r.info.options.rates.size(); ++k) {
                const auto it = r.points.find({int(m), s, int(k)});
                if (it == r.points.end())
                    continue;
                const CurvePoint& p = it->second;
                char line[128];
                std::snprintf(
                    line, sizeof line, "    %4.2f   %s %%   %6.3f   %s %%   %s\n", r.info.options.rates[k],
                    percent(p.accuracy()).c_str(), p.entropy(), percent(p.unchangedFraction()).c_str(),
                    p.similarityImages > 0 ? std::to_string(p.meanSimilarity()).substr(0, 5).c_str() : "-");
                std::cout << line;
            }
        }
    }
    printNotes(r.info);
}

std::string withRunId(const std::string& json, std::int64_t runId)
{
    nlohmann::json doc = nlohmann::json::parse(json);
    doc["run_id"] = runId;
    return doc.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

/// Where --json and --csv go.
struct Outputs
{
    std::optional<std::string> json;
    std::optional<std::string> csv;

    explicit Outputs(Arguments& arguments) : json(arguments.option("json")), csv(arguments.option("csv")) {}
    bool summary() const { return json.value_or("") != "-" && csv.value_or("") != "-"; }
};

/// Writes --json and --csv, and the summary unless one of them went to standard output.
template <typename Results>
void writeResults(const Outputs& outputs, const Results& results, std::int64_t runId,
                  std::string (*json)(const Results&), std::string (*csv)(const Results&),
                  void (*print)(const Results&))
{
    if (outputs.json)
        writeOutput(*outputs.json, withRunId(json(results), runId));
    if (outputs.csv)
        writeOutput(*outputs.csv, csv(results));
    if (outputs.summary())
        print(results);
}

int listRuns(const std::string& workspaceDir)
{
    Workspace workspace = Workspace::open(workspaceDir, false);
    for (const MaskingRunRecord& run : maskingRuns(workspace.database()))
        std::cout << run.runId << "  " << run.createdAt << "  " << run.experiment << "  " << run.strategies
                  << "  " << run.models << "  seed " << run.seed << "  " << run.source << '\n';
    return 0;
}

int showRun(const Outputs& outputs, const std::string& workspaceDir, const std::string& text)
{
    const std::optional<std::int64_t> number = parseInt64(text);
    if (!number || *number <= 0)
        throw UsageError("masking show takes a run number, not '" + text + "'");
    Workspace workspace = Workspace::open(workspaceDir, false);
    const MaskingRunRecord run = loadMaskingRun(workspace, *number);
    if (run.experiment == "leakage")
        writeResults(outputs, leakageFromJson(run.results), run.runId, &leakageJson, &leakageCsv,
                     &printLeakage);
    else
        writeResults(outputs, curvesFromJson(run.results), run.runId, &curvesJson, &curvesCsv, &printCurves);
    return 0;
}

} // namespace

int runMaskingCommand(const std::string& verb, Arguments& arguments)
{
    const std::string workspaceDir = arguments.option("workspace", ".");
    const Outputs outputs(arguments);
    if (verb == "list")
        return listRuns(workspaceDir);
    if (verb == "show") {
        const auto words = arguments.positionals();
        if (words.size() != 1)
            throw UsageError("masking show takes one run number");
        return showRun(outputs, workspaceDir, words[0]);
    }
    if (verb != "leakage" && verb != "curves")
        throw UsageError(kMaskingUsage);
    const MaskingStepOptions options = stepOptions(arguments);
    if (!arguments.positionals().empty())
        throw UsageError("masking " + verb + " takes options only (see salient masking " + verb + " --help)");
    Workspace workspace = Workspace::open(workspaceDir, false);
    ProgressBar progress;
    std::int64_t runId = 0;
    if (verb == "leakage") {
        const LeakageStepResult result = runLeakageStep(workspace, options, progress.job());
        progress.finishLine();
        runId = result.runId;
        writeResults(outputs, result.results, runId, &leakageJson, &leakageCsv, &printLeakage);
    } else {
        const CurvesStepResult result = runCurvesStep(workspace, options, progress.job());
        progress.finishLine();
        runId = result.runId;
        writeResults(outputs, result.results, runId, &curvesJson, &curvesCsv, &printCurves);
    }
    if (outputs.summary())
        std::cout << "\nStored as masking run " << runId << " in " << workspaceDir << "/salient.db\n";
    return 0;
}

} // namespace salient::cli
