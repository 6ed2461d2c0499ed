#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace salient {

/// Numbers as people type them in options, CSV cells and settings: the whole text is the number, in
/// decimal, with no spaces, no locale and no hex; a double must be finite. nullopt when the text is
/// not such a number or does not fit the type.
std::optional<int> parseInt(std::string_view text);
std::optional<std::int64_t> parseInt64(std::string_view text);
std::optional<std::uint64_t> parseUint64(std::string_view text);
std::optional<double> parseDouble(std::string_view text);

/// The same, throwing InputError "WHAT needs a whole number, not 'TEXT'" (or "a number") instead.
int requireInt(std::string_view text, const std::string& what);
std::int64_t requireInt64(std::string_view text, const std::string& what);
std::uint64_t requireUint64(std::string_view text, const std::string& what);
double requireDouble(std::string_view text, const std::string& what);

} // namespace salient
