#include "pipeline/PairEvidence.h"

#include "core/Errors.h"
#include "core/Runtime.h"
#include "core/evidence/CachedEvidence.h"
#include "core/index/IndexManifest.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace salient {

struct EvidenceSession::Private
{
    std::optional<EvidenceRenderer> renderer;
    std::string indexDirectory; ///< the index the renderer was opened for

    /// The renderer of the index's model, opened on first use and again when the index changes.
    const EvidenceRenderer& open(const Workspace& workspace, const IndexManifest& manifest,
                                 const std::string& directory, const std::string& device)
    {
        if (!renderer || indexDirectory != directory) {
            const std::string model = fs::exists(manifest.model)
                                          ? manifest.model
                                          : workspaceFile(workspace, WorkspaceKeys::RobustModel);
            renderer = EvidenceRenderer::open(model, parseDeviceChoice(device));
            indexDirectory = directory;
        }
        return *renderer;
    }
};

EvidenceSession::EvidenceSession(std::string workspacePath, std::string device)
    : d(std::make_unique<Private>()), m_path(std::move(workspacePath)), m_device(std::move(device))
{}

EvidenceSession::~EvidenceSession() = default;

std::vector<EvidencePicture> EvidenceSession::render(int classIndex, int feature,
                                                     const EvidenceCallback& onPicture, const Job& job)
{
    Workspace workspace = Workspace::open(m_path, false);
    const std::string indexDirectory = workspaceFile(workspace, WorkspaceKeys::FeatureIndex);
    std::vector<FeatureImage> top;
    for (const ClassFeature& ranked : classFeatures(workspace.database(), classIndex))
        if (ranked.feature == feature)
            top = ranked.discovery;
    if (top.empty())
        throw InputError("feature " + std::to_string(feature) +
                         " is not among the ranked features of class " + std::to_string(classIndex));
    // The images are named relative to the dataset the index was built from.
    const IndexManifest manifest = IndexManifest::read(indexDirectory);
    std::vector<std::string> sources, relative;
    for (const FeatureImage& image : top) {
        const auto stored = indexedImage(workspace.database(), image.imageId);
        if (!stored)
            throw InputError("image " + std::to_string(image.imageId) + " is missing from the index tables");
        relative.push_back(stored->path);
        sources.push_back((fs::path(manifest.dataset) / stored->path).string());
    }
    const auto rendered = renderEvidenceToCache(d->open(workspace, manifest, indexDirectory, m_device),
                                                RenderCache::forWorkspace(workspace.path()), sources, feature,
                                                AttackSettings{}, job);
    std::vector<EvidencePicture> pictures;
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        const std::pair<EvidenceKind, const std::string*> files[] = {
            {EvidenceKind::Image, &rendered[i].image},
            {EvidenceKind::Heatmap, &rendered[i].heatmap},
            {EvidenceKind::Attack, &rendered[i].attack}};
        for (const auto& [kind, path] : files) {
            EvidencePicture picture{kind, int(i), *path, relative[i], top[i].activation};
            if (onPicture)
                onPicture(picture);
            pictures.push_back(std::move(picture));
        }
    }
    return pictures;
}

std::vector<EvidencePicture> EvidenceSession::renderHeatmaps(int feature,
                                                             const std::vector<std::string>& images,
                                                             const EvidenceCallback& onPicture,
                                                             const Job& job)
{
    Workspace workspace = Workspace::open(m_path, false);
    const std::string indexDirectory = workspaceFile(workspace, WorkspaceKeys::FeatureIndex);
    const IndexManifest manifest = IndexManifest::read(indexDirectory);
    std::vector<std::string> sources;
    for (const std::string& image : images)
        sources.push_back((fs::path(manifest.dataset) / image).string());
    // No gradient steps: the attack picture is the image itself, so only the heatmaps cost anything.
    AttackSettings noAttack;
    noAttack.steps = 0;
    const auto rendered =
        renderEvidenceToCache(d->open(workspace, manifest, indexDirectory, m_device),
                              RenderCache::forWorkspace(workspace.path()), sources, feature, noAttack, job);
    std::vector<EvidencePicture> pictures;
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        for (const auto& [kind, path] : {std::pair{EvidenceKind::Image, &rendered[i].image},
                                         std::pair{EvidenceKind::Heatmap, &rendered[i].heatmap}}) {
            EvidencePicture picture{kind, int(i), *path, images[i], 0.0};
            if (onPicture)
                onPicture(picture);
            pictures.push_back(std::move(picture));
        }
    }
    return pictures;
}

} // namespace salient
