#include "base/Csv.h"

#include "base/Errors.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace salient {
namespace {

/// Parses one field starting at `pos`; leaves `pos` on the separator, line end or end of text.
class CsvParser
{
public:
    CsvParser(const std::string& text, const std::string& name) : m_text(text), m_name(name)
    {
        if (m_text.compare(0, 3, "\xEF\xBB\xBF") == 0)
            m_pos = 3;
    }

    std::vector<CsvRecord> records()
    {
        std::vector<CsvRecord> result;
        while (m_pos < m_text.size()) {
            CsvRecord record;
            record.line = m_line;
            if (atLineEnd()) { // a blank line
                skipLineEnd();
                continue;
            }
            while (true) {
                record.fields.push_back(field());
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                skipLineEnd();
                break;
            }
            result.push_back(std::move(record));
        }
        return result;
    }

private:
    bool atLineEnd() const { return m_text[m_pos] == '\n' || m_text.compare(m_pos, 2, "\r\n") == 0; }

    void skipLineEnd()
    {
        if (m_pos < m_text.size() && m_text[m_pos] == '\r')
            ++m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '\n') {
            ++m_pos;
            ++m_line;
        }
    }

    [[noreturn]] void fail(int line, const std::string& what) const
    {
        throw InputError(m_name + ":" + std::to_string(line) + ": " + what);
    }

    std::string field()
    {
        if (m_pos < m_text.size() && m_text[m_pos] == '"')
            return quotedField();
        std::string value;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == ',' || c == '\n' || m_text.compare(m_pos, 2, "\r\n") == 0)
                break;
            if (c == '"')
                fail(m_line,
                     "a quote inside an unquoted field (quote the whole field and double its quotes)");
            value += c;
            ++m_pos;
        }
        return value;
    }

    std::string quotedField()
    {
        const int startLine = m_line;
        ++m_pos; // the opening quote
        std::string value;
        while (true) {
            if (m_pos >= m_text.size())
                fail(startLine, "a quoted field that starts on this line is never closed");
            const char c = m_text[m_pos++];
            if (c == '"') {
                if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                    value += '"';
                    ++m_pos;
                    continue;
                }
                break;
            }
            if (c == '\n')
                ++m_line;
            value += c;
        }
        if (m_pos < m_text.size() && m_text[m_pos] != ',' && !atLineEnd())
            fail(m_line, "text after the closing quote of a field (a quote inside a field must be doubled)");
        return value;
    }

    const std::string& m_text;
    const std::string& m_name;
    std::size_t m_pos = 0;
    int m_line = 1;
};

} // namespace

std::vector<CsvRecord> parseCsv(const std::string& text, const std::string& name)
{
    return CsvParser(text, name).records();
}

std::vector<CsvRecord> readCsvFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        throw InputError("cannot read " + path + ": " + std::strerror(errno));
    return parseCsv(text.str(), path);
}

std::string csvLine(const std::vector<std::string>& fields)
{
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        const std::string& field = fields[i];
        if (field.find_first_of(",\"\r\n") == std::string::npos) {
            line += field;
            continue;
        }
        line += '"';
        for (char c : field) {
            if (c == '"')
                line += '"';
            line += c;
        }
        line += '"';
    }
    return line + '\n';
}

} // namespace salient
