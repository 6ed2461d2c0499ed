#include "core/dataset/DatasetNames.h"
#include "base/Parse.h"

#include "base/Errors.h"

#include <cctype>

namespace salient {

void checkPathComponent(const std::string& name, const std::string& what)
{
    const auto reject = [&](const std::string& why) {
        throw InputError(what + " '" + name + "' " + why +
                         "; it would name a file outside the dataset folder");
    };
    if (name.empty())
        throw InputError(what + " is empty");
    if (name == "." || name == "..")
        reject("is a relative folder");
    for (const char c : name) {
        if (c == '/' || c == '\\')
            reject("holds a path separator");
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            reject("holds a control character");
    }
}

std::string wordnetDictText(const std::map<int, std::string>& wnids)
{
    std::string text = "{\n";
    for (const auto& [index, wnid] : wnids) {
        checkPathComponent(wnid, "the wnid of class " + std::to_string(index));
        std::string quoted;
        for (const char c : wnid) {
            if (c == '\\' || c == '\'')
                quoted += '\\';
            quoted += c;
        }
        text += "    " + std::to_string(index) + ": '" + quoted + "',\n";
    }
    return text + "}\n";
}

std::map<int, std::string> parseWordnetDict(const std::string& text, const std::string& name)
{
    std::size_t i = 0;
    const auto fail = [&](const std::string& what) -> void {
        int line = 1;
        for (std::size_t k = 0; k < i && k < text.size(); ++k)
            line += text[k] == '\n';
        throw InputError(name + ":" + std::to_string(line) + ": " + what +
                         " (expected a Python dict literal {index: 'wnid', ...})");
    };
    const auto skipSpace = [&] {
        while (i < text.size()) {
            if (std::isspace(static_cast<unsigned char>(text[i])))
                ++i;
            else if (text[i] == '#')
                while (i < text.size() && text[i] != '\n')
                    ++i;
            else
                break;
        }
    };
    // An optional "name =" before the literal.
    skipSpace();
    const std::size_t brace = text.find('{', i);
    if (brace == std::string::npos)
        fail("no '{'");
    i = brace + 1;
    std::map<int, std::string> wnids;
    while (true) {
        skipSpace();
        if (i < text.size() && text[i] == '}')
            break;
        std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
            ++i;
        const std::optional<int> parsed = parseInt(std::string_view(text).substr(start, i - start));
        if (!parsed)
            fail("a class index is not a whole number");
        const int index = *parsed;
        skipSpace();
        if (i >= text.size() || text[i] != ':')
            fail("no ':' after class index " + std::to_string(index));
        ++i;
        skipSpace();
        if (i >= text.size() || (text[i] != '\'' && text[i] != '"'))
            fail("the wnid of class " + std::to_string(index) + " is not a quoted string");
        const char quote = text[i++];
        std::string wnid;
        while (i < text.size() && text[i] != quote) {
            if (text[i] == '\\' && i + 1 < text.size())
                ++i;
            wnid += text[i++];
        }
        if (i >= text.size())
            fail("an unclosed string");
        ++i;
        checkPathComponent(wnid, "the wnid of class " + std::to_string(index));
        if (!wnids.emplace(index, wnid).second)
            fail("class index " + std::to_string(index) + " appears twice");
        skipSpace();
        if (i < text.size() && text[i] == ',')
            ++i;
        else {
            skipSpace();
            if (i >= text.size() || text[i] != '}')
                fail("no ',' or '}' after class " + std::to_string(index));
        }
    }
    return wnids;
}

} // namespace salient
