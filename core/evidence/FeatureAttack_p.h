#pragma once

// Internal to core: includes LibTorch headers.
#include "base/Job.h"
#include "core/evidence/AttackSettings.h"

#include <ATen/core/Tensor.h>

namespace salient {

class Network;

struct FeatureAttackResult
{
    at::Tensor images; ///< N x 3 x H x W in [0, 1], on the network's device
    at::Tensor trace;  ///< N x (steps + 1) on the CPU: feature value before every step and after the last
};

/// Gradient ascent on the penultimate value of `feature` for one batch, as the reference's
/// feature_attack: x <- clamp(x + step * g / (||g||_2 + 1e-10), 0, 1) per image, with g the gradient
/// of the feature. With eps > 0 the perturbation is projected onto the L2 ball of radius eps before the
/// clamp (clamping to [0, 1] never lengthens it). Reports each step to `job` and stops when it is
/// cancelled. The model's parameters are left without gradients.
FeatureAttackResult featureAttack(Network& network, const at::Tensor& images, int feature,
                                  const AttackSettings& settings, const Job& job = {});

} // namespace salient
