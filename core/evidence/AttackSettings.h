#pragma once

#include <cmath>

namespace salient {

/// The feature attack ("amplified visual attributes"): gradient ascent on one neural feature with
/// L2-normalised steps. Defaults are the reference code's: 100 steps of size 10 on 224 x 224 images,
/// clamped to [0, 1] after every step, no projection.
struct AttackSettings
{
    /// Side of the square images `stepSize` is meant for. An image's L2 norm grows with the square root
    /// of its pixel count, so the step is scaled by sqrt(H * W) / referenceSide to move every pixel by
    /// as much as the reference does at 224 x 224 (48 x 48 images: 10 * 48 / 224 = 2.14).
    static constexpr double referenceSide = 224.0;

    int steps = 100;
    double stepSize = 10.0; ///< L2 length of one step on a referenceSide x referenceSide image
    double eps = 0.0;       ///< > 0: project the perturbation onto the L2 ball of this radius (image units)
    int batchSize = 5;      ///< images attacked together

    /// The L2 length of one step on an image of `height` x `width` pixels.
    double effectiveStepSize(int height, int width) const
    {
        return stepSize * std::sqrt(double(height) * double(width)) / referenceSide;
    }
};

} // namespace salient
