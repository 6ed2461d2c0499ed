#pragma once

#include "Arguments.h"

#include <cstdint>
#include <string>
#include <vector>

namespace salient::cli {

/// Every value of a repeatable option; a value may also list several, separated by commas.
std::vector<std::string> repeated(Arguments& arguments, const std::string& name);

/// --seed as a whole number >= 0 (default 0); throws UsageError naming the text otherwise.
std::uint64_t seedOption(Arguments& arguments);

/// Writes `text` to OUT ("-": standard output); throws InputError naming the file when it cannot.
void writeOutput(const std::string& path, const std::string& text);

/// "  12.5": a fraction as a percentage, 5 characters wide with one decimal.
std::string percent(double fraction);

} // namespace salient::cli
