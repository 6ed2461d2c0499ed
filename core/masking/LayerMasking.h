#pragma once

#include <cstdint>
#include <string>

namespace salient {

/// How a soft keep-mask becomes the binary mask that layer masking needs: values >= threshold keep
/// their pixel, the others remove it.
struct LayerMaskOptions
{
    double threshold = 0.5;

    /// Throws InputError unless 0 < threshold <= 1.
    void validate() const;
};

/// What layer masking did to the masks it was given.
struct LayerMaskReport
{
    double threshold = 0.5;
    std::int64_t softValues = 0; ///< mask values strictly between 0 and 1, thresholded
    std::int64_t maskValues = 0;

    bool thresholded() const { return softValues > 0; }
    /// "" for binary masks, else "soft mask thresholded at 0.5 (1234 of 5000 values were soft)".
    std::string describe() const;
};

} // namespace salient
