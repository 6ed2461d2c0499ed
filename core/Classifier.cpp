#include "core/Classifier.h"

#include "core/model/ModelFile.h"
#include "core/model/TorchDevice_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

namespace salient {

struct Classifier::Private
{
    LoadedModel model;
};

Classifier::Classifier() : d(std::make_unique<Private>()) {}

Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

Classifier Classifier::open(const std::string& path, DeviceChoice device)
{
    Classifier classifier;
    classifier.d->model = loadModel(path, torchDevice(device));
    return classifier;
}

const ModelInfo& Classifier::info() const
{
    return d->model.info;
}

std::string Classifier::deviceName() const
{
    return d->model.network->device().is_cuda() ? "cuda" : "cpu";
}

std::vector<std::vector<ClassScore>> Classifier::predict(const std::vector<Image>& images, int topK,
                                                         int batchSize) const
{
    at::NoGradGuard noGrad;
    Network& network = *d->model.network;
    const int k = std::max(1, std::min(topK, d->model.info.numClasses));
    std::vector<std::vector<ClassScore>> results;
    for (std::size_t start = 0; start < images.size(); start += std::size_t(batchSize)) {
        const std::vector<Image> chunk(images.begin() + long(start),
                                       images.begin() + long(std::min(images.size(), start + batchSize)));
        const at::Tensor probabilities =
            at::softmax(network.logits(network.imageBatch(chunk)), 1).to(at::kCPU);
        const auto top = probabilities.topk(k, 1);
        const at::Tensor values = std::get<0>(top).contiguous(), indices = std::get<1>(top).contiguous();
        for (std::int64_t i = 0; i < values.size(0); ++i) {
            std::vector<ClassScore> scores;
            for (int j = 0; j < k; ++j) {
                const int index = int(indices[i][j].item<std::int64_t>());
                scores.push_back({index, d->model.info.className(index), values[i][j].item<float>()});
            }
            results.push_back(std::move(scores));
        }
    }
    return results;
}

void Classifier::save(const std::string& path) const
{
    saveModel(path, d->model.network->resnet(), d->model.info);
}

} // namespace salient
