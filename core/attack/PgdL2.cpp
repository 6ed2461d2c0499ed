#include "core/attack/PgdL2_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

namespace salient {

at::Tensor perImageNorm(const at::Tensor& batch)
{
    return batch.flatten(1).norm(2, 1);
}

at::Tensor pgdL2Attack(const LogitsFunction& logits, const at::Tensor& images, const at::Tensor& labels,
                       const PgdSettings& settings)
{
    at::AutoGradMode enableGrad(true);
    const at::Tensor clean = images.detach();
    at::Tensor delta = at::zeros_like(clean);
    const double step = settings.effectiveStepSize();
    for (int i = 0; i < settings.steps; ++i) {
        const at::Tensor adversarial = (clean + delta).set_requires_grad(true);
        const at::Tensor loss = at::nll_loss(at::log_softmax(logits(adversarial), 1), labels);
        const at::Tensor gradient = torch::autograd::grad({loss}, {adversarial})[0];
        at::NoGradGuard noGrad;
        const at::Tensor direction = gradient / perImageNorm(gradient).clamp_min(1e-12).view({-1, 1, 1, 1});
        delta = delta + step * direction;
        const at::Tensor scale = (settings.eps / perImageNorm(delta).clamp_min(1e-12)).clamp_max(1.0);
        delta = delta * scale.view({-1, 1, 1, 1});
        delta = (clean + delta).clamp(0.0, 1.0) - clean;
    }
    return (clean + delta).detach();
}

} // namespace salient
