#include "core/evidence/NeuralActivationMap_p.h"

#include "core/model/Network.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <array>

namespace salient {

at::Tensor activationMapsFromLayer4(const at::Tensor& layer4, int feature, int height, int width)
{
    const at::Tensor channel = layer4.select(1, feature).to(at::kFloat); // N x h x w
    const at::Tensor peak = std::get<0>(channel.flatten(1).max(1)).view({-1, 1, 1});
    // Divide (not multiply by a reciprocal) to match the reference bit for bit.
    const at::Tensor normalised = at::where(peak > 0, channel / peak, at::zeros_like(channel));
    const std::array<std::int64_t, 2> size{height, width};
    const at::Tensor resized = at::upsample_bilinear2d(normalised.unsqueeze(1), at::IntArrayRef(size), false,
                                                       c10::nullopt, c10::nullopt);
    return resized.squeeze(1).clamp(0.0, 1.0);
}

at::Tensor neuralActivationMaps(Network& network, const at::Tensor& images, int feature)
{
    at::NoGradGuard noGrad;
    return activationMapsFromLayer4(network.outputs(images).layer4, feature, int(images.size(2)),
                                    int(images.size(3)));
}

} // namespace salient
