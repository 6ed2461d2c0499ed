#include "database/Secrets.h"
#include "base/Parse.h"

#include "database/Database.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

namespace salient {
namespace {

constexpr const char* kScheme = "pbkdf2-sha256";

std::string toHex(const unsigned char* bytes, std::size_t size)
{
    static const char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 0xf];
    }
    return text;
}

std::vector<unsigned char> randomBytes(std::size_t size)
{
    std::vector<unsigned char> bytes(size);
    if (RAND_bytes(bytes.data(), int(size)) != 1)
        throw DatabaseError("The operating system gave no random bytes");
    return bytes;
}

std::string pbkdf2(std::string_view pin, const std::string& salt, int iterations)
{
    unsigned char out[32];
    if (PKCS5_PBKDF2_HMAC(pin.data(), int(pin.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                          int(salt.size()), iterations, EVP_sha256(), sizeof out, out) != 1)
        throw DatabaseError("PBKDF2 failed");
    return toHex(out, sizeof out);
}

} // namespace

std::string newUid()
{
    const auto bytes = randomBytes(16);
    return toHex(bytes.data(), bytes.size());
}

std::string hashPin(std::string_view pin, int iterations)
{
    const auto saltBytes = randomBytes(16);
    const std::string salt = toHex(saltBytes.data(), saltBytes.size());
    return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + salt + "$" +
           pbkdf2(pin, salt, iterations);
}

bool pinMatches(std::string_view pin, const std::string& stored)
{
    // scheme $ iterations $ salt $ hash
    const auto a = stored.find('$');
    const auto b = stored.find('$', a + 1);
    const auto c = stored.find('$', b + 1);
    if (a == std::string::npos || b == std::string::npos || c == std::string::npos ||
        stored.substr(0, a) != kScheme)
        return false;
    const int iterations = parseInt(std::string_view(stored).substr(a + 1, b - a - 1)).value_or(0);
    if (iterations < 1)
        return false;
    const std::string expected = stored.substr(c + 1);
    const std::string actual = pbkdf2(pin, stored.substr(b + 1, c - b - 1), iterations);
    return actual.size() == expected.size() &&
           CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

} // namespace salient
