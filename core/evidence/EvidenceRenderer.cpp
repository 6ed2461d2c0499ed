#include "core/evidence/EvidenceRenderer.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "core/evidence/FeatureAttack_p.h"
#include "core/evidence/Heatmap.h"
#include "core/evidence/NeuralActivationMap_p.h"
#include "core/model/ModelFile.h"
#include "core/model/TorchDevice_p.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cstring>

namespace salient {
namespace {

/// Runs of at most `batchSize` images of one size (models that keep the image size may get several).
std::vector<std::vector<Image>> batches(const std::vector<Image>& images, int batchSize)
{
    std::vector<std::vector<Image>> result;
    for (const Image& image : images) {
        if (result.empty() || int(result.back().size()) >= std::max(1, batchSize) ||
            result.back().front().width != image.width || result.back().front().height != image.height)
            result.emplace_back();
        result.back().push_back(image);
    }
    return result;
}

/// Images from an N x 3 x H x W tensor in [0, 1].
std::vector<Image> tensorToImages(const at::Tensor& batch)
{
    const at::Tensor hwc = batch.detach().to(at::kCPU, at::kFloat).permute({0, 2, 3, 1}).contiguous();
    std::vector<Image> images;
    for (std::int64_t i = 0; i < hwc.size(0); ++i) {
        Image image;
        image.height = int(hwc.size(1));
        image.width = int(hwc.size(2));
        image.pixels.resize(std::size_t(hwc[i].numel()));
        std::memcpy(image.pixels.data(), hwc[i].data_ptr<float>(), image.pixels.size() * sizeof(float));
        images.push_back(std::move(image));
    }
    return images;
}

} // namespace

struct EvidenceRenderer::Private
{
    LoadedModel model;
};

EvidenceRenderer::EvidenceRenderer() : d(std::make_unique<Private>()) {}
EvidenceRenderer::EvidenceRenderer(EvidenceRenderer&&) noexcept = default;
EvidenceRenderer& EvidenceRenderer::operator=(EvidenceRenderer&&) noexcept = default;
EvidenceRenderer::~EvidenceRenderer() = default;

EvidenceRenderer EvidenceRenderer::open(const std::string& modelPath, DeviceChoice device)
{
    EvidenceRenderer renderer;
    renderer.d->model = loadModel(modelPath, torchDevice(device));
    if (!renderer.d->model.info.native)
        throw ModelError(modelPath +
                         ": a black-box TorchScript model has no layer4 maps or features to show");
    return renderer;
}

const ModelInfo& EvidenceRenderer::info() const
{
    return d->model.info;
}

std::string EvidenceRenderer::deviceName() const
{
    return d->model.network->device().is_cuda() ? "cuda" : "cpu";
}

void EvidenceRenderer::checkFeature(int feature) const
{
    const int width = d->model.info.featureWidth;
    if (feature < 0 || feature >= width)
        throw InputError("feature " + std::to_string(feature) + " is outside 0-" + std::to_string(width - 1) +
                         " (the model's feature width is " + std::to_string(width) + ")");
}

Image EvidenceRenderer::prepare(const Image& image) const
{
    return applyGeometry(image, d->model.network->preprocessing());
}

Image EvidenceRenderer::prepareFile(const std::string& path) const
{
    return prepare(decodeImageFile(path));
}

std::vector<ActivationMap> EvidenceRenderer::activationMaps(const std::vector<Image>& prepared, int feature,
                                                            int batchSize) const
{
    checkFeature(feature);
    Network& network = *d->model.network;
    std::vector<ActivationMap> maps;
    for (const auto& batch : batches(prepared, batchSize)) {
        const at::Tensor nams =
            neuralActivationMaps(network, imagesToTensor(batch).to(network.device()), feature).to(at::kCPU);
        for (std::int64_t i = 0; i < nams.size(0); ++i) {
            ActivationMap map;
            map.height = int(nams.size(1));
            map.width = int(nams.size(2));
            const at::Tensor one = nams[i].contiguous();
            map.values.assign(one.data_ptr<float>(), one.data_ptr<float>() + one.numel());
            maps.push_back(std::move(map));
        }
    }
    return maps;
}

AttackedImages EvidenceRenderer::attack(const std::vector<Image>& prepared, int feature,
                                        const AttackSettings& settings, const Job& job) const
{
    checkFeature(feature);
    Network& network = *d->model.network;
    AttackedImages result;
    const auto groups = batches(prepared, settings.batchSize);
    const std::int64_t total = std::int64_t(groups.size()) * settings.steps;
    std::int64_t done = 0;
    for (const auto& batch : groups) {
        Job batchJob;
        batchJob.cancelRequested = job.cancelRequested;
        batchJob.onProgress = [&](std::int64_t step, std::int64_t, const std::string& stage) {
            job.report(done + step, total, stage);
        };
        const FeatureAttackResult attacked =
            featureAttack(network, imagesToTensor(batch).to(network.device()), feature, settings, batchJob);
        done += settings.steps;
        for (Image& image : tensorToImages(attacked.images))
            result.images.push_back(std::move(image));
        const at::Tensor trace = attacked.trace.contiguous();
        for (std::int64_t i = 0; i < trace.size(0); ++i)
            result.featureTrace.emplace_back(trace[i].data_ptr<float>(),
                                             trace[i].data_ptr<float>() + trace.size(1));
    }
    return result;
}

FeatureEvidence EvidenceRenderer::render(const std::vector<Image>& images, int feature,
                                         const AttackSettings& settings, const Job& job) const
{
    FeatureEvidence evidence;
    for (const Image& image : images)
        evidence.images.push_back(prepare(image));
    evidence.nams = activationMaps(evidence.images, feature, settings.batchSize);
    for (std::size_t i = 0; i < images.size(); ++i)
        evidence.heatmaps.push_back(heatmapOverlay(evidence.images[i], evidence.nams[i]));
    evidence.attacks = attack(evidence.images, feature, settings, job);
    return evidence;
}

} // namespace salient
