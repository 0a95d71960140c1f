// RFC 4180 records from an InputBuffer: quoted fields with "" escapes and embedded newlines,
// CRLF / LF / CR line ends, any one-byte delimiter, plus delimiter sniffing for files whose
// separator is not known (",", ";" from pt-BR spreadsheets, tab, "|"). Lenient where real exports
// are sloppy (a stray quote inside an unquoted field is kept as text); strict where data would be
// lost: a quote that is never closed (before the end of the file, or within 16 MiB) makes its
// record malformed, and the lines after the one where it opened are read again as records of
// their own, so one stray quote costs one row, not the rest of the file. Internal.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/readers/input_buffer.h"

namespace sentinela::storage::readers {

// The parser's state machine, shared by CsvReader and the split-boundary search
// (record_boundary.h), so both read quotes exactly alike.
enum class CsvState { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
enum class CsvAction { kAppend, kSkip, kEndField, kEndRecord };
// Consumes `c` in `state`: kAppend keeps `c` in the field, kSkip drops it (a quote),
// kEndField / kEndRecord end the field / the record ("\n" or "\r"; the state is then stale).
CsvAction csvStep(CsvState& state, char c, char delimiter);

class CsvReader {
public:
    // A record (or a quoted field) longer than this is malformed: probably an unclosed quote.
    static constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;

    CsvReader(InputBuffer& input, char delimiter) : in_(input), delimiter_(delimiter) {}

    // Reads the next non-blank record into `fields`. `startLine` is the line where it starts.
    // `problem` is empty for a good record, else says why the record is malformed (the fields
    // are then unreliable). Returns false at the end of the input.
    bool next(std::vector<std::string>& fields, std::int64_t& startLine, std::string& problem);
    // The last next() ran into the input's limitTo() offset in the middle of a record: the
    // split boundary there is not a record boundary (the record is then cut).
    bool crossedLimit() const { return crossedLimit_; }

private:
    // The bytes to parse: what is left of replay_ first, then the input.
    std::string_view window();
    void advance(std::size_t bytes);
    std::int64_t line() const { return replaying() ? replayLine_ : in_.line(); }
    bool replaying() const { return replayAt_ < replay_.size(); }
    void skipRestOfLine();
    // The current record's last field opened a quote that never closed (`openField` is what it
    // read after the quote): read the bytes after the end of the quote's line again. Returns the
    // number of lines given back, or -1 when there is no line end after the quote.
    std::int64_t replayAfterLineOf(const std::string& openField);

    InputBuffer& in_;
    char delimiter_;
    bool skipLineFeed_ = false;  // the previous record ended with "\r"; drop a "\n" after it
    bool crossedLimit_ = false;
    std::string replay_;  // bytes given back after an unclosed quote, read before the input
    std::size_t replayAt_ = 0;
    std::int64_t replayLine_ = 0;  // line of replay_[replayAt_]
};

// The delimiter that splits the first lines of `sample` into the same number (> 1) of fields
// most consistently; ',' when nothing fits. Quotes are honoured.
char sniffDelimiter(std::string_view sample);

}  // namespace sentinela::storage::readers
