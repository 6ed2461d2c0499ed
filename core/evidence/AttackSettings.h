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

    /// The default radius of the L2 ball the perturbation stays in, on a referenceSide image, scaled
    /// like the step (48 x 48: 2.14). Without a bound, 100 steps of 10 saturate the demo's images into
    /// coloured noise; inside it the amplified attribute stays readable.
    static constexpr double defaultEpsAtReference = 10.0;

    int steps = 100;
    double stepSize = 10.0; ///< L2 length of one step on a referenceSide x referenceSide image
    /// The L2 ball's radius in image units at the model's input: > 0 that radius, 0 no bound, < 0 (the
    /// default) defaultEpsAtReference scaled to the image.
    double eps = -1.0;
    int batchSize = 5; ///< images attacked together

    /// The L2 length of one step on an image of `height` x `width` pixels.
    double effectiveStepSize(int height, int width) const
    {
        return stepSize * std::sqrt(double(height) * double(width)) / referenceSide;
    }

    /// The radius the perturbation is projected onto on an image of `height` x `width` (0: none).
    double effectiveEps(int height, int width) const
    {
        return eps >= 0 ? eps
                        : defaultEpsAtReference * std::sqrt(double(height) * double(width)) / referenceSide;
    }
};

} // namespace salient
