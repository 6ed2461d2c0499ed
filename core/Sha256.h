#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace salient {

/// Incremental SHA-256 (FIPS 180-4), used for model checksums that users can compare with sha256sum.
class Sha256
{
public:
    Sha256();
    void update(const void* data, std::size_t size);
    std::string hexDigest(); ///< finishes the hash; call once

private:
    void compress(const std::uint8_t* block);

    std::uint32_t m_state[8];
    std::uint8_t m_buffer[64];
    std::size_t m_buffered = 0;
    std::uint64_t m_length = 0;
};

/// SHA-256 of a file's bytes as 64 lowercase hex digits; throws InputError when it cannot be read.
std::string sha256OfFile(const std::string& path);

} // namespace salient
