#pragma once

#include "core/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// Decodes a JPEG or PNG file into RGB in [0, 1]. Grayscale is replicated to three channels, an alpha
/// channel is dropped (as PIL's convert("RGB") does) and 16-bit samples keep their precision.
/// Throws ImageError naming the file when it is missing, empty or not a decodable image.
Image decodeImageFile(const std::string& path);

/// The same for an encoded image held in memory; `name` only appears in error messages.
Image decodeImageBytes(const std::vector<std::uint8_t>& bytes, const std::string& name);

} // namespace salient
