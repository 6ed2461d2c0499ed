#pragma once

#include <string>
#include <string_view>

namespace salient {

/// A new globally unique id: 128 random bits from the operating system as 32 lowercase hex digits.
std::string newUid();

/// A PIN as stored: "pbkdf2-sha256$ITERATIONS$SALT$HASH" with a random 128-bit salt (hex) and the
/// PBKDF2-HMAC-SHA256 of the PIN (hex). The PIN itself is never stored.
std::string hashPin(std::string_view pin, int iterations = 100000);

/// True when `pin` hashes to `stored` (a string made by hashPin); compared in constant time.
bool pinMatches(std::string_view pin, const std::string& stored);

} // namespace salient
