#include "Commands.h"
#include "IndexHelpers.h"
#include "ProgressBar.h"

#include "core/ImageDecoder.h"
#include "core/evidence/CachedEvidence.h"
#include "core/evidence/PngFile.h"
#include "core/index/FeatureRanking.h"
#include "core/index/IndexManifest.h"
#include "database/Workspace.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>

namespace salient::cli {
namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

double doubleOption(Arguments& arguments, const std::string& name, double fallback)
{
    const auto text = arguments.option(name);
    if (!text)
        return fallback;
    try {
        std::size_t used = 0;
        const double value = std::stod(*text, &used);
        if (used == text->size() && value >= 0)
            return value;
    } catch (const std::exception&) {
    }
    throw UsageError("option --" + name + " needs a number >= 0, not '" + *text + "'");
}

int featureArgument(const IndexView& index, const std::string& text)
{
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size() && value >= 0 && value < index.featureWidth())
            return value;
    } catch (const std::exception&) {
    }
    throw UsageError("feature '" + text + "' is outside 0-" + std::to_string(index.featureWidth() - 1) +
                     " (the index's feature width is " + std::to_string(index.featureWidth()) + ")");
}

/// The feature with its rank among all of the class's features and its top predicted images.
RankedFeature rankedFeature(const IndexView& index, int cls, int feature, const std::string& indexDir)
{
    RankingOptions options;
    options.features = index.featureWidth();
    options.topLabelled = 0;
    for (RankedFeature& ranked : rankClassFeatures(index, cls, options))
        if (ranked.feature == feature)
            return std::move(ranked);
    throw InputError("no image of the index " + indexDir + " is predicted as class " +
                     index.classIds().at(std::size_t(cls)) + "; there is nothing to render");
}

/// --model, else the model the index was built with, else the workspace's robust model.
std::string modelFor(const std::optional<std::string>& option, const IndexManifest& manifest,
                     const std::string& workspace)
{
    if (option)
        return *option;
    if (!manifest.model.empty() && fs::exists(manifest.model))
        return manifest.model;
    return workspacePath(workspace, "robust_model");
}

/// --data, else the dataset the index was built from, else the workspace's training split.
std::string dataFor(const std::optional<std::string>& option, const IndexView& index,
                    const std::string& workspace)
{
    if (option)
        return *option;
    if (fs::is_directory(index.datasetRoot()))
        return index.datasetRoot();
    return workspacePath(workspace, "dataset", "train");
}

/// Renders without a cache and writes the PNGs straight into `out`.
std::vector<CachedEvidence> renderToFolder(const EvidenceRenderer& renderer,
                                           const std::vector<std::string>& sources, int feature,
                                           const AttackSettings& settings, const fs::path& out,
                                           const Job& job)
{
    std::vector<Image> images;
    for (const auto& source : sources)
        images.push_back(decodeImageFile(source));
    const FeatureEvidence evidence = renderer.render(images, feature, settings, job);
    std::vector<CachedEvidence> written(sources.size());
    for (std::size_t i = 0; i < sources.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        written[i].source = sources[i];
        written[i].image = (out / ("image_" + n + ".png")).string();
        written[i].heatmap = (out / ("heatmap_" + n + ".png")).string();
        written[i].attack = (out / ("attack_" + n + ".png")).string();
        writePngFile(written[i].image, evidence.images[i]);
        writePngFile(written[i].heatmap, evidence.heatmaps[i]);
        writePngFile(written[i].attack, evidence.attacks.images[i]);
        written[i].featureTrace = evidence.attacks.featureTrace[i];
    }
    return written;
}

/// Copies the cached files into `out` under their numbered names.
void copyFromCache(std::vector<CachedEvidence>& evidence, const fs::path& out)
{
    for (std::size_t i = 0; i < evidence.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        for (auto [file, name] :
             {std::pair{&evidence[i].image, "image_"}, std::pair{&evidence[i].heatmap, "heatmap_"},
              std::pair{&evidence[i].attack, "attack_"}}) {
            const fs::path target = out / (name + n + ".png");
            fs::copy_file(*file, target, fs::copy_options::overwrite_existing);
            *file = target.string();
        }
    }
}

} // namespace

