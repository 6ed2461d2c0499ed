#include "core/training/Evaluation.h"

#include "base/Errors.h"
#include "core/attack/PgdL2_p.h"
#include "core/data/ClassMapping.h"
#include "core/model/ModelFile.h"
#include "core/model/TorchDevice_p.h"
#include "core/training/ImageTensor_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

namespace salient {

EvaluationResult evaluateModel(const std::string& modelPath, const std::string& folderRoot,
                               const EvaluationOptions& options, DeviceChoice deviceChoice, const Job& job)
{
    const at::Device device = torchDevice(deviceChoice);
    LoadedModel model = loadModel(modelPath, device);
    Network& network = *model.network;
    const ImageFolder folder = ImageFolder::scan(folderRoot);
    const at::Tensor images = loadImageTensor(folder, network.preprocessing(), job);
    const std::vector<std::int64_t> mapping = mapFolderClasses(model.info, folder);
    std::vector<std::int64_t> targets;
    for (const auto& entry : folder.entries)
        targets.push_back(mapping[std::size_t(entry.label)]);
    const at::Tensor labels = at::tensor(targets, at::kLong);

    EvaluationResult result;
    result.images = images.size(0);
    std::int64_t correct = 0;
    for (std::int64_t begin = 0; begin < result.images; begin += options.batchSize) {
        job.throwIfCancelled();
        job.report(begin, result.images, "Evaluating clean");
        const std::int64_t end = std::min(result.images, begin + options.batchSize);
        at::NoGradGuard noGrad;
        const at::Tensor x = images.slice(0, begin, end).to(device).to(at::kFloat).div_(255.0);
        correct +=
            network.logits(x).argmax(1).eq(labels.slice(0, begin, end).to(device)).sum().item<std::int64_t>();
    }
    result.clean = double(correct) / double(result.images);
    if (!options.attack)
        return result;

    const std::int64_t limit =
        options.attackLimit > 0 ? std::min<std::int64_t>(options.attackLimit, result.images) : result.images;
    const at::Tensor chosen = at::linspace(0, double(result.images - 1), limit).round().to(at::kLong);
    const PgdSettings settings{options.eps, options.attackSteps, options.attackStepSize};
    const LogitsFunction logits = [&](const at::Tensor& x) {
        return network.logits(x);
    };
    std::int64_t robust = 0;
    for (std::int64_t begin = 0; begin < limit; begin += options.batchSize) {
        job.throwIfCancelled();
        job.report(begin, limit, "Evaluating under attack");
        const at::Tensor index = chosen.slice(0, begin, std::min(limit, begin + options.batchSize));
        const at::Tensor x = images.index_select(0, index).to(device).to(at::kFloat).div_(255.0);
        const at::Tensor y = labels.index_select(0, index).to(device);
        const at::Tensor adversarial = pgdL2Attack(logits, x, y, settings);
        at::NoGradGuard noGrad;
        robust += network.logits(adversarial).argmax(1).eq(y).sum().item<std::int64_t>();
    }
    result.attacked = limit;
    result.underAttack = double(robust) / double(limit);
    return result;
}

} // namespace salient
