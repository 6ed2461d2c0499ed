#include "core/model/Network.h"

#include "base/Errors.h"
#include "core/model/ScriptClassifier.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cstring>

namespace salient {
namespace {

at::Tensor channelVector(const std::array<float, 3>& values)
{
    return at::tensor(std::vector<float>(values.begin(), values.end())).view({1, 3, 1, 1});
}

} // namespace

Network::Network(ResNet resnet, Preprocessing preprocessing)
    : m_resnet(std::move(resnet)), m_preprocessing(preprocessing), m_device(m_resnet->device()),
      m_mean(channelVector(preprocessing.mean).to(m_device)),
      m_std(channelVector(preprocessing.std).to(m_device))
{}

Network::Network(std::shared_ptr<ScriptClassifier> script, Preprocessing preprocessing)
    : m_script(std::move(script)), m_preprocessing(preprocessing), m_mean(channelVector(preprocessing.mean)),
      m_std(channelVector(preprocessing.std))
{
    const auto tensors = m_script->namedTensors();
    if (!tensors.empty())
        to(tensors.front().second.device());
}

ResNet& Network::resnet()
{
    if (!m_resnet)
        throw ModelError("this model is a TorchScript black box: features, layer4 maps and gradients need a "
                         "native ResNet");
    return *m_resnet;
}

void Network::to(at::Device device)
{
    if (m_resnet)
        m_resnet->to(device);
    else
        m_script->to(device);
    m_mean = m_mean.to(device);
    m_std = m_std.to(device);
    m_device = device;
}

at::Tensor Network::normalise(const at::Tensor& images) const
{
    return (images - m_mean) / m_std;
}

at::Tensor Network::logits(const at::Tensor& images)
{
    if (m_resnet)
        return m_resnet->forward(normalise(images)).logits;
    at::Tensor out = m_script->forward(normalise(images));
    if (out.dim() != 2 || out.size(0) != images.size(0))
        throw ModelError("the TorchScript module returned a tensor of shape " +
                         formatShape(std::vector<std::int64_t>(out.sizes().begin(), out.sizes().end())) +
                         " instead of N x classes logits");
    return out;
}

ResNetOutputs Network::outputs(const at::Tensor& images)
{
    return resnet().forward(normalise(images));
}

at::Tensor Network::inputGradient(const at::Tensor& images,
                                  const std::function<at::Tensor(const ResNetOutputs&)>& objective)
{
    at::AutoGradMode enableGrad(true);
    at::Tensor input = images.detach().clone().set_requires_grad(true);
    const at::Tensor value = objective(outputs(input));
    // autograd::grad leaves parameters' .grad untouched, unlike backward().
    return torch::autograd::grad({value}, {input})[0].detach();
}

at::Tensor Network::imageBatch(const std::vector<Image>& images) const
{
    std::vector<Image> prepared;
    prepared.reserve(images.size());
    for (const auto& image : images)
        prepared.push_back(applyGeometry(image, m_preprocessing));
    return imagesToTensor(prepared).to(m_device);
}

at::Tensor imagesToTensor(const std::vector<Image>& images)
{
    if (images.empty())
        throw InputError("no images to stack");
    const int width = images.front().width, height = images.front().height;
    at::Tensor batch = at::empty({std::int64_t(images.size()), height, width, 3});
    for (std::size_t i = 0; i < images.size(); ++i) {
        if (images[i].width != width || images[i].height != height)
            throw InputError("images of different sizes cannot share a batch");
        std::memcpy(batch[std::int64_t(i)].data_ptr<float>(), images[i].pixels.data(),
                    images[i].pixels.size() * sizeof(float));
    }
    return batch.permute({0, 3, 1, 2}).contiguous();
}

} // namespace salient
