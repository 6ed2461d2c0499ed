#pragma once

#include <cstddef>
#include <vector>

namespace salient {

/// An RGB image with float channels in [0, 1]: rows top to bottom, pixels interleaved (HWC).
struct Image
{
    int width = 0;
    int height = 0;
    std::vector<float> pixels; ///< width * height * 3 values

    bool empty() const { return pixels.empty(); }
    float at(int x, int y, int channel) const { return pixels[(std::size_t(y) * width + x) * 3 + channel]; }
};

} // namespace salient
