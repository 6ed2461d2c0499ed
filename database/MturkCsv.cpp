#include "database/MturkCsv.h"
#include "base/Parse.h"

#include "base/Csv.h"
#include "base/Errors.h"
#include "database/StudyKind.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace salient {
namespace {

enum Column
{
    Worker,
    Wnid,
    ClassIndex,
    Feature,
    Rank,
    Answer,
    Confidence,
    Reasons,
    ColumnCount
};

bool startsWithDigit(const std::string& text)
{
    return !text.empty() && text[0] >= '0' && text[0] <= '9';
}

class RowReader
{
public:
    RowReader(const std::string& path, const CsvRecord& record, const std::vector<std::size_t>& columns)
        : m_path(path), m_record(record), m_columns(columns)
    {}

    MturkRow row() const
    {
        MturkRow row;
        row.line = m_record.line;
        row.workerId = text(Worker);
        row.wnid = classId(Wnid);
        row.classIndex = integer(ClassIndex, 0);
        row.feature = integer(Feature, 0);
        row.rank = integer(Rank, 1);
        row.answer = text(Answer);
        if (answerIndex(StudyKind::Discovery, row.answer) < 0)
            fail("Answer.main is '" + row.answer + "', not main_object, separate_object or background");
        row.confidence = confidence();
        row.reason = field(Reasons);
        return row;
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw InputError(m_path + ":" + std::to_string(m_record.line) + ": " + what);
    }

    const std::string& field(Column column) const { return m_record.fields[m_columns[column]]; }

    std::string text(Column column) const
    {
        const std::string& value = field(column);
        if (value.empty())
            fail(mturkColumns()[column] + " is empty");
        return value;
    }

    /// A class id becomes a folder name in exports: letters, digits, '_', '-' and '.' only, never "." or
    /// "..", so that "../../etc" cannot lead out of the export folder.
    std::string classId(Column column) const
    {
        const std::string value = text(column);
        const bool safe = value.size() <= 64 && value != "." && value != ".." &&
                          value.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                  "0123456789_-.") == std::string::npos;
        if (!safe)
            fail(mturkColumns()[column] + " is '" + value +
                 "', not a class id (letters, digits, '_', '-' and '.', like n01440764)");
        return value;
    }

    int integer(Column column, int minimum) const
    {
        const std::string& value = field(column);
        const std::optional<std::int64_t> number = startsWithDigit(value) ? parseInt64(value) : std::nullopt;
        if (number && *number >= minimum && *number <= 1000000000L)
            return int(*number);
        fail(mturkColumns()[column] + " is '" + value + "', not a whole number of at least " +
             std::to_string(minimum));
    }

    int confidence() const
    {
        const std::string& value = field(Confidence);
        // MTurk writes confidences as "4" or "4.0"; nothing else (hex, exponents, signs) is a Likert level.
        const std::optional<double> number = parseDouble(value);
        const bool plain =
            startsWithDigit(value) && value.find_first_not_of("0123456789.") == std::string::npos;
        if (plain && number && *number >= 1.0 && *number <= 5.0 && std::floor(*number) == *number)
            return int(*number);
        fail("Answer.confidence is '" + value + "', not a whole number from 1 to 5");
    }

    const std::string& m_path;
    const CsvRecord& m_record;
    const std::vector<std::size_t>& m_columns;
};

std::vector<std::size_t> findColumns(const std::string& path, const CsvRecord& header)
{
    std::vector<std::size_t> columns;
    for (const std::string& name : mturkColumns()) {
        const auto it = std::find(header.fields.begin(), header.fields.end(), name);
        if (it == header.fields.end())
            throw InputError(path + ":" + std::to_string(header.line) + ": no column " + name +
                             " (an MTurk CSV has WorkerId, Input.wordnet_id, Input.class_index, "
                             "Input.feature_index, Input.feature_rank, Answer.main, Answer.confidence, "
                             "Answer.reasons)");
        columns.push_back(std::size_t(it - header.fields.begin()));
    }
    return columns;
}

} // namespace

const std::vector<std::string>& mturkColumns()
{
    static const std::vector<std::string> columns = {
        "WorkerId",           "Input.wordnet_id", "Input.class_index", "Input.feature_index",
        "Input.feature_rank", "Answer.main",      "Answer.confidence", "Answer.reasons"};
    return columns;
}

std::vector<MturkRow> readMturkCsv(const std::string& path)
{
    const std::vector<CsvRecord> records = readCsvFile(path);
    if (records.empty())
        throw InputError(path + ": the file is empty (an MTurk CSV starts with a header line)");
    const std::vector<std::size_t> columns = findColumns(path, records.front());
    const std::size_t width = records.front().fields.size();
    std::vector<MturkRow> rows;
    rows.reserve(records.size() - 1);
    for (std::size_t i = 1; i < records.size(); ++i) {
        const CsvRecord& record = records[i];
        if (record.fields.size() != width)
            throw InputError(path + ":" + std::to_string(record.line) + ": " +
                             std::to_string(record.fields.size()) + " fields, the header has " +
                             std::to_string(width));
        rows.push_back(RowReader(path, record, columns).row());
    }
    return rows;
}

std::string mturkCsvText(const std::vector<MturkRow>& rows)
{
    std::string text = csvLine(mturkColumns());
    for (const MturkRow& row : rows)
        text += csvLine({row.workerId, row.wnid, std::to_string(row.classIndex), std::to_string(row.feature),
                         std::to_string(row.rank), row.answer, std::to_string(row.confidence) + ".0",
                         row.reason});
    return text;
}

} // namespace salient
