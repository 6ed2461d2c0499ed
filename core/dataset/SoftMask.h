#pragma once

#include <cstdint>
#include <vector>

namespace salient {

/// A soft mask of one image as the Salient dataset stores it: one byte a pixel, rows top to bottom,
/// 255 = the feature's most active place, 0 = not active. A NAM in [0, 1] becomes round(255 * v).
struct SoftMask
{
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> values; ///< width * height bytes

    bool empty() const { return values.empty(); }
    std::size_t size() const { return values.size(); }
};

/// Quantises a map in [0, 1] (values outside are clamped) of `width` x `height` values.
SoftMask softMaskFromValues(const std::vector<float>& values, int width, int height);

/// The mask as values in [0, 1] (value / 255), as the reference loader reads it.
std::vector<float> softMaskValues(const SoftMask& mask);

/// Element-wise max of `mask` into `into` (the union of soft masks); an empty `into` becomes a copy.
/// Throws InputError when the sizes differ.
void maxInto(SoftMask& into, const SoftMask& mask);

} // namespace salient
