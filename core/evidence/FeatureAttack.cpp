#include "core/evidence/FeatureAttack_p.h"

#include "base/Errors.h"
#include "core/attack/PgdL2_p.h"
#include "core/model/Network.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

namespace salient {

FeatureAttackResult featureAttack(Network& network, const at::Tensor& images, int feature,
                                  const AttackSettings& settings, const Job& job)
{
    if (settings.steps < 0 || settings.stepSize < 0)
        throw InputError("the feature attack needs steps and a step size that are not negative");
    const at::Tensor clean = images.detach();
    const double step = settings.effectiveStepSize(int(clean.size(2)), int(clean.size(3)));
    const double eps = settings.effectiveEps(int(clean.size(2)), int(clean.size(3)));
    std::vector<at::Tensor> values;
    at::Tensor x = clean.clone();
    at::Tensor featureValue;
    const auto objective = [&](const ResNetOutputs& outputs) {
        const at::Tensor selected = outputs.features.select(1, feature);
        featureValue = selected.detach();
        return selected.sum(); // images are independent (batch norm in eval mode)
    };
    for (int i = 0; i < settings.steps; ++i) {
        job.throwIfCancelled();
        const at::Tensor gradient = network.inputGradient(x, objective);
        values.push_back(featureValue.to(at::kCPU));
        at::NoGradGuard noGrad;
        x = x + step * gradient / (perImageNorm(gradient) + 1e-10).view({-1, 1, 1, 1});
        if (eps > 0) {
            const at::Tensor delta = x - clean;
            const at::Tensor scale = (eps / perImageNorm(delta).clamp_min(1e-12)).clamp_max(1.0);
            x = clean + delta * scale.view({-1, 1, 1, 1});
        }
        x = x.clamp(0.0, 1.0);
        job.report(i + 1, settings.steps, "Feature attack");
    }
    {
        at::NoGradGuard noGrad;
        values.push_back(network.outputs(x).features.select(1, feature).to(at::kCPU));
    }
    return {x.detach(), at::stack(values, 1).to(at::kFloat)};
}

} // namespace salient
