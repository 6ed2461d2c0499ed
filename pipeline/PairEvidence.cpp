#include "pipeline/PairEvidence.h"

#include "base/Errors.h"
#include "core/Runtime.h"
#include "core/evidence/CachedEvidence.h"
#include "core/index/IndexManifest.h"
#include "database/IndexTables.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace fs = std::filesystem;

namespace salient {
namespace {

std::atomic<int> g_modelLoads{0};

} // namespace

struct EvidenceSession::Private
{
    std::mutex turn; ///< one render at a time: the renderer and its model are not shared between threads
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
            ++g_modelLoads;
        }
        return *renderer;
    }

    /// Waits for this thread's turn, polling so that a job cancelled while it waits stops waiting.
    std::unique_lock<std::mutex> waitForTurn(const Job& job)
    {
        std::unique_lock<std::mutex> lock(turn, std::defer_lock);
        while (!lock.try_lock()) {
            job.throwIfCancelled();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return lock;
    }
};

int EvidenceSession::modelLoads()
{
    return g_modelLoads.load();
}

std::shared_ptr<EvidenceSession> sharedEvidenceSession(const std::string& workspacePath)
{
    static std::mutex registryMutex;
    static std::map<std::string, std::weak_ptr<EvidenceSession>> registry;
    std::error_code ignored; // a folder that does not exist yet keeps its spelling as the key
    fs::path key = fs::weakly_canonical(workspacePath, ignored);
    if (key.empty())
        key = fs::absolute(workspacePath).lexically_normal();
    const std::lock_guard<std::mutex> lock(registryMutex);
    for (auto it = registry.begin(); it != registry.end();) // forget workspaces nobody shows any more
        it = it->second.expired() ? registry.erase(it) : std::next(it);
    std::weak_ptr<EvidenceSession>& slot = registry[key.string()];
    std::shared_ptr<EvidenceSession> session = slot.lock();
    if (!session) {
        session = std::make_shared<EvidenceSession>(workspacePath);
        slot = session;
    }
    return session;
}

EvidenceSession::EvidenceSession(std::string workspacePath, std::string device)
    : d(std::make_unique<Private>()), m_path(std::move(workspacePath)), m_device(std::move(device))
{}

EvidenceSession::~EvidenceSession() = default;

std::vector<EvidencePicture> EvidenceSession::render(int classIndex, int feature,
                                                     const EvidenceCallback& onPicture, const Job& job)
{
    const auto turn = d->waitForTurn(job);
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
    const auto turn = d->waitForTurn(job);
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
