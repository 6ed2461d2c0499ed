#pragma once

#include <cstddef>
#include <vector>

namespace salient {

/// A single-channel float map, rows top to bottom (e.g. a neural activation map in [0, 1]).
struct ActivationMap
{
    int width = 0;
    int height = 0;
    std::vector<float> values; ///< width * height values

    bool empty() const { return values.empty(); }
    float at(int x, int y) const { return values[std::size_t(y) * width + x]; }
};

} // namespace salient
