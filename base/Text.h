#pragma once

#include <cstdint>
#include <string>

namespace salient {

/// "1 answer", "3 answers"; `plural` for words that do not take an s ("1 class", "2 classes").
std::string counted(std::int64_t count, const std::string& singular, const std::string& plural = {});

/// A fraction as a percentage with `decimals` digits: 0.806 -> "80.6 %".
std::string percentText(double fraction, int decimals = 1);

/// A number with a fixed count of decimals, in the C locale: fixedText(0.80612, 3) -> "0.806".
std::string fixedText(double value, int decimals);

/// `text` in Unicode normalisation form C, so that a name typed as "Alíce" with a composed í and with i +
/// combining accent is one name. Throws InputError naming `what` when `text` is not valid UTF-8.
std::string normalizedUtf8(const std::string& text, const std::string& what);

/// A number as a user typed it, without padding zeros, in the C locale: -1.0 -> "-1", 0.25 -> "0.25".
std::string numberText(double value);

/// A byte count, exact and, from 1 MiB up, readable: 3456 -> "3456 bytes",
/// 2147483648 -> "2147483648 bytes (2.0 GiB)".
std::string byteText(std::uint64_t bytes);

} // namespace salient
