#pragma once

// Internal to core: includes LibTorch headers.
#include "core/masking/LayerMasking.h"
#include "core/model/Network.h"

#include <ATen/core/Tensor.h>

namespace salient {

/// Neighbour-mean inpainting of the positions `keep` removes (x is zero there), `iterations` times:
/// num = the 3x3 sum of x per channel, den = the 3x3 sum of the working mask, x += (1 - m) num / (den +
/// 1e-5), m = min(m + den, 1). Each round fills one more ring around the kept positions. The result
/// carries the gradient of x at kept positions and none through the filled values.
at::Tensor neighbourMeanFill(const at::Tensor& x, const at::Tensor& keep, int iterations);

/// `keep` (N x 1 x H x W, soft or binary) as 0/1 values, 1 where keep >= options.threshold, and what
/// was thresholded.
std::pair<at::Tensor, LayerMaskReport> binariseKeepMask(const at::Tensor& keep,
                                                        const LayerMaskOptions& options);

struct LayerMaskedOutputs
{
    ResNetOutputs outputs;
    LayerMaskReport report;
};

/// The layer-masked forward pass of a native ResNet on images in [0, 1] (N x 3 x H x W) with their keep
/// masks (N x 1 x H x W, 1 keeps): normalisation, thresholding and ResNet::layerMaskedForward. Throws
/// ModelError for a black-box model and InputError for a mask that keeps nothing or has another size.
LayerMaskedOutputs layerMaskedOutputs(Network& network, const at::Tensor& images, const at::Tensor& keep,
                                      const LayerMaskOptions& options = {});

} // namespace salient
