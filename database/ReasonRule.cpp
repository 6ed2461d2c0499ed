#include "database/ReasonRule.h"

#include <algorithm>
#include <cctype>

namespace salient {
namespace {

bool isWordByte(unsigned char c)
{
    return std::isalnum(c) != 0 || c >= 0x80; // bytes of UTF-8 sequences count as letters
}

std::size_t codePoints(const std::string& text)
{
    return std::size_t(std::count_if(text.begin(), text.end(),
                                     [](char c) { return (static_cast<unsigned char>(c) & 0xc0) != 0x80; }));
}

std::string trimmed(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

int wordCount(const std::string& text)
{
    int words = 0;
    bool inWord = false;
    for (unsigned char c : text) {
        const bool word = isWordByte(c);
        if (word && !inWord)
            ++words;
        inWord = word;
    }
    return words;
}

bool hasLetter(const std::string& text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return std::isalpha(byte) != 0 || byte >= 0x80;
    });
}

bool oneCharacterRepeated(const std::string& text)
{
    std::string letters;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)))
            letters += char(std::tolower(static_cast<unsigned char>(c)));
    return letters.size() > 1 && letters.find_first_not_of(letters[0]) == std::string::npos;
}

} // namespace

std::vector<std::string> ReasonRule::defaultGenericReasons()
{
    return {"i dont know",
            "dont know",
            "do not know",
            "idk",
            "no idea",
            "not sure",
            "im not sure",
            "no reason",
            "none",
            "nothing",
            "na",
            "n a",
            "ok",
            "okay",
            "good",
            "nice",
            "fine",
            "yes",
            "no",
            "because",
            "just because",
            "obvious",
            "its obvious",
            "it is obvious",
            "clearly",
            "same",
            "same as above",
            "as above",
            "see above",
            "same as before",
            "looks like it",
            "i think so",
            "my opinion",
            "in my opinion",
            "based on the image",
            "based on the images",
            "from the image",
            "from the images",
            "looking at the image",
            "looking at the images",
            "by looking at the image",
            "by looking at the images",
            "the highlighted region",
            "the highlighted area",
            "the red region",
            "the red area",
            "the focus",
            "main object",
            "separate object",
            "background",
            "the main object",
            "the background",
            "a separate object",
            "it is the main object",
            "it is the background",
            "it is a separate object",
            "test",
            "testing",
            "asdf",
            "qwerty",
            "random",
            "good job",
            "very good",
            "nice picture",
            "good image",
            "nice image"};
}

std::string normalizedReason(const std::string& reason)
{
    std::string out;
    bool space = false;
    for (char c : reason) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\'' || c == '`')
            continue; // "don't" -> "dont"
        if (isWordByte(byte)) {
            if (space && !out.empty())
                out += ' ';
            space = false;
            out += char(std::tolower(byte));
        } else {
            space = true;
        }
    }
    return out;
}

std::string reasonProblem(const std::string& reason, const ReasonRule& rule)
{
    const std::string text = trimmed(reason);
    if (text.empty())
        return "The reason is empty: say what the highlighted region shows and why you chose your answer.";
    const std::size_t chars = codePoints(text);
    if (chars < std::size_t(rule.minChars))
        return "The reason is too short (" + std::to_string(chars) + " characters, at least " +
               std::to_string(rule.minChars) + "): say what the highlighted region shows.";
    const std::string normal = normalizedReason(text);
    const auto generic =
        std::find_if(rule.generic.begin(), rule.generic.end(),
                     [&](const std::string& phrase) { return normalizedReason(phrase) == normal; });
    if (!hasLetter(text) || oneCharacterRepeated(text) || generic != rule.generic.end())
        return "The reason \"" + text +
               "\" is too generic: name what the highlighted region shows (e.g. \"the water around the "
               "fish\").";
    const int words = wordCount(text);
    if (words < rule.minWords)
        return "The reason has too few words (" + std::to_string(words) + ", at least " +
               std::to_string(rule.minWords) + "): say what the highlighted region shows.";
    return {};
}

} // namespace salient
