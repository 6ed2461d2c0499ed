#include "core/masking/LayerMasking_p.h"

#include "base/Errors.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <sstream>

namespace salient {

void LayerMaskOptions::validate() const
{
    if (!(threshold > 0.0 && threshold <= 1.0))
        throw InputError("the layer-masking threshold must be in (0, 1], not " + std::to_string(threshold));
}

std::string LayerMaskReport::describe() const
{
    if (!thresholded())
        return {};
    std::ostringstream text;
    text << "soft mask thresholded at " << threshold << " (" << softValues << " of " << maskValues
         << " values were soft)";
    return text.str();
}

namespace {

/// The 3x3 sum around every position with zero padding, per channel: three shifted rows, then three
/// shifted columns (as a depthwise 3x3 convolution of ones, without its slow grouped kernel).
at::Tensor boxSum3(const at::Tensor& x)
{
    const std::int64_t height = x.size(2), width = x.size(3);
    const at::Tensor padded = at::constant_pad_nd(x, {1, 1, 1, 1}, 0);
    const at::Tensor rows =
        padded.slice(3, 0, width) + padded.slice(3, 1, width + 1) + padded.slice(3, 2, width + 2);
    return rows.slice(2, 0, height) + rows.slice(2, 1, height + 1) + rows.slice(2, 2, height + 2);
}

} // namespace

at::Tensor neighbourMeanFill(const at::Tensor& x, const at::Tensor& keep, int iterations)
{
    at::Tensor filled = x.detach();
    {
        at::NoGradGuard noGrad;
        at::Tensor working = keep;
        for (int i = 0; i < iterations; ++i) {
            // Once every position is reached, further rounds add exactly zero.
            if (working.min().item<double>() >= 1.0)
                break;
            const at::Tensor den = boxSum3(working);
            // x += (1 - m) num / (den + 1e-5), the weight computed once per position, not per channel.
            filled = filled.addcmul((1 - working) / (den + 1e-5), boxSum3(filled));
            working = (working + den).clamp_(0.0, 1.0);
        }
    }
    if (!x.requires_grad())
        return filled;
    return x + (filled - x.detach()); // the fill's values as constants
}

std::pair<at::Tensor, LayerMaskReport> binariseKeepMask(const at::Tensor& keep,
                                                        const LayerMaskOptions& options)
{
    options.validate();
    LayerMaskReport report;
    report.threshold = options.threshold;
    report.maskValues = keep.numel();
    report.softValues = at::logical_and(keep > 0.0, keep < 1.0).sum().item<std::int64_t>();
    return {(keep >= options.threshold).to(keep.scalar_type()), report};
}

LayerMaskedOutputs layerMaskedOutputs(Network& network, const at::Tensor& images, const at::Tensor& keep,
                                      const LayerMaskOptions& options)
{
    if (!network.isNative())
        throw ModelError("layer masking runs inside the network's layers: it needs a native ResNet, and this "
                         "model is a TorchScript black box (use a fill strategy such as grey or blur)");
    ResNet& resnet = network.resnet();
    auto [binary, report] = binariseKeepMask(keep.to(images.device(), images.scalar_type()), options);
    return {resnet.layerMaskedForward(network.normalise(images), binary), report};
}

} // namespace salient
