#pragma once

// Internal to core: includes LibTorch headers.
#include <ATen/core/Tensor.h>

#include <functional>

namespace salient {

/// Projected gradient ascent on the cross-entropy loss inside an L2 ball (Madry et al.): each step
/// moves every image by `stepSize` along its L2-normalised gradient, projects the perturbation back
/// onto the ball of radius `eps` and the image onto [0, 1]. No random start, so it is deterministic.
struct PgdSettings
{
    double eps = 0.5;
    int steps = 3;
    double stepSize = 0.0; ///< 0 means 2.5 * eps / steps, the usual choice

    double effectiveStepSize() const { return stepSize > 0 ? stepSize : 2.5 * eps / steps; }
};

/// Maps images in [0, 1] (N x 3 x H x W) to logits.
using LogitsFunction = std::function<at::Tensor(const at::Tensor&)>;

/// The adversarial images for `labels`; gradients flow only to the images, never into parameters.
at::Tensor pgdL2Attack(const LogitsFunction& logits, const at::Tensor& images, const at::Tensor& labels,
                       const PgdSettings& settings);

/// Per-image L2 norms of a batch (N).
at::Tensor perImageNorm(const at::Tensor& batch);

} // namespace salient
