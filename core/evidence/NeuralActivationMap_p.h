#pragma once

// Internal to core: includes LibTorch headers.
#include <ATen/core/Tensor.h>

namespace salient {

class Network;

/// Neural activation maps from the last conv block's maps (N x D x h x w, before pooling): channel
/// `feature` of each image divided by its own maximum (an image whose maximum is <= 0 gets zeros), then
/// resized bilinearly to `height` x `width` as torch.nn.functional.interpolate(mode="bilinear",
/// align_corners=False) does. N x height x width, float, in [0, 1].
at::Tensor activationMapsFromLayer4(const at::Tensor& layer4, int feature, int height, int width);

/// The same for images in [0, 1] (N x 3 x H x W on the network's device), at the images' size.
at::Tensor neuralActivationMaps(Network& network, const at::Tensor& images, int feature);

} // namespace salient
