#include "pipeline/PairRendering.h"

#include "base/Errors.h"
#include "base/Parse.h"
#include "core/ImageDecoder.h"
#include "core/evidence/CachedEvidence.h"
#include "core/evidence/PngFile.h"
#include "core/index/FeatureRanking.h"
#include "core/index/IndexManifest.h"
#include "core/index/IndexView.h"
#include "database/Workspace.h"
#include "pipeline/FeatureListing.h"
#include "pipeline/WorkspacePaths.h"

#include <filesystem>

namespace salient {
namespace {

namespace fs = std::filesystem;

int resolveFeature(const IndexView& index, const std::string& text)
{
    const std::optional<int> value = parseInt(text);
    if (value && *value >= 0 && *value < index.featureWidth())
        return *value;
    throw InputError("feature '" + text + "' is outside 0-" + std::to_string(index.featureWidth() - 1) +
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

std::string workspaceSetting(const std::string& workspaceDir, const std::string& key,
                             const std::string& suffix = {})
{
    return workspaceFile(Workspace::open(workspaceDir, false), key, suffix);
}

/// The request's model, else the model the index was built with, else the workspace's robust model.
std::string modelFor(const PairRenderRequest& request, const IndexManifest& manifest)
{
    if (request.model)
        return *request.model;
    if (!manifest.model.empty() && fs::exists(manifest.model))
        return manifest.model;
    return workspaceSetting(request.workspace, WorkspaceKeys::RobustModel);
}

/// The request's data, else the dataset the index was built from, else the workspace's training split.
std::string dataFor(const PairRenderRequest& request, const IndexView& index)
{
    if (request.data)
        return *request.data;
    if (fs::is_directory(index.datasetRoot()))
        return index.datasetRoot();
    return workspaceSetting(request.workspace, WorkspaceKeys::Dataset, "train");
}

/// The index the workspace stored, else the folder `index` in it.
std::string indexFolderOf(const std::string& workspaceDir)
{
    if (Workspace::looksLikeWorkspace(workspaceDir)) {
        const Workspace workspace = Workspace::open(workspaceDir, false);
        if (workspace.configValue(WorkspaceKeys::FeatureIndex))
            return workspaceFile(workspace, WorkspaceKeys::FeatureIndex);
    }
    return (fs::path(workspaceDir) / "index").string();
}

std::string numbered(const fs::path& out, const char* name, std::size_t i)
{
    return (out / (name + std::to_string(i + 1) + ".png")).string();
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
        written[i].source = sources[i];
        written[i].image = numbered(out, "image_", i);
        written[i].heatmap = numbered(out, "heatmap_", i);
        written[i].attack = numbered(out, "attack_", i);
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
        for (auto [file, name] :
             {std::pair{&evidence[i].image, "image_"}, std::pair{&evidence[i].heatmap, "heatmap_"},
              std::pair{&evidence[i].attack, "attack_"}}) {
            const std::string target = numbered(out, name, i);
            fs::copy_file(*file, target, fs::copy_options::overwrite_existing);
            *file = target;
        }
    }
}

} // namespace

PairRenderResult renderPairToFolder(const PairRenderRequest& request, const Job& job)
{
    if (request.attack.steps < 0 || request.attack.batchSize < 1)
        throw InputError("the attack's steps must not be negative and its batch size must be at least 1");
    const std::string indexDir = request.index ? *request.index : indexFolderOf(request.workspace);
    const IndexView index = IndexView::open(indexDir);
    PairRenderResult result;
    result.classIndex = resolveClass(index.classIds(), request.classText);
    result.classId = index.classIds().at(std::size_t(result.classIndex));
    result.feature = resolveFeature(index, request.featureText);
    const RankedFeature ranked = rankedFeature(index, result.classIndex, result.feature, indexDir);
    result.rank = ranked.rank;
    result.importance = ranked.importance;
    const IndexManifest manifest = IndexManifest::read(indexDir);
    result.model = modelFor(request, manifest);
    const EvidenceRenderer renderer = EvidenceRenderer::open(result.model, request.device);
    if (!manifest.modelSha256.empty() && renderer.info().sha256 != manifest.modelSha256)
        throw InputError(result.model + ": not the model the index " + indexDir + " was built with (" +
                         manifest.model + ", a different checksum)");
    result.device = renderer.deviceName();
    const fs::path data = dataFor(request, index);
    std::vector<std::string> sources;
    for (std::int64_t i : ranked.topPredicted)
        sources.push_back((data / index.imagePaths()[std::size_t(i)]).string());

    std::error_code error;
    fs::create_directories(request.outDir, error);
    if (error)
        throw InputError(request.outDir + ": cannot create the folder (" + error.message() + ")");
    const bool cached = request.useCache && Workspace::looksLikeWorkspace(request.workspace);
    std::vector<CachedEvidence> evidence;
    if (cached) {
        const RenderCache cache = RenderCache::forWorkspace(request.workspace);
        evidence = renderEvidenceToCache(renderer, cache, sources, result.feature, request.attack, job);
        copyFromCache(evidence, request.outDir);
        result.cacheDir = cache.directory();
    } else {
        evidence = renderToFolder(renderer, sources, result.feature, request.attack, request.outDir, job);
    }
    const Image first = renderer.prepareFile(sources.front());
    result.attack = request.attack;
    result.effectiveStepSize = request.attack.effectiveStepSize(first.height, first.width);
    result.effectiveEps = request.attack.effectiveEps(first.height, first.width);
    for (std::size_t i = 0; i < evidence.size(); ++i) {
        const std::int64_t row = ranked.topPredicted[i];
        const CachedEvidence& e = evidence[i];
        result.images.push_back({index.imagePaths()[std::size_t(row)], index.features(row)[result.feature],
                                 e.image, e.heatmap, e.attack, e.featureTrace.front(), e.featureTrace.back(),
                                 e.fromCache});
    }
    return result;
}

} // namespace salient
