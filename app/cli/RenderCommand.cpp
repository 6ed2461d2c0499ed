#include "Commands.h"
#include "JsonOutput.h"
#include "ProgressBar.h"

#include "base/Text.h"
#include "pipeline/PairRendering.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>

namespace salient::cli {
namespace {

using Json = nlohmann::json;

/// --NAME as a number >= 0; nullopt when it is not given.
std::optional<double> nonNegative(Arguments& arguments, const std::string& name)
{
    const std::optional<double> value = arguments.doubleOption(name);
    if (value && *value < 0)
        throw UsageError("option --" + name + " needs a number >= 0, not " + numberText(*value));
    return value;
}

void printRenderJson(const PairRenderResult& result, double seconds)
{
    Json images = Json::array();
    for (const RenderedImage& e : result.images)
        images.push_back({{"source", e.source},
                          {"activation", e.activation},
                          {"image", e.image},
                          {"heatmap", e.heatmap},
                          {"attack", e.attack},
                          {"feature_before", e.featureBefore},
                          {"feature_after", e.featureAfter},
                          {"cached", e.fromCache}});
    printJson(Json{{"class", result.classIndex},
                   {"class_id", result.classId},
                   {"feature", result.feature},
                   {"rank", result.rank},
                   {"importance", result.importance},
                   {"model", result.model},
                   {"device", result.device},
                   {"attack",
                    {{"steps", result.attack.steps},
                     {"step_size", result.attack.stepSize},
                     {"effective_step_size", result.effectiveStepSize},
                     {"eps", result.effectiveEps}}},
                   {"cache", result.cacheDir ? Json(*result.cacheDir) : Json(nullptr)},
                   {"seconds", seconds},
                   {"images", images}});
}

} // namespace

int runRenderCommand(Arguments& arguments)
{
    PairRenderRequest request;
    request.workspace = arguments.option("workspace", ".");
    request.index = arguments.option("index");
    const bool json = arguments.flag("json");
    request.useCache = !arguments.flag("no-cache");
    const auto classText = arguments.option("class");
    const auto featureText = arguments.option("feature");
    const auto out = arguments.option("out");
    request.model = arguments.option("model");
    request.data = arguments.option("data");
    request.device = parseDeviceChoice(arguments.option("device", "auto"));
    request.attack.steps = arguments.intOption("steps", request.attack.steps);
    request.attack.stepSize = nonNegative(arguments, "step-size").value_or(request.attack.stepSize);
    // Absent: the default bound, scaled to the model's input; 0: no bound.
    request.attack.eps = nonNegative(arguments, "eps").value_or(request.attack.eps);
    request.attack.batchSize = arguments.intOption("batch-size", request.attack.batchSize);
    if (!arguments.positionals().empty() || !classText || !featureText || !out)
        throw UsageError(
            "render takes --class C --feature J --out DIR (optionally --workspace DIR, --index DIR, "
            "--model FILE, --data DIR, --steps N, --step-size S, --eps E, --device D, --json)");
    if (request.attack.steps < 0 || request.attack.batchSize < 1)
        throw UsageError("--steps must not be negative and --batch-size must be at least 1");
    request.classText = *classText;
    request.featureText = *featureText;
    request.outDir = *out;

    const auto start = std::chrono::steady_clock::now();
    ProgressBar progress;
    const PairRenderResult result = renderPairToFolder(request, progress.job());
    progress.finishLine();
    if (json) {
        printRenderJson(result,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return 0;
    }
    std::cout << "Class " << result.classIndex << " (" << result.classId << "), feature " << result.feature
              << " (rank " << result.rank << ", importance " << std::setprecision(4) << result.importance
              << "): " << result.images.size() << " images into " << request.outDir << '\n';
    for (const RenderedImage& e : result.images)
        std::cout << "  " << std::filesystem::path(e.image).filename().string() << "  feature "
                  << e.featureBefore << " -> " << e.featureAfter << " after the attack"
                  << (e.fromCache ? "  (cached)" : "") << '\n';
    return 0;
}

} // namespace salient::cli
