#include "core/demo/Idx.h"

#include "base/Errors.h"

#include <zlib.h>

#include <limits>

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
    if (bytes.size() < 4 || bytes[0] != 0 || bytes[1] != 0)
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
    if (bytes.size() < 4 + 4 * rank)
        throw InputError(name + ": truncated IDX header");

    IdxArray array;
    std::uint64_t total = 1;
    for (std::size_t i = 0; i < rank; ++i) {
        const std::uint32_t size = bigEndian32(bytes.data() + 4 + 4 * i);
        total *= size;
        if (total > std::numeric_limits<std::uint32_t>::max())
            throw InputError(name + ": IDX dimensions announce more than 4 GiB of data");
        array.dimensions.push_back(size);
    }
    const std::size_t headerSize = 4 + 4 * rank;
    const std::size_t dataSize = bytes.size() - headerSize;
    if (dataSize != total)
        throw InputError(name + ": IDX dimensions announce " + std::to_string(total) + " bytes of data but " +
                         std::to_string(dataSize) + " follow" +
                         (dataSize < total ? " (truncated file)" : ""));
    array.values.assign(bytes.begin() + long(headerSize), bytes.end());
    return array;
}

IdxArray readIdxFile(const std::string& path)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file)
        throw InputError(path + ": cannot open file");
    std::vector<std::uint8_t> bytes;
    std::vector<std::uint8_t> chunk(1 << 20);
    while (true) {
        const int read = gzread(file, chunk.data(), unsigned(chunk.size()));
        if (read < 0) {
            int code = 0;
            const std::string message = gzerror(file, &code);
            gzclose(file);
            throw InputError(path + ": damaged gzip data (" + message + ")");
        }
        if (read == 0)
            break;
        bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + read);
    }
    // zlib reports a gzip stream cut short only as an error state at the end.
    int code = 0;
    const std::string message = gzerror(file, &code);
    gzclose(file);
    if (code != Z_OK && code != Z_STREAM_END)
        throw InputError(path + ": damaged or truncated gzip data (" + message + ")");
    return parseIdx(bytes, path);
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
