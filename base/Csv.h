#pragma once

#include <string>
#include <vector>

namespace salient {

/// One record of a CSV file and the line it starts on (1 = the first line).
struct CsvRecord
{
    int line = 0;
    std::vector<std::string> fields;
};

/// Reads an RFC 4180 CSV file (as Python's csv module writes it): fields separated by commas, quoted
/// with '"' when they hold commas, quotes (doubled) or line breaks; LF or CRLF line ends; a UTF-8 byte
/// order mark is skipped, blank lines are skipped. Throws InputError "FILE:LINE: what is wrong" for an
/// unreadable file, a quote inside an unquoted field, text after a closing quote and a quoted field that
/// is never closed.
std::vector<CsvRecord> readCsvFile(const std::string& path);

/// The same, reading `text`; `name` stands for the file in messages.
std::vector<CsvRecord> parseCsv(const std::string& text, const std::string& name);

/// One CSV line with its "\n": fields are quoted only when they hold a comma, a quote or a line break
/// (Python's csv.QUOTE_MINIMAL), so a file read by readCsvFile is written back byte for byte.
std::string csvLine(const std::vector<std::string>& fields);

} // namespace salient
