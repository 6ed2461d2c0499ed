#pragma once

#include "base/Job.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace salient {

class Workspace;

/// The 15 pictures of a (class, feature) pair: its 5 top images, their heatmaps and their feature
/// attacks, as PNG files in the workspace's render cache (`cache/render`), which can always be rebuilt.
enum class EvidenceKind
{
    Image,
    Heatmap,
    Attack,
};

struct EvidencePicture
{
    EvidenceKind kind = EvidenceKind::Image;
    int position = 0;        ///< 0-4: the image's place among the pair's top images
    std::string path;        ///< the PNG in the render cache
    std::string sourceImage; ///< the dataset image, relative to the dataset root
    double activation = 0.0; ///< the feature's value on the image
};

/// Called for each picture as soon as it is ready (on the rendering thread).
using EvidenceCallback = std::function<void(const EvidencePicture&)>;

/// Renders the evidence of pairs of one workspace with its robust model, which is loaded once, on first
/// use. Finds pictures in the render cache and renders only the missing ones, batched over the 5 images.
/// Callers on several threads take turns; one waiting for its turn gives up when its job is cancelled.
class EvidenceSession
{
public:
    /// How many robust models sessions in this process have loaded so far (the count tests check).
    static int modelLoads();

    explicit EvidenceSession(std::string workspacePath, std::string device = "auto");
    ~EvidenceSession();
    EvidenceSession(const EvidenceSession&) = delete;
    EvidenceSession& operator=(const EvidenceSession&) = delete;

    /// Throws InputError when the pair is not among the class's ranked features.
    std::vector<EvidencePicture> render(int classIndex, int feature, const EvidenceCallback& onPicture = {},
                                        const Job& job = {});

    /// The heatmaps of `feature` on images as the index names them (relative to the folder it indexed),
    /// e.g. a pair's generalisation set, cached like the pair's own pictures but without the feature
    /// attack. Each image gives an Image and a Heatmap picture; position is its place in `images`.
    std::vector<EvidencePicture> renderHeatmaps(int feature, const std::vector<std::string>& images,
                                                const EvidenceCallback& onPicture = {}, const Job& job = {});

private:
    struct Private;
    std::unique_ptr<Private> d;
    std::string m_path;
    std::string m_device;
};

/// The one session of a workspace in this process, shared by every page that shows evidence, so the
/// robust model is in memory once. Made on first use; freed when the last user lets go of it.
std::shared_ptr<EvidenceSession> sharedEvidenceSession(const std::string& workspacePath);

} // namespace salient
