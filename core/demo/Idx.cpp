#include "core/demo/Idx.h"

#include "base/Errors.h"
#include "base/Inflation.h"
#include "base/Text.h"

#include <zlib.h>

#include <algorithm>
#include <filesystem>

namespace salient {
namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;

std::uint32_t bigEndian32(const std::uint8_t* p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
           std::uint32_t(p[3]);
}

std::string typeName(std::uint8_t type)
{
    switch (type) {
    case 0x09:
        return "signed byte";
    case 0x0B:
        return "16-bit integer";
    case 0x0C:
        return "32-bit integer";
    case 0x0D:
        return "float";
    case 0x0E:
        return "double";
    default:
        return "unknown type";
    }
}

/// The largest IDX data accepted: the biggest IDX sets in use (EMNIST ByClass's 697,932 training
/// images of 28 x 28, 547 MB) fit twice; Fashion-MNIST's training images are 47 MB.
constexpr std::uint64_t kMaxIdxBytes = std::uint64_t(1) << 30;

/// Bytes read past the declared data to tell a few stray bytes (reported exactly) from a stream that
/// goes on (a bomb, refused without reading the rest).
constexpr std::size_t kTrailingSlack = 1 << 20;

/// The header: magic, element type and rank, then one big-endian 32-bit size per dimension. Fills
/// `array.dimensions` and returns the header's size; `bytes` holds at least the first 4 bytes of the
/// file when it has them, and the whole header when the rank says so.
std::size_t parseHeader(const std::uint8_t* bytes, std::size_t available, const std::string& name,
                        IdxArray& array)
{
    if (available < 4 || bytes[0] != 0 || bytes[1] != 0)
        throw InputError(name + ": not an IDX file (bad magic number)");
    const std::uint8_t type = bytes[2];
    if (type != kUnsignedByteType) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", unsigned(type));
        throw InputError(name + ": IDX element type " + hex + " (" + typeName(type) +
                         ") is not supported; only unsigned bytes (0x08)");
    }
    const std::size_t rank = bytes[3];
    if (rank == 0)
        throw InputError(name + ": IDX file with no dimensions");
    if (available < 4 + 4 * rank)
        throw InputError(name + ": truncated IDX header");
    array.dimensions.clear();
    for (std::size_t i = 0; i < rank; ++i)
        array.dimensions.push_back(bigEndian32(bytes + 4 + 4 * i));
    return 4 + 4 * rank;
}

/// The data size the dimensions announce, refused over kMaxIdxBytes before anything is allocated.
std::uint64_t declaredDataSize(const IdxArray& array, const std::string& name)
{
    std::uint64_t total = 1;
    for (const std::uint32_t size : array.dimensions) {
        total *= size; // at most 2^30 * 2^32: no overflow
        if (total > kMaxIdxBytes)
            throw InputError(name + ": IDX dimensions announce more than the limit of " +
                             byteText(kMaxIdxBytes) + " of data");
    }
    return total;
}

std::string mismatch(const std::string& name, std::uint64_t declared, const std::string& follow)
{
    return name + ": IDX dimensions announce " + std::to_string(declared) + " bytes of data but " + follow +
           " follow";
}

/// A gzip (or plain) file read through zlib, closed on every path.
class GzReader
{
public:
    explicit GzReader(const std::string& path) : m_file(gzopen(path.c_str(), "rb")), m_path(path)
    {
        if (!m_file)
            throw InputError(path + ": cannot open file");
    }
    ~GzReader() { gzclose(m_file); }
    GzReader(const GzReader&) = delete;
    GzReader& operator=(const GzReader&) = delete;

    /// Reads up to `size` bytes (fewer only at the end of the data).
    std::size_t read(std::uint8_t* into, std::size_t size)
    {
        std::size_t done = 0;
        while (done < size) {
            const unsigned ask = unsigned(std::min<std::size_t>(size - done, 1 << 20));
            const int got = gzread(m_file, into + done, ask);
            if (got < 0)
                throw InputError(m_path + ": damaged gzip data (" + errorText() + ")");
            if (got == 0)
                break;
            done += std::size_t(got);
        }
        return done;
    }

