#pragma once

#include "core/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// An RGB image in [0, 1] as 8-bit PNG bytes (each value clamped and rounded: round(255 * v)).
std::vector<std::uint8_t> encodePng(const Image& image);

/// Writes the PNG through a temporary file and a rename (see writeFileAtomically); throws InputError.
void writePngFile(const std::string& path, const Image& image);

} // namespace salient
