#pragma once

#include "base/SeededRandom.h"
#include "core/demo/DemoClasses.h"

#include <cstdint>
#include <vector>

namespace salient {

/// One composed demo image and its ground truth, 8-bit, `size` x `size`.
struct RenderedScene
{
    int size = 0;
    std::vector<std::uint8_t> rgb;            ///< interleaved RGB
    std::vector<std::uint8_t> objectMask;     ///< the clothing item (soft, 255 = fully visible)
    std::vector<std::uint8_t> backgroundMask; ///< the visible background when it is a cue, else all 0
    std::vector<std::uint8_t> separateMask;   ///< the co-occurring separate object, else all 0
};

/// Composes a 28 x 28 Fashion-MNIST item (white on black) onto a procedural background, with an
/// optional separate object. Every random choice comes from `random`.
RenderedScene renderScene(const std::uint8_t* item, BackgroundCue background, ObjectCue object, int size,
                          SeededRandom& random);

} // namespace salient
