#include "core/masking/MaskingRun_p.h"

#include "base/Errors.h"
#include "core/data/ClassMapping.h"
#include "core/masking/LayerMasking_p.h"
#include "core/model/TorchDevice_p.h"
#include "core/sweep/Corruption_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace salient {

void MaskingOptions::validate() const
{
    if (strategies.empty())
        throw InputError("the masking lab needs at least one strategy");
    for (std::size_t i = 0; i < strategies.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (strategies[i] == strategies[j])
                throw InputError("strategy " + strategyName(strategies[i]) + " is listed twice");
    layer.validate();
    if (batchSize < 1)
        throw InputError("the batch size must be at least 1");
    if (limit < 0)
        throw InputError("the image limit must be 0 (all) or more");
    if (rates.empty())
        throw InputError("the removal curves need at least one rate");
    for (double rate : rates)
        if (!(rate >= 0.0 && rate <= 1.0))
            throw InputError("removal rate " + std::to_string(rate) + " is not between 0 and 1");
    if (patch < 0)
        throw InputError("the patch side must be 0 (automatic) or more, not " + std::to_string(patch));
}

std::vector<ExperimentModel> openExperiment(const SweepSource& source,
                                            const std::vector<std::string>& modelPaths,
                                            const MaskingOptions& options, MaskingRunInfo& info)
{
    options.validate();
    if (modelPaths.empty())
        throw InputError("the masking lab needs at least one model");
    const at::Device device = torchDevice(options.device);
    const bool layer = std::find(options.strategies.begin(), options.strategies.end(),
                                 MaskingStrategy::Layer) != options.strategies.end();
    ImageFolder classes;
    classes.root = source.description();
    classes.classes = source.classIds();
    std::vector<ExperimentModel> models;
    for (const std::string& path : modelPaths) {
        ExperimentModel m;
        m.model = loadModel(path, device);
        if (layer && !m.model.network->isNative())
            throw ModelError(path + ": layer masking runs inside the network and needs a native ResNet; this "
                                    "model is a TorchScript black box (leave out the layer strategy)");
        m.classOf = mapFolderClasses(m.model.info, classes);
        info.models.push_back({std::filesystem::path(path).stem().string(), path, m.model.info.sha256,
                               m.model.info.architecture});
        models.push_back(std::move(m));
    }
    info.source = source.description();
    info.classIds = source.classIds();
    info.options = options;
    info.device = device.is_cuda() ? "cuda" : "cpu";
    return models;
}

void forEachBatch(const SweepSource& source, const std::vector<std::size_t>& positions,
                  const Preprocessing& geometry, at::Device device, int batchSize, const Job& job,
                  const std::string& stage, const std::function<void(const DeviceBatch&)>& body)
{
    const std::size_t step = std::size_t(batchSize);
    for (std::size_t begin = 0; begin < positions.size(); begin += step) {
        job.throwIfCancelled();
        job.report(std::int64_t(begin), std::int64_t(positions.size()), stage);
        const std::size_t end = std::min(positions.size(), begin + step);
        const std::vector<std::size_t> samples(positions.begin() + long(begin),
                                               positions.begin() + long(end));
        const SweepBatch host = decodeSweepBatch(source, samples, geometry, false);
        DeviceBatch batch;
        batch.host = &host;
        batch.images = host.images.to(device).permute({0, 3, 1, 2}).contiguous();
        batch.object = host.coreUnion.to(device).unsqueeze(1);
        body(batch);
    }
    job.report(std::int64_t(positions.size()), std::int64_t(positions.size()), stage);
}

namespace {

std::vector<std::int64_t> toVector(const at::Tensor& classes)
{
    const at::Tensor host = classes.to(at::kCPU).to(at::kLong).contiguous();
    return std::vector<std::int64_t>(host.data_ptr<std::int64_t>(),
                                     host.data_ptr<std::int64_t>() + host.numel());
}

} // namespace

std::vector<std::int64_t> predictClean(ExperimentModel& model, const at::Tensor& images)
{
    at::NoGradGuard noGrad;
    Network& net = *model.model.network;
    const at::Tensor logits =
        net.isNative() ? net.resnet().inferenceForward(net.normalise(images)).logits : net.logits(images);
    return toVector(logits.argmax(1));
}

std::vector<std::int64_t> predictMasked(ExperimentModel& model, const at::Tensor& images,
                                        const at::Tensor& keep, MaskingStrategy strategy,
                                        const std::vector<std::uint64_t>& seeds,
                                        const MaskingOptions& options, LayerMaskReport& report)
{
    at::NoGradGuard noGrad;
    Network& net = *model.model.network;
    if (strategy == MaskingStrategy::Layer) {
        const LayerMaskedOutputs out = layerMaskedOutputs(net, images, keep, options.layer);
        report.threshold = out.report.threshold;
        report.softValues += out.report.softValues;
        report.maskValues += out.report.maskValues;
        return toVector(out.outputs.logits.argmax(1));
    }
    const Preprocessing& p = net.preprocessing();
    return predictClean(model, removeRegion(strategy, images, keep, p.mean, p.std, seeds));
}

std::string thresholdNote(const LayerMaskReport& report)
{
    return report.thresholded() ? "layer masking: " + report.describe() : std::string();
}

} // namespace salient