int runRenderCommand(Arguments& arguments)
{
    const std::string workspace = arguments.option("workspace", ".");
    const std::string indexDir = arguments.option("index", (fs::path(workspace) / "index").string());
    const bool json = arguments.flag("json");
    const bool noCache = arguments.flag("no-cache");
    const auto classText = arguments.option("class");
    const auto featureText = arguments.option("feature");
    const auto out = arguments.option("out");
    const auto modelOption = arguments.option("model");
    const auto dataOption = arguments.option("data");
    const DeviceChoice device = parseDeviceChoice(arguments.option("device", "auto"));
    AttackSettings settings;
    settings.steps = arguments.intOption("steps", settings.steps);
    settings.stepSize = doubleOption(arguments, "step-size", settings.stepSize);
    settings.eps = doubleOption(arguments, "eps", settings.eps);
    settings.batchSize = arguments.intOption("batch-size", settings.batchSize);
    if (!arguments.positionals().empty() || !classText || !featureText || !out)
        throw UsageError(
            "render takes --class C --feature J --out DIR (optionally --workspace DIR, --index DIR, "
            "--model FILE, --data DIR, --steps N, --step-size S, --eps E, --device D, --json)");
    if (settings.steps < 0 || settings.batchSize < 1)
        throw UsageError("--steps must not be negative and --batch-size must be at least 1");

    const auto start = std::chrono::steady_clock::now();
    const IndexView index = IndexView::open(indexDir);
    const int cls = classArgument(index.classIds(), *classText);
    const int feature = featureArgument(index, *featureText);
    const RankedFeature ranked = rankedFeature(index, cls, feature, indexDir);
    const IndexManifest manifest = IndexManifest::read(indexDir);
    const std::string model = modelFor(modelOption, manifest, workspace);
    const EvidenceRenderer renderer = EvidenceRenderer::open(model, device);
    if (!manifest.modelSha256.empty() && renderer.info().sha256 != manifest.modelSha256)
        throw InputError(model + ": not the model the index " + indexDir + " was built with (" +
                         manifest.model + ", a different checksum)");
    const fs::path data = dataFor(dataOption, index, workspace);
    std::vector<std::string> sources;
    for (std::int64_t i : ranked.topPredicted)
        sources.push_back((data / index.imagePaths()[std::size_t(i)]).string());

    std::error_code error;
    fs::create_directories(*out, error);
    if (error)
        throw InputError(*out + ": cannot create the folder (" + error.message() + ")");
    const bool cached = !noCache && Workspace::looksLikeWorkspace(workspace);
    const RenderCache cache = RenderCache::forWorkspace(workspace);
    ProgressBar progress;
    std::vector<CachedEvidence> evidence;
    if (cached) {
        evidence = renderEvidenceToCache(renderer, cache, sources, feature, settings, progress.job());
        copyFromCache(evidence, *out);
    } else {
        evidence = renderToFolder(renderer, sources, feature, settings, *out, progress.job());
    }
    progress.finishLine();
    const Image first = renderer.prepareFile(sources.front());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    Json images = Json::array();
    for (std::size_t i = 0; i < evidence.size(); ++i) {
        const auto& e = evidence[i];
        images.push_back({{"source", index.imagePaths()[std::size_t(ranked.topPredicted[i])]},
                          {"activation", index.features(ranked.topPredicted[i])[feature]},
                          {"image", e.image},
                          {"heatmap", e.heatmap},
                          {"attack", e.attack},
                          {"feature_before", e.featureTrace.front()},
                          {"feature_after", e.featureTrace.back()},
                          {"cached", e.fromCache}});
    }
    if (json) {
        std::cout << Json{{"class", cls},
                          {"class_id", index.classIds().at(std::size_t(cls))},
                          {"feature", feature},
                          {"rank", ranked.rank},
                          {"importance", ranked.importance},
                          {"model", model},
                          {"device", renderer.deviceName()},
                          {"attack",
                           {{"steps", settings.steps},
                            {"step_size", settings.stepSize},
                            {"effective_step_size", settings.effectiveStepSize(first.height, first.width)},
                            {"eps", settings.eps}}},
                          {"cache", cached ? Json(cache.directory()) : Json(nullptr)},
                          {"seconds", seconds},
                          {"images", images}}
                         .dump(2)
                  << '\n';
        return 0;
    }
    std::cout << "Class " << cls << " (" << index.classIds()[std::size_t(cls)] << "), feature " << feature
              << " (rank " << ranked.rank << ", importance " << std::setprecision(4) << ranked.importance
              << "): " << evidence.size() << " images into " << *out << '\n';
    for (const auto& e : evidence)
        std::cout << "  " << fs::path(e.image).filename().string() << "  feature " << e.featureTrace.front()
                  << " -> " << e.featureTrace.back() << " after the attack"
                  << (e.fromCache ? "  (cached)" : "") << '\n';
    return 0;
}

} // namespace salient::cli
