#pragma once

#include "base/Errors.h"

#include <optional>
#include <string>
#include <vector>

namespace salient::cli {

/// The words after a command's name: `--flag`, `--name value` / `--name=value`, and positionals.
class Arguments
{
public:
    explicit Arguments(std::vector<std::string> words);

    /// Consumes `--name` when present.
    bool flag(const std::string& name);
    /// Consumes `--name value` or `--name=value` when present.
    std::optional<std::string> option(const std::string& name);
    std::string option(const std::string& name, const std::string& fallback);
    int intOption(const std::string& name, int fallback);
    double doubleOption(const std::string& name, double fallback);
    /// `--name` as a number; nullopt when it is absent, UsageError when it is not a number.
    std::optional<double> doubleOption(const std::string& name);
    /// What is left once every option was consumed; throws UsageError for an unknown `--option`.
    std::vector<std::string> positionals() const;

private:
    std::vector<std::string> m_words;
};

} // namespace salient::cli
