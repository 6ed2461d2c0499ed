#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace salient {

/// Incremental SHA-256 (OpenSSL's), for model checksums that users can compare with sha256sum and for
/// content keys of caches.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(const void* data, std::size_t size);
    /// Finishes the hash; call once.
    std::string hexDigest();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

/// SHA-256 of a file's bytes as 64 lowercase hex digits; throws InputError when it cannot be read.
std::string sha256OfFile(const std::string& path);

} // namespace salient
