#include "base/Parse.h"

#include "base/Errors.h"

#include <charconv>
#include <cmath>

namespace salient {

namespace {

template <typename Number> std::optional<Number> parseWhole(std::string_view text)
{
    Number value{};
    const char* end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

template <typename Number>
Number require(std::optional<Number> value, std::string_view text, const std::string& what, const char* kind)
{
    if (!value)
        throw InputError(what + " needs " + kind + ", not '" + std::string(text) + "'");
    return *value;
}

} // namespace

std::optional<int> parseInt(std::string_view text)
{
    return parseWhole<int>(text);
}

std::optional<std::int64_t> parseInt64(std::string_view text)
{
    return parseWhole<std::int64_t>(text);
}

std::optional<std::uint64_t> parseUint64(std::string_view text)
{
    return parseWhole<std::uint64_t>(text);
}

std::optional<double> parseDouble(std::string_view text)
{
    const std::optional<double> value = parseWhole<double>(text);
    if (!value || !std::isfinite(*value))
        return std::nullopt;
    return value;
}

int requireInt(std::string_view text, const std::string& what)
{
    return require(parseInt(text), text, what, "a whole number");
}

std::int64_t requireInt64(std::string_view text, const std::string& what)
{
    return require(parseInt64(text), text, what, "a whole number");
}

std::uint64_t requireUint64(std::string_view text, const std::string& what)
{
    return require(parseUint64(text), text, what, "a whole number of 0 or more");
}

double requireDouble(std::string_view text, const std::string& what)
{
    return require(parseDouble(text), text, what, "a number");
}

} // namespace salient
