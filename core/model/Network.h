#pragma once

// Internal to core: includes LibTorch headers.
#include "core/Image.h"
#include "core/Preprocessing.h"
#include "core/model/ResNet_p.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace salient {

class ScriptClassifier;

/// A classifier ready to run: a native ResNet or a TorchScript black box, behind the model's own
/// normalisation. Every entry point takes images in [0, 1] (N x 3 x H x W on the network's device).
class Network
{
public:
    Network(ResNet resnet, Preprocessing preprocessing);
    Network(std::shared_ptr<ScriptClassifier> script, Preprocessing preprocessing);

    bool isNative() const { return m_resnet.has_value(); }
    /// The native ResNet; throws ModelError for a black-box classifier.
    ResNet& resnet();
    const Preprocessing& preprocessing() const { return m_preprocessing; }

    at::Device device() const { return m_device; }
    void to(at::Device device);

    at::Tensor normalise(const at::Tensor& images) const;
    at::Tensor logits(const at::Tensor& images);
    /// Logits, penultimate features and layer4 maps; native models only.
    ResNetOutputs outputs(const at::Tensor& images);
    /// d objective / d images, where `objective` reduces the outputs to a scalar; native models only.
    at::Tensor inputGradient(const at::Tensor& images,
                             const std::function<at::Tensor(const ResNetOutputs&)>& objective);

    /// Applies the model's resize and crop to each image and stacks them on the network's device.
    at::Tensor imageBatch(const std::vector<Image>& images) const;

private:
    std::optional<ResNet> m_resnet;
    std::shared_ptr<ScriptClassifier> m_script;
    Preprocessing m_preprocessing;
    at::Device m_device = at::kCPU;
    at::Tensor m_mean;
    at::Tensor m_std;
};

/// An N x 3 x H x W float tensor (CPU) from images that share one size; throws InputError otherwise.
at::Tensor imagesToTensor(const std::vector<Image>& images);

} // namespace salient
