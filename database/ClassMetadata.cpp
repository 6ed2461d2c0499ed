#include "database/ClassMetadata.h"
#include "base/Parse.h"

#include "base/Csv.h"
#include "base/Errors.h"

#include <algorithm>
#include <stdexcept>

namespace salient {
namespace {

std::string joinLines(const std::vector<std::string>& items)
{
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : "\n") + item;
    return text;
}

std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        items.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return items;
}

ClassMetadata metadataFrom(Statement& query)
{
    ClassMetadata cls;
    cls.wnid = query.columnText(0);
    cls.classIndex = int(query.columnInt64(1));
    cls.name = query.columnText(2);
    cls.synset = query.columnText(3);
    cls.gloss = query.columnText(4);
    cls.supercategory = query.columnText(5);
    cls.wikilinks = splitLines(query.columnText(6));
    cls.valSamples = splitLines(query.columnText(7));
    return cls;
}

constexpr const char* kSelect = "SELECT wnid, class_index, name, synset, gloss, supercategory, wikilinks, "
                                "val_samples FROM class_metadata";

} // namespace

std::vector<std::string> parsePythonStringList(const std::string& text)
{
    std::vector<std::string> items;
    std::size_t pos = 0;
    auto skipSpaces = [&] {
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
            ++pos;
    };
    skipSpaces();
    if (pos >= text.size() || text[pos] != '[')
        throw std::invalid_argument("a list starts with '['");
    ++pos;
    skipSpaces();
    if (pos < text.size() && text[pos] == ']') {
        ++pos;
    } else {
        while (true) {
            skipSpaces();
            if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
                throw std::invalid_argument("a list item must be a quoted string");
            const char quote = text[pos++];
            std::string item;
            while (pos < text.size() && text[pos] != quote) {
                if (text[pos] == '\\' && pos + 1 < text.size())
                    ++pos;
                item += text[pos++];
            }
            if (pos >= text.size())
                throw std::invalid_argument("a string in the list is never closed");
            ++pos;
            items.push_back(item);
            skipSpaces();
            if (pos < text.size() && text[pos] == ',') {
                ++pos;
                skipSpaces();
                if (pos < text.size() && text[pos] == ']') { // a trailing comma
                    ++pos;
                    break;
                }
                continue;
            }
            if (pos < text.size() && text[pos] == ']') {
                ++pos;
                break;
            }
            throw std::invalid_argument("list items are separated by commas and the list ends with ']'");
        }
    }
    skipSpaces();
    if (pos != text.size())
        throw std::invalid_argument("text after the end of the list");
    return items;
}

std::vector<ClassMetadata> readClassMetadataCsv(const std::string& path)
{
    const auto records = readCsvFile(path);
    if (records.empty())
        throw InputError(path + ": the file is empty (class metadata starts with a header line)");
    const auto& header = records.front().fields;
    std::vector<std::size_t> at;
    for (const char* name :
         {"class_index", "synset", "wordnet_id", "gloss", "wikilinks", "supercategory", "val_sample_paths"}) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
            throw InputError(path + ":1: no column " + name);
        at.push_back(std::size_t(it - header.begin()));
    }
    std::vector<ClassMetadata> classes;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& record = records[r];
        const std::string where = path + ":" + std::to_string(record.line) + ": ";
        if (record.fields.size() != header.size())
            throw InputError(where + std::to_string(record.fields.size()) + " fields, the header has " +
                             std::to_string(header.size()));
        auto field = [&](int i) -> const std::string& {
            return record.fields[at[std::size_t(i)]];
        };
        ClassMetadata cls;
        const std::optional<int> classIndex = parseInt(field(0));
        if (!classIndex || *classIndex < 0)
            throw InputError(where + "class_index is '" + field(0) + "', not a whole number >= 0");
        cls.classIndex = *classIndex;
        cls.synset = field(1);
        cls.wnid = field(2);
        if (cls.wnid.empty() || cls.synset.empty())
            throw InputError(where + "wordnet_id and synset must not be empty");
        cls.name = cls.synset.substr(0, cls.synset.find(','));
        cls.gloss = field(3);
        cls.supercategory = field(5);
        try {
            cls.wikilinks = parsePythonStringList(field(4));
            cls.valSamples = parsePythonStringList(field(6));
        } catch (const std::invalid_argument& error) {
            throw InputError(where + "malformed list (" + error.what() + ")");
        }
        classes.push_back(std::move(cls));
    }
    return classes;
}

void storeClassMetadata(Database& db, const std::vector<ClassMetadata>& classes)
{
    Statement insert = db.prepare("INSERT OR REPLACE INTO class_metadata (wnid, class_index, name, synset, "
                                  "gloss, supercategory, wikilinks, val_samples) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const auto& cls : classes) {
        insert.reset();
        insert.bind(1, cls.wnid)
            .bind(2, cls.classIndex)
            .bind(3, cls.name)
            .bind(4, cls.synset)
            .bind(5, cls.gloss)
            .bind(6, cls.supercategory)
            .bind(7, joinLines(cls.wikilinks))
            .bind(8, joinLines(cls.valSamples));
        insert.step();
    }
}

std::optional<ClassMetadata> classMetadata(Database& db, const std::string& wnid)
{
    Statement query = db.prepare(std::string(kSelect) + " WHERE wnid = ?1");
    query.bind(1, wnid);
    if (!query.step())
        return std::nullopt;
    return metadataFrom(query);
}

std::vector<ClassMetadata> allClassMetadata(Database& db)
{
    Statement query = db.prepare(std::string(kSelect) + " ORDER BY class_index");
    std::vector<ClassMetadata> classes;
    while (query.step())
        classes.push_back(metadataFrom(query));
    return classes;
}

} // namespace salient
