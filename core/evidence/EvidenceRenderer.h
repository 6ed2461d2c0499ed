#pragma once

#include "base/Job.h"
#include "core/Image.h"
#include "core/ModelInfo.h"
#include "core/Runtime.h"
#include "core/evidence/ActivationMap.h"
#include "core/evidence/AttackSettings.h"

#include <memory>
#include <string>
#include <vector>

namespace salient {

/// The feature attack's images and how the feature grew.
struct AttackedImages
{
    std::vector<Image> images;
    std::vector<std::vector<float>> featureTrace; ///< per image: before every step, then after the last
};

/// Everything the discovery study shows for one (class, feature) pair, image by image.
struct FeatureEvidence
{
    std::vector<Image> images;       ///< resized and cropped to the model's input
    std::vector<ActivationMap> nams; ///< neural activation maps, in [0, 1], at the images' size
    std::vector<Image> heatmaps;     ///< heatmapOverlay of image and NAM
    AttackedImages attacks;
};

/// A native model opened to show what one of its neural features responds to; the plain face of the
/// evidence code (no LibTorch types), for the CLI and the GUI.
class EvidenceRenderer
{
public:
    /// Throws ModelError naming the file, also for a black-box model (NAMs need layer4 maps).
    static EvidenceRenderer open(const std::string& modelPath, DeviceChoice device = DeviceChoice::Auto);

    EvidenceRenderer(EvidenceRenderer&&) noexcept;
    EvidenceRenderer& operator=(EvidenceRenderer&&) noexcept;
    ~EvidenceRenderer();

    const ModelInfo& info() const;
    std::string deviceName() const;

    /// The image resized and cropped as the model wants it.
    Image prepare(const Image& image) const;
    /// Decodes an image file and prepares it; throws ImageError naming the file.
    Image prepareFile(const std::string& path) const;

    /// NAMs of `feature` for prepared images (one size), in batches of `batchSize`.
    /// Throws InputError when the feature is outside the model's feature width.
    std::vector<ActivationMap> activationMaps(const std::vector<Image>& prepared, int feature,
                                              int batchSize = 5) const;
    /// The feature attack on prepared images, in batches of settings.batchSize.
    AttackedImages attack(const std::vector<Image>& prepared, int feature, const AttackSettings& settings,
                          const Job& job = {}) const;

    /// Prepares the images, then computes NAMs, heatmaps and attacks.
    FeatureEvidence render(const std::vector<Image>& images, int feature, const AttackSettings& settings,
                           const Job& job = {}) const;

private:
    EvidenceRenderer();
    void checkFeature(int feature) const;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace salient
