#include "core/model/ScriptClassifier.h"

#include "base/Errors.h"
#include "core/model/TorchErrors_p.h"

#include <torch/csrc/jit/serialization/import.h>

namespace salient {

struct ScriptClassifier::Private
{
    torch::jit::Module module;
};

ScriptClassifier::ScriptClassifier() : d(std::make_unique<Private>()) {}

ScriptClassifier::~ScriptClassifier() = default;

std::shared_ptr<ScriptClassifier> ScriptClassifier::load(const std::string& path, at::Device device)
{
    std::shared_ptr<ScriptClassifier> classifier(new ScriptClassifier());
    try {
        classifier->d->module = torch::jit::load(path, device);
        classifier->d->module.eval();
    } catch (const c10::Error& e) {
        throw ModelError(path + ": cannot load the TorchScript archive (" + torchMessage(e) + ")");
    }
    return classifier;
}

std::vector<NamedTensor> ScriptClassifier::namedTensors() const
{
    std::vector<NamedTensor> tensors;
    for (const auto& p : d->module.named_parameters(true))
        tensors.emplace_back(p.name, p.value);
    for (const auto& b : d->module.named_buffers(true))
        tensors.emplace_back(b.name, b.value);
    return tensors;
}

std::int64_t ScriptClassifier::parameterCount() const
{
    std::int64_t count = 0;
    for (const auto& p : d->module.parameters(true))
        count += p.numel();
    return count;
}

at::Tensor ScriptClassifier::forward(const at::Tensor& input)
{
    try {
        const c10::IValue output = d->module.forward({input});
        if (!output.isTensor())
            throw ModelError("the TorchScript module's forward() does not return a tensor of logits");
        return output.toTensor();
    } catch (const c10::Error& e) {
        throw ModelError("the TorchScript module failed on its input (" + torchMessage(e) + ")");
    }
}

void ScriptClassifier::to(at::Device device)
{
    d->module.to(device);
}

} // namespace salient
