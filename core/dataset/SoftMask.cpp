#include "core/dataset/SoftMask.h"

#include "base/Errors.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace salient {

SoftMask softMaskFromValues(const std::vector<float>& values, int width, int height)
{
    if (width <= 0 || height <= 0 || values.size() != std::size_t(width) * std::size_t(height))
        throw InputError("a soft mask of " + std::to_string(width) + " x " + std::to_string(height) +
                         " cannot hold " + std::to_string(values.size()) + " values");
    SoftMask mask{width, height, std::vector<std::uint8_t>(values.size())};
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float v = std::isfinite(values[i]) ? std::clamp(values[i], 0.0f, 1.0f) : 0.0f;
        mask.values[i] = std::uint8_t(std::lround(255.0f * v));
    }
    return mask;
}

std::vector<float> softMaskValues(const SoftMask& mask)
{
    std::vector<float> values(mask.values.size());
    std::transform(mask.values.begin(), mask.values.end(), values.begin(),
                   [](std::uint8_t v) { return float(v) / 255.0f; });
    return values;
}

void maxInto(SoftMask& into, const SoftMask& mask)
{
    if (into.empty()) {
        into = mask;
        return;
    }
    if (into.width != mask.width || into.height != mask.height)
        throw InputError("soft masks of " + std::to_string(into.width) + " x " + std::to_string(into.height) +
                         " and " + std::to_string(mask.width) + " x " + std::to_string(mask.height) +
                         " cannot be combined");
    std::transform(into.values.begin(), into.values.end(), mask.values.begin(), into.values.begin(),
                   [](std::uint8_t a, std::uint8_t b) { return std::max(a, b); });
}

} // namespace salient
