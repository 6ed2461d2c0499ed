#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace salient {

/// What an encoded image says about itself before any pixel is decoded.
struct ImageHeader
{
    std::string format; ///< PNG, JPEG, BMP, WebP or TIFF
    std::uint64_t width = 0;
    std::uint64_t height = 0;
    /// JPEG only: the data ends before the end-of-image marker (a cut download or copy). libjpeg would
    /// fill the missing rows with grey and report success.
    bool truncated = false;

    std::uint64_t pixels() const { return width * height; }
};

/// The declared size of a PNG, JPEG, BMP, WebP or TIFF image, read from its header alone; nullopt for
/// other formats and for headers too short or too damaged to read (the decoder then decides). A JPEG is
/// walked marker by marker to its end-of-image marker, which costs one pass over the bytes and no
/// decoding.
std::optional<ImageHeader> readImageHeader(const std::vector<std::uint8_t>& bytes);

/// The width and height an image file declares, from its first 256 KiB (past any EXIF block to a JPEG's
/// frame header) without reading the rest; nullopt when the file cannot be read or its size not told.
std::optional<std::pair<std::uint64_t, std::uint64_t>> declaredImageSize(const std::string& path);

} // namespace salient
