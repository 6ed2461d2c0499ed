#pragma once

#include "core/Image.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// What an image file may ask of the decoder. A file declares its size in its header; a small file can
/// declare a huge one (a 1 MB PNG of 20000 x 20000, a 3 KB JPEG header of 30000 x 30000) and decoding it
/// would take minutes and many gigabytes. Such files are refused from their header, before decoding.
struct DecodeLimits
{
    /// Twice Pillow's MAX_IMAGE_PIXELS, where Pillow itself refuses an image as a decompression bomb:
    /// far above the largest ImageNet photos (tens of megapixels), while the decoder's peak of about 30
    /// bytes a pixel (the 8-bit image, its RGB copy and two float copies) stays near 5 GB.
    static constexpr std::uint64_t DefaultMaxPixels = 178'956'970;

    std::uint64_t maxPixels = DefaultMaxPixels; ///< width * height a file may declare; 0: no limit
};

/// The environment variable that overrides DecodeLimits::maxPixels (a whole number; 0 turns the check
/// off).
inline constexpr const char* MaxImagePixelsVariable = "SALIENT_MAX_IMAGE_PIXELS";

/// The limits in force: those given to setDecodeLimits, else SALIENT_MAX_IMAGE_PIXELS, else the defaults.
/// Throws InputError naming the variable when it is not a whole number.
DecodeLimits decodeLimits();
/// Sets the process-wide limits (every thread's decoding); resetDecodeLimits goes back to the variable
/// and the defaults.
void setDecodeLimits(const DecodeLimits& limits);
void resetDecodeLimits();

/// Throws ImageError naming `name` when the header declares more pixels than `limits` allow or the
/// bytes are a JPEG cut before its end-of-image marker. Formats whose header is not read here (anything
/// but PNG, JPEG, BMP, WebP and TIFF) pass, and OpenCV's own limits apply when they are decoded.
void checkEncodedImage(const std::vector<std::uint8_t>& bytes, const std::string& name,
                       const DecodeLimits& limits = decodeLimits());

/// The bytes of an image file, checked by checkEncodedImage; throws ImageError naming the file when it
/// cannot be opened, is empty or fails the check.
std::vector<std::uint8_t> readImageFileChecked(const std::string& path,
                                               const DecodeLimits& limits = decodeLimits());

/// Decodes an image file (JPEG, PNG, or another format OpenCV reads) into RGB in [0, 1]. Grayscale is
/// replicated to three channels, an alpha channel is dropped (as PIL's convert("RGB") does) and 16-bit
/// samples keep their precision. Throws ImageError naming the file when it is missing, empty, declares
/// more pixels than `limits` allow, is a truncated JPEG or is not a decodable image.
Image decodeImageFile(const std::string& path, const DecodeLimits& limits = decodeLimits());

/// The same for an encoded image held in memory; `name` only appears in error messages.
Image decodeImageBytes(const std::vector<std::uint8_t>& bytes, const std::string& name,
                       const DecodeLimits& limits = decodeLimits());

} // namespace salient
