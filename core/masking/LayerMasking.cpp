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

at::Tensor neighbourMeanFill(const at::Tensor& x, const at::Tensor& keep, int iterations)
{
    at::Tensor filled = x.detach();
    {
        at::NoGradGuard noGrad;
        const std::int64_t channels = x.size(1);
        const at::Tensor channelSum = at::ones({channels, 1, 3, 3}, x.options().requires_grad(false));
        const at::Tensor maskSum = at::ones({1, 1, 3, 3}, keep.options());
        at::Tensor working = keep;
        for (int i = 0; i < iterations; ++i) {
            // Once every position is reached, further rounds add exactly zero.
            if (working.min().item<double>() >= 1.0)
                break;
            const at::Tensor num = at::conv2d(filled, channelSum, {}, 1, 1, 1, channels);
            const at::Tensor den = at::conv2d(working, maskSum, {}, 1, 1);
            filled = filled + (1 - working) * num / (den + 1e-5);
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
