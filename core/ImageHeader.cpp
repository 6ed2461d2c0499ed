#include "core/ImageHeader.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string_view>

namespace salient {
namespace {

using Bytes = std::vector<std::uint8_t>;
using Header = std::optional<ImageHeader>;

bool hasAt(const Bytes& bytes, std::size_t at, std::string_view text)
{
    return at <= bytes.size() && text.size() <= bytes.size() - at &&
           std::memcmp(bytes.data() + at, text.data(), text.size()) == 0;
}

/// `size` bytes at `at` as an unsigned number; nullopt when they lie past the end.
std::optional<std::uint32_t> number(const Bytes& bytes, std::size_t at, std::size_t size, bool bigEndian)
{
    if (at > bytes.size() || size > bytes.size() - at)
        return std::nullopt;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < size; ++i)
        value = (value << 8) | bytes[at + (bigEndian ? i : size - 1 - i)];
    return value;
}

Header sized(const char* format, std::optional<std::uint64_t> width, std::optional<std::uint64_t> height)
{
    if (!width || !height)
        return std::nullopt;
    ImageHeader header;
    header.format = format;
    header.width = *width;
    header.height = *height;
    return header;
}

/// The IHDR chunk, which the format requires to follow the signature.
Header pngHeader(const Bytes& bytes)
{
    if (!hasAt(bytes, 0, "\x89PNG\r\n\x1a\n") || !hasAt(bytes, 12, "IHDR"))
        return std::nullopt;
    return sized("PNG", number(bytes, 16, 4, true), number(bytes, 20, 4, true));
}

/// SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
bool isFrameMarker(std::uint8_t marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

/// Markers that stand alone, without a length: a stuffed 0xFF in scan data (00), TEM, RST0-7 and SOI.
bool isStandaloneMarker(std::uint8_t marker)
{
    return marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8);
}

/// Walks the markers to EOI: segments (APPn, DQT, DHT, SOFn, SOS, ...) are skipped by their length, so an
/// EXIF thumbnail's own EOI is never mistaken for the image's, and scan data is searched for the next
/// 0xFF. Bytes after EOI are ignored. The first SOFn gives the size.
Header jpegHeader(const Bytes& bytes)
{
    if (bytes.size() < 3 || bytes[0] != 0xFF || bytes[1] != 0xD8 || bytes[2] != 0xFF)
        return std::nullopt;
    ImageHeader header;
    header.format = "JPEG";
    header.truncated = true;
    bool frameSeen = false;
    std::size_t at = 2;
    while (at + 1 < bytes.size()) {
        if (bytes[at] != 0xFF) { // entropy-coded data: only 0xFF can start a marker
            const void* next = std::memchr(bytes.data() + at, 0xFF, bytes.size() - at);
            at = next ? std::size_t(static_cast<const std::uint8_t*>(next) - bytes.data()) : bytes.size();
            continue;
        }
        const std::uint8_t marker = bytes[at + 1];
        if (marker == 0xFF) { // fill byte before a marker
            ++at;
            continue;
        }
        if (isStandaloneMarker(marker)) {
            at += 2;
            continue;
        }
        if (marker == 0xD9) {
            header.truncated = false;
            break;
        }
        const std::optional<std::uint32_t> length = number(bytes, at + 2, 2, true);
        if (!length)
            break; // cut inside a marker
        if (*length < 2)
            return std::nullopt; // damaged beyond what a header can say: the decoder reports it
        if (isFrameMarker(marker) && !frameSeen) {
            const auto height = number(bytes, at + 5, 2, true), width = number(bytes, at + 7, 2, true);
            frameSeen = height && width;
            header.height = height.value_or(0);
            header.width = width.value_or(0);
        }
        at += 2 + *length;
    }
    return header;
}

/// Width and height are signed 32-bit numbers (a negative height means top-down rows).
std::optional<std::uint64_t> bmpSide(std::optional<std::uint32_t> value)
{
    if (!value)
        return std::nullopt;
    return std::uint64_t(std::llabs(std::int64_t(std::int32_t(*value))));
}

Header bmpHeader(const Bytes& bytes)
{
    if (!hasAt(bytes, 0, "BM"))
        return std::nullopt;
    const std::optional<std::uint32_t> infoSize = number(bytes, 14, 4, false);
    if (!infoSize)
        return std::nullopt;
    if (*infoSize == 12) // BITMAPCOREHEADER: 16-bit sides
        return sized("BMP", number(bytes, 18, 2, false), number(bytes, 20, 2, false));
    return sized("BMP", bmpSide(number(bytes, 18, 4, false)), bmpSide(number(bytes, 22, 4, false)));
}

std::optional<std::uint64_t> plusOne(std::optional<std::uint32_t> value)
{
    return value ? std::optional<std::uint64_t>(std::uint64_t(*value) + 1) : std::nullopt;
}

std::optional<std::uint64_t> bits(std::optional<std::uint32_t> value, int shift, int count)
{
    return value ? std::optional<std::uint64_t>((*value >> shift) & ((1u << count) - 1)) : std::nullopt;
}

/// The first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended, with the canvas size).
Header webpHeader(const Bytes& bytes)
{
    if (!hasAt(bytes, 0, "RIFF") || !hasAt(bytes, 8, "WEBP"))
        return std::nullopt;
    if (hasAt(bytes, 12, "VP8 "))
        return sized("WebP", bits(number(bytes, 26, 2, false), 0, 14),
                     bits(number(bytes, 28, 2, false), 0, 14));
    if (hasAt(bytes, 12, "VP8L")) {
        const std::optional<std::uint32_t> packed = number(bytes, 21, 4, false);
        return sized("WebP", plusOne(bits(packed, 0, 14)), plusOne(bits(packed, 14, 14)));
    }
    if (hasAt(bytes, 12, "VP8X"))
        return sized("WebP", plusOne(number(bytes, 24, 3, false)), plusOne(number(bytes, 27, 3, false)));
    return std::nullopt;
}

/// ImageWidth (256) and ImageLength (257) of the first IFD, as SHORT or LONG values.
Header tiffHeader(const Bytes& bytes)
{
    const bool bigEndian = hasAt(bytes, 0, std::string_view("MM\0*", 4));
    if (!bigEndian && !hasAt(bytes, 0, std::string_view("II*\0", 4)))
        return std::nullopt;
    const std::optional<std::uint32_t> ifd = number(bytes, 4, 4, bigEndian);
    const std::optional<std::uint32_t> entries = ifd ? number(bytes, *ifd, 2, bigEndian) : std::nullopt;
    std::optional<std::uint32_t> sides[2]; // width, height
    for (std::uint32_t i = 0; entries && i < *entries; ++i) {
        const std::size_t entry = std::size_t(*ifd) + 2 + 12 * std::size_t(i);
        const auto tag = number(bytes, entry, 2, bigEndian), type = number(bytes, entry + 2, 2, bigEndian);
        if (tag && type && (*tag == 256 || *tag == 257) && (*type == 3 || *type == 4))
            sides[*tag - 256] = number(bytes, entry + 8, *type == 3 ? 2 : 4, bigEndian);
    }
    return sized("TIFF", sides[0], sides[1]);
}

} // namespace

std::optional<ImageHeader> readImageHeader(const std::vector<std::uint8_t>& bytes)
{
    for (const auto reader : {pngHeader, jpegHeader, bmpHeader, webpHeader, tiffHeader})
        if (Header header = reader(bytes))
            return header;
    return std::nullopt;
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> declaredImageSize(const std::string& path)
{
    constexpr std::size_t kHeaderBytes = 256 * 1024;
    std::ifstream in(path, std::ios::binary);
    Bytes bytes(kHeaderBytes);
    in.read(reinterpret_cast<char*>(bytes.data()), std::streamsize(bytes.size()));
    bytes.resize(std::size_t(in.gcount()));
    const Header header = readImageHeader(bytes);
    if (!header)
        return std::nullopt;
    return std::pair(header->width, header->height);
}

} // namespace salient
