// ResNet::layerMaskedForward: the network's own layers under layer masking (docs/masking.md). The rules,
// with m binary: conv(x) -> conv(fill(x)) * maxpool(m); BN and ReLU -> f(x m) m; residual ->
// (branch + identity) (m_branch m_identity), then ReLU; global pooling -> sum(x m) / sum(m). With m binary,
// BN(conv(x) m) m = folded(x) m, so each convolution runs with its batch normalisation folded in.
#include "core/masking/LayerMasking_p.h"
#include "core/model/ResNet_p.h"

#include "base/Errors.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <tuple>

namespace salient {
namespace {

/// The mask after a convolution or pooling of `kernel`, `stride` and `padding`: kept where the window
/// saw a kept position.
at::Tensor carryMask(const at::Tensor& keep, std::int64_t kernel, std::int64_t stride, std::int64_t padding)
{
    if (kernel == 1 && stride == 1)
        return keep;
    return at::max_pool2d(keep, {kernel, kernel}, {stride, stride}, {padding, padding});
}

void requireKeptPositions(const at::Tensor& keep, const char* where)
{
    const at::Tensor kept = keep.sum({1, 2, 3}).to(at::kCPU);
    for (std::int64_t i = 0; i < kept.size(0); ++i)
        if (kept[i].item<double>() <= 0.0)
            throw InputError("the mask of image " + std::to_string(i) + " keeps no position " + where +
                             ": layer masking needs at least one kept pixel");
}

} // namespace

std::pair<at::Tensor, at::Tensor> ResNet::layerMaskedConv(const at::Tensor& x, const at::Tensor& keep,
                                                          const Conv& c, const Norm& n)
{
    const std::int64_t kernel = m_state[c.weight].second.size(3);
    const at::Tensor carried = carryMask(keep, kernel, c.stride, c.padding);
    const at::Tensor filled = neighbourMeanFill(x, keep, int(kernel));
    return {foldedConv(filled, c, n).mul_(carried), carried};
}

std::pair<at::Tensor, at::Tensor> ResNet::layerMaskedBlock(const at::Tensor& x, const at::Tensor& keep,
                                                           const Block& b)
{
    at::Tensor out = x, mask = keep;
    for (std::size_t i = 0; i < b.convs.size(); ++i) {
        std::tie(out, mask) = layerMaskedConv(out, mask, b.convs[i], b.norms[i]);
        if (i + 1 < b.convs.size())
            out.relu_(); // relu(y m) m = relu(y) m: y is already zero where m is
    }
    at::Tensor identity = x, identityMask = keep;
    if (b.hasDownsample)
        std::tie(identity, identityMask) = layerMaskedConv(x, keep, b.downsampleConv, b.downsampleNorm);
    const at::Tensor joint = mask * identityMask;
    return {out.add_(identity).mul_(joint).relu_(), joint};
}

ResNetOutputs ResNet::layerMaskedForward(const at::Tensor& input, const at::Tensor& keep)
{
    if (input.dim() != 4 || input.size(1) != 3)
        throw InputError("the network expects a batch of N x 3 x H x W images");
    if (keep.dim() != 4 || keep.size(0) != input.size(0) || keep.size(1) != 1 ||
        keep.size(2) != input.size(2) || keep.size(3) != input.size(3))
        throw InputError("layer masking needs one N x 1 x H x W mask per image, of the images' size");
    requireKeptPositions(keep, "in the image");
    at::NoGradGuard noGrad;
    const at::Tensor mask0 = keep.to(input.scalar_type());
    at::Tensor x, mask;
    std::tie(x, mask) = layerMaskedConv(input * mask0, mask0, m_stemConv, m_stemNorm);
    x.relu_();
    if (!m_spec.smallInputStem) {
        mask = carryMask(mask, 3, 2, 1);
        x = at::max_pool2d(x, {3, 3}, {2, 2}, {1, 1}).mul_(mask);
    }
    for (const auto& stage : m_stages)
        for (const auto& b : stage)
            std::tie(x, mask) = layerMaskedBlock(x, mask, b);
    requireKeptPositions(mask, "after the last block (the kept region vanished in a strided layer)");
    ResNetOutputs out;
    out.layer4 = x;
    out.features = (x * mask).sum({2, 3}) / mask.sum({2, 3});
    out.logits = at::linear(out.features, m_state[m_fcWeight].second, m_state[m_fcBias].second);
    return out;
}

} // namespace salient
