#include "Arguments.h"

#include "base/Parse.h"

namespace salient::cli {

Arguments::Arguments(std::vector<std::string> words) : m_words(std::move(words)) {}

bool Arguments::flag(const std::string& name)
{
    for (auto it = m_words.begin(); it != m_words.end(); ++it) {
        if (*it == "--" + name) {
            m_words.erase(it);
            return true;
        }
    }
    return false;
}

std::optional<std::string> Arguments::option(const std::string& name)
{
    const std::string key = "--" + name;
    for (auto it = m_words.begin(); it != m_words.end(); ++it) {
        if (*it == key) {
            if (it + 1 == m_words.end())
                throw UsageError("option " + key + " needs a value");
            std::string value = *(it + 1);
            m_words.erase(it, it + 2);
            return value;
        }
        if (it->rfind(key + "=", 0) == 0) {
            std::string value = it->substr(key.size() + 1);
            m_words.erase(it);
            return value;
        }
    }
    return std::nullopt;
}

std::string Arguments::option(const std::string& name, const std::string& fallback)
{
    return option(name).value_or(fallback);
}

int Arguments::intOption(const std::string& name, int fallback)
{
    const auto text = option(name);
    if (!text)
        return fallback;
    const std::optional<int> value = parseInt(*text);
    if (!value)
        throw UsageError("option --" + name + " needs a whole number, not '" + *text + "'");
    return *value;
}

double Arguments::doubleOption(const std::string& name, double fallback)
{
    return doubleOption(name).value_or(fallback);
}

std::optional<double> Arguments::doubleOption(const std::string& name)
{
    const auto text = option(name);
    if (!text)
        return std::nullopt;
    const std::optional<double> value = parseDouble(*text);
    if (!value)
        throw UsageError("option --" + name + " needs a number, not '" + *text + "'");
    return value;
}

std::vector<std::string> Arguments::positionals() const
{
    for (const auto& word : m_words)
        if (word.size() > 2 && word.rfind("--", 0) == 0)
            throw UsageError("unknown option " + word);
    return m_words;
}

} // namespace salient::cli
