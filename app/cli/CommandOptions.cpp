#include "CommandOptions.h"

#include "base/Errors.h"
#include "base/Parse.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace salient::cli {

std::vector<std::string> repeated(Arguments& arguments, const std::string& name)
{
    std::vector<std::string> values;
    while (const auto value = arguments.option(name)) {
        std::stringstream stream(*value);
        std::string item;
        while (std::getline(stream, item, ','))
            if (!item.empty())
                values.push_back(item);
    }
    return values;
}

std::uint64_t seedOption(Arguments& arguments)
{
    const auto text = arguments.option("seed");
    if (!text)
        return 0;
    if (const std::optional<std::uint64_t> value = parseUint64(*text))
        return *value;
    throw UsageError("option --seed needs a whole number >= 0, not '" + *text + "'");
}

void writeOutput(const std::string& path, const std::string& text)
{
    if (path == "-") {
        std::cout << text;
        return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out)
        throw InputError(path + ": cannot write");
}

std::string percent(double fraction)
{
    char text[16];
    std::snprintf(text, sizeof text, "%5.1f", 100.0 * fraction);
    return text;
}

} // namespace salient::cli
