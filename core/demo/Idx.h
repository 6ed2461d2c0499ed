#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace salient {

/// An array read from an IDX file (the MNIST / Fashion-MNIST format) of unsigned bytes.
struct IdxArray
{
    std::vector<std::uint32_t> dimensions;
    std::vector<std::uint8_t> values; ///< row-major, product(dimensions) bytes

    std::size_t count() const { return dimensions.empty() ? 0 : dimensions.front(); }
    /// Bytes per item (product of all dimensions but the first).
    std::size_t itemSize() const;
};

/// Parses IDX bytes: magic 0x00 0x00 0x08 (unsigned byte) and the dimension count, big-endian 32-bit
/// sizes, then exactly the data they announce. `name` only appears in error messages.
/// Throws InputError for a wrong magic number, an unsupported element type, or a size mismatch.
IdxArray parseIdx(const std::vector<std::uint8_t>& bytes, const std::string& name);

/// Reads an IDX file, gzip-compressed (.gz) or not; a truncated or damaged file is an InputError.
IdxArray readIdxFile(const std::string& path);

/// One split of Fashion-MNIST: N grayscale 28 x 28 images and their labels 0-9.
struct FashionMnistSplit
{
    IdxArray images; ///< N x 28 x 28
    IdxArray labels; ///< N
};

/// Reads `<prefix>-images-idx3-ubyte.gz` and `<prefix>-labels-idx1-ubyte.gz` from `directory`, with
/// prefix "train" or "t10k", and checks that they belong together.
FashionMnistSplit readFashionMnist(const std::string& directory, const std::string& prefix);

/// Where Debian's dataset-fashion-mnist package puts the files.
inline const char* kDebianFashionMnistDir = "/usr/share/datasets/fashion-mnist";

} // namespace salient
