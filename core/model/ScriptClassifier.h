#pragma once

// Internal to core: includes LibTorch headers.
#include "core/model/ResNet_p.h"

#include <memory>
#include <string>
#include <vector>

namespace salient {

/// A TorchScript module loaded with torch::jit::load, kept out of headers (its headers are heavy).
class ScriptClassifier
{
public:
    /// Throws ModelError naming `path` when the archive cannot be loaded.
    static std::shared_ptr<ScriptClassifier> load(const std::string& path, at::Device device);
    ~ScriptClassifier();

    /// Parameters and buffers under their recursive names ("layer1.0.conv1.weight").
    std::vector<NamedTensor> namedTensors() const;
    std::int64_t parameterCount() const;
    /// forward(x) of the module, which must return a tensor of logits.
    at::Tensor forward(const at::Tensor& input);
    void to(at::Device device);

private:
    ScriptClassifier();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace salient
