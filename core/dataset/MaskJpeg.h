#pragma once

#include "core/dataset/SoftMask.h"

#include <string>

namespace salient {

/// JPEG quality of exported masks. The published Salient ImageNet masks are grayscale JPEGs; at 95 a
/// mask read back differs from the stored bytes by at most a few levels (docs/dataset.md has the
/// measured error).
inline constexpr int MaskJpegQuality = 95;

/// Writes the mask as a grayscale JPEG through a temporary file and a rename, so an interrupted export
/// never leaves half a file under the final name. Throws InputError naming the file.
void writeMaskJpeg(const std::string& path, const SoftMask& mask, int quality = MaskJpegQuality);

/// Reads a mask image (JPEG or PNG; colour is converted to gray). Throws ImageError naming the file when
/// it is missing, truncated, declares too many pixels (ImageDecoder.h) or cannot be decoded.
SoftMask readMaskImage(const std::string& path);

} // namespace salient
