// Internal: RFC 4180 CSV for label imports and exports. Fields with a comma, quote, CR or LF are
// quoted and quotes doubled; the reader accepts quoted fields spanning lines, CRLF or LF, and a
// UTF-8 byte-order mark. Not thread-safe (a reader owns its stream position).
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::storage {

class CsvReader {
public:
    explicit CsvReader(std::istream& in) : in_(in) {}
    // Reads the next record; false at the end. `line` is the 1-based line the record starts on.
    bool next(std::vector<std::string>& fields, std::int64_t& line);

private:
    std::istream& in_;
    std::int64_t line_ = 1;
    bool first_ = true;
};

void writeCsvField(std::ostream& out, std::string_view field);
// Writes the fields separated by commas and ends the record with CRLF (RFC 4180).
void writeCsvRecord(std::ostream& out, const std::vector<std::string>& fields);

}  // namespace sentinela::storage
