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
        throw InputError("feature " + std::to_string(feature) + " is not among the ranked features of class " +
                         std::to_string(classIndex));
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
    if (!d->renderer || d->indexDirectory != indexDirectory) {
        const std::string model = fs::exists(manifest.model) ? manifest.model
                                                             : workspaceFile(workspace, WorkspaceKeys::RobustModel);
        d->renderer = EvidenceRenderer::open(model, parseDeviceChoice(m_device));
        d->indexDirectory = indexDirectory;
    }
    const auto rendered = renderEvidenceToCache(*d->renderer, RenderCache::forWorkspace(workspace.path()), sources,
                                                feature, AttackSettings{}, job);
    std::vector<EvidencePicture> pictures;
    for (std::size_t i = 0; i < rendered.size(); ++i) {
        const std::pair<EvidenceKind, const std::string*> files[] = {{EvidenceKind::Image, &rendered[i].image},
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

} // namespace salient