    /// zlib reports a gzip stream cut short only as an error state at the end.
    void checkEnd()
    {
        int code = 0;
        const std::string message = gzerror(m_file, &code);
        if (code != Z_OK && code != Z_STREAM_END)
            throw InputError(m_path + ": damaged or truncated gzip data (" + message + ")");
    }

private:
    std::string errorText()
    {
        int code = 0;
        return gzerror(m_file, &code);
    }

    gzFile m_file;
    const std::string& m_path;
};

} // namespace

std::size_t IdxArray::itemSize() const
{
    std::size_t size = 1;
    for (std::size_t i = 1; i < dimensions.size(); ++i)
        size *= dimensions[i];
    return size;
}

IdxArray parseIdx(const std::vector<std::uint8_t>& bytes, const std::string& name)
{
    IdxArray array;
    const std::size_t headerSize = parseHeader(bytes.data(), bytes.size(), name, array);
    const std::uint64_t total = declaredDataSize(array, name);
    const std::size_t dataSize = bytes.size() - headerSize;
    if (dataSize != total)
        throw InputError(mismatch(name, total, std::to_string(dataSize)) +
                         (dataSize < total ? " (truncated file)" : ""));
    array.values.assign(bytes.begin() + long(headerSize), bytes.end());
    return array;
}

IdxArray readIdxFile(const std::string& path)
{
    GzReader file(path);
    // The header first, so that the data's size is known (and checked) before it is read.
    std::vector<std::uint8_t> header(4 + 4 * 255);
    std::size_t got = file.read(header.data(), 4);
    if (got == 4)
        got += file.read(header.data() + 4, 4 * std::size_t(header[3]));
    IdxArray array;
    parseHeader(header.data(), got, path, array);
    const std::uint64_t total = declaredDataSize(array, path);
    std::error_code error;
    const std::uint64_t onDisk = std::filesystem::file_size(path, error);
    if (!error && inflatesLikeABomb(total, onDisk))
        throw InputError(path + ": IDX dimensions announce " + byteText(total) + " of data from a file of " +
                         byteText(onDisk) + ", more than " + std::to_string(kMaxCompressionRatio) +
                         ":1; refused as a decompression bomb");

    array.values.resize(std::size_t(total));
    const std::size_t dataSize = file.read(array.values.data(), array.values.size());
    if (dataSize < total) {
        file.checkEnd();
        throw InputError(mismatch(path, total, std::to_string(dataSize)) + " (truncated file)");
    }
    // Stop at a little past the declared size: a stream that goes on is refused unread.
    std::vector<std::uint8_t> slack(kTrailingSlack + 1);
    const std::size_t extra = file.read(slack.data(), slack.size());
    if (extra > kTrailingSlack)
        throw InputError(mismatch(path, total, "more than " + byteText(total + kTrailingSlack)) +
                         " (refused without reading the rest)");
    if (extra > 0)
        throw InputError(mismatch(path, total, std::to_string(total + extra)));
    file.checkEnd();
    return array;
}

FashionMnistSplit readFashionMnist(const std::string& directory, const std::string& prefix)
{
    const std::string imagesPath = directory + "/" + prefix + "-images-idx3-ubyte.gz";
    const std::string labelsPath = directory + "/" + prefix + "-labels-idx1-ubyte.gz";
    FashionMnistSplit split{readIdxFile(imagesPath), readIdxFile(labelsPath)};
    const auto& dims = split.images.dimensions;
    if (dims.size() != 3 || dims[1] != 28 || dims[2] != 28)
        throw InputError(imagesPath + ": expected N x 28 x 28 images");
    if (split.labels.dimensions.size() != 1)
        throw InputError(labelsPath + ": expected a one-dimensional list of labels");
    if (split.labels.count() != split.images.count())
        throw InputError(labelsPath + ": " + std::to_string(split.labels.count()) + " labels for " +
                         std::to_string(split.images.count()) + " images");
    for (std::size_t i = 0; i < split.labels.values.size(); ++i)
        if (split.labels.values[i] > 9)
            throw InputError(labelsPath + ": label " + std::to_string(split.labels.values[i]) + " at item " +
                             std::to_string(i) + " is outside 0-9");
    return split;
}

} // namespace salient
