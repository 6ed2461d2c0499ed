#include "core/WordNet.h"
#include "base/Parse.h"

#include "base/Errors.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

namespace salient {

namespace {

constexpr const char* kRootWnid = "n00001740"; // entity

std::ifstream openFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw InputError("WordNet file missing or unreadable: " + path);
    return file;
}

[[noreturn]] void malformed(const std::string& path, std::uint64_t offset, const std::string& detail)
{
    throw InputError("Malformed line in " + path + " at byte offset " + std::to_string(offset) + ": " +
                     detail);
}

std::uint64_t parseNumber(const std::string& token, int base, const std::string& path, std::uint64_t offset,
                          const char* what)
{
    std::uint64_t value = 0;
    const char* end = token.data() + token.size();
    const auto [ptr, error] = std::from_chars(token.data(), end, value, base);
    if (token.empty() || error != std::errc() || ptr != end)
        malformed(path, offset, std::string("bad ") + what + " '" + token + "'");
    return value;
}

std::string trimmed(const std::string& text)
{
    const char* blanks = " \t\r\n";
    const std::size_t begin = text.find_first_not_of(blanks);
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(blanks) - begin + 1);
}

/// "n04133789" -> 4133789; nullopt unless it is 'n' and exactly 8 digits.
std::optional<std::uint64_t> parseWnid(const std::string& wnid)
{
    if (wnid.size() != 9 || wnid[0] != 'n')
        return std::nullopt;
    if (!std::all_of(wnid.begin() + 1, wnid.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return parseUint64(std::string_view(wnid).substr(1));
}

/// The first line that starts at or after byte position, and where it starts; nullopt at the end.
std::optional<std::string> lineFrom(std::istream& file, std::uint64_t position,
                                    std::uint64_t* start = nullptr)
{
    file.clear();
    if (position > 0) {
        file.seekg(std::streamoff(position - 1));
        file.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    } else {
        file.seekg(0);
    }
    if (start)
        *start = std::uint64_t(file.tellg());
    std::string line;
    if (!std::getline(file, line))
        return std::nullopt;
    return line;
}

/// A data.noun line: offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt (symbol offset pos st)... |
/// gloss
Synset parseDataLine(const std::string& line, const std::string& path, std::uint64_t offset)
{
    std::istringstream in(line);
    std::string offsetField, lexFilenum, ssType, token;
    if (!(in >> offsetField >> lexFilenum >> ssType >> token))
        malformed(path, offset, "too few fields");
    Synset synset;
    synset.wnid = "n" + offsetField;
    const std::uint64_t wordCount = parseNumber(token, 16, path, offset, "w_cnt");
    for (std::uint64_t i = 0; i < wordCount; ++i) {
        std::string word, lexId;
        if (!(in >> word >> lexId))
            malformed(path, offset, "fewer words than w_cnt");
        parseNumber(lexId, 16, path, offset, "lex_id");
        std::replace(word.begin(), word.end(), '_', ' ');
        synset.lemmas.push_back(word);
    }
    if (!(in >> token))
        malformed(path, offset, "no p_cnt");
    const std::uint64_t pointerCount = parseNumber(token, 10, path, offset, "p_cnt");
    for (std::uint64_t i = 0; i < pointerCount; ++i) {
        std::string symbol, target, pos, sourceTarget;
        if (!(in >> symbol >> target >> pos >> sourceTarget))
            malformed(path, offset, "fewer pointers than p_cnt");
        parseNumber(target, 10, path, offset, "pointer offset");
        if ((symbol == "@" || symbol == "@i") && pos == "n")
            synset.hypernyms.push_back("n" + target);
    }
    if (!(in >> token) || token != "|")
        malformed(path, offset, "no '|' before the gloss");
    std::string gloss;
    std::getline(in, gloss);
    synset.gloss = trimmed(gloss);
    return synset;
}

/// The synset whose line starts at byte offset of data.noun; nullopt when no line starts there.
std::optional<Synset> readSynset(std::istream& data, const std::string& path, std::uint64_t offset)
{
    std::uint64_t start = 0;
    const std::optional<std::string> line = lineFrom(data, offset, &start);
    char digits[16];
    std::snprintf(digits, sizeof digits, "%08llu ", static_cast<unsigned long long>(offset));
    if (!line || start != offset || line->compare(0, 9, digits) != 0)
        return std::nullopt;
    return parseDataLine(*line, path, offset);
}

Synset requireSynset(std::istream& data, const std::string& path, const std::string& wnid)
{
    const std::optional<std::uint64_t> offset = parseWnid(wnid);
    std::optional<Synset> synset = offset ? readSynset(data, path, *offset) : std::nullopt;
    if (!synset)
        throw InputError("WordNet refers to a synset " + wnid + " that is not in " + path);
    return std::move(*synset);
}

std::string firstField(const std::string& line)
{
    return line.substr(0, line.find(' '));
}

/// The index.noun line for a normalised lemma. The file is sorted by its first field (the licence
/// header's lines start with a space, so sort first); binary-search the smallest byte position whose
/// following line's lemma is not below the key.
std::optional<std::pair<std::string, std::uint64_t>> findIndexLine(std::istream& index,
                                                                   const std::string& key)
{
    index.clear();
    index.seekg(0, std::ios::end);
    std::uint64_t low = 0, high = std::uint64_t(index.tellg());
    while (low < high) {
        const std::uint64_t middle = low + (high - low) / 2;
        const std::optional<std::string> line = lineFrom(index, middle);
        if (line && firstField(*line) < key)
            low = middle + 1;
        else
            high = middle;
    }
    std::uint64_t start = 0;
    const std::optional<std::string> line = lineFrom(index, low, &start);
    if (!line || firstField(*line) != key)
        return std::nullopt;
    return std::make_pair(*line, start);
}

} // namespace

WordNet::WordNet(std::string dataPath, std::string indexPath)
    : m_dataPath(std::move(dataPath)), m_indexPath(std::move(indexPath))
{}

WordNet WordNet::open(const std::string& directory)
{
    WordNet wordNet(directory + "/data.noun", directory + "/index.noun");
    openFile(wordNet.m_indexPath);
    openFile(wordNet.m_dataPath);
    return wordNet;
}

std::optional<Synset> WordNet::synset(const std::string& wnid) const
{
    const std::optional<std::uint64_t> offset = parseWnid(wnid);
    if (!offset)
        return std::nullopt;
    std::ifstream data = openFile(m_dataPath);
    return readSynset(data, m_dataPath, *offset);
}

std::vector<Synset> WordNet::nounSenses(const std::string& lemma) const
{
    std::string key = trimmed(lemma);
    for (char& c : key)
        c = c == ' ' ? '_' : char(std::tolower(static_cast<unsigned char>(c)));
    if (key.empty())
        return {};
    std::ifstream index = openFile(m_indexPath);
    const auto found = findIndexLine(index, key);
    if (!found)
        return {};
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    const auto& [line, position] = *found;
    std::istringstream in(line);
    std::string word, pos, token;
    if (!(in >> word >> pos >> token))
        malformed(m_indexPath, position, "too few fields");
    const std::uint64_t synsetCount = parseNumber(token, 10, m_indexPath, position, "synset_cnt");
    if (!(in >> token))
        malformed(m_indexPath, position, "no p_cnt");
    const std::uint64_t pointerCount = parseNumber(token, 10, m_indexPath, position, "p_cnt");
    for (std::uint64_t i = 0; i < pointerCount + 2; ++i) // the pointer symbols, sense_cnt, tagsense_cnt
        if (!(in >> token))
            malformed(m_indexPath, position, "too few fields");
    std::ifstream data = openFile(m_dataPath);
    std::vector<Synset> senses;
    for (std::uint64_t i = 0; i < synsetCount; ++i) {
        if (!(in >> token))
            malformed(m_indexPath, position, "fewer synset offsets than synset_cnt");
        parseNumber(token, 10, m_indexPath, position, "synset offset");
        senses.push_back(requireSynset(data, m_dataPath, "n" + token));
    }
    return senses;
}

std::vector<Synset> WordNet::hypernymPath(const std::string& wnid) const
{
    std::optional<Synset> current = synset(wnid);
    if (!current)
        return {};
    std::ifstream data = openFile(m_dataPath);
    std::vector<Synset> path{std::move(*current)};
    while (!path.back().hypernyms.empty()) {
        if (path.size() > 100)
            throw InputError("WordNet hypernyms of " + wnid + " do not reach " + kRootWnid + " in " +
                             m_dataPath);
        path.push_back(requireSynset(data, m_dataPath, path.back().hypernyms.front()));
    }
    return path;
}

} // namespace salient
