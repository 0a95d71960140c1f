#include "storage/readers/csv_reader.h"

#include <array>
#include <map>

namespace sentinela::storage::readers {
namespace {

// Fields per line of the first lines of `sample` when split by `delimiter` (quotes honoured).
std::vector<int> fieldCounts(std::string_view sample, char delimiter) {
    std::vector<int> counts;
    int fields = 1;
    bool quoted = false;
    bool lineHasText = false;
    for (std::size_t i = 0; i < sample.size() && counts.size() < 20; ++i) {
        char c = sample[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == delimiter) {
            ++fields;
        } else if (!quoted && c == '\n') {
            if (lineHasText) {
                counts.push_back(fields);
            }
            fields = 1;
            lineHasText = false;
            continue;
        }
        if (c != '\r') {
            lineHasText = true;
        }
    }
    return counts;
}

}  // namespace

namespace {

// A quote left open swallows the rows after it into one field: say which lines were lost, so
// that the report does not read "rejected 1" for thousands of rows.
std::string swallowedLines(std::int64_t first, std::int64_t last, const char* until) {
    // Counted, not numbered: the rejection already carries the first line, and a byte-range
    // split numbers lines from its own start (storage/importers/input_split.h).
    return "a quote opened on this line is not closed before " + std::string(until) + ": " +
           std::to_string(last - first + 1) +
           " lines from here were read as one record and none of them was imported. Close the "
           "quote and import again";
}

}  // namespace

CsvAction csvStep(CsvState& state, char c, char delimiter) {
    switch (state) {
        case CsvState::kFieldStart:
            if (c == '"') {
                state = CsvState::kQuoted;
                return CsvAction::kSkip;
            }
            state = CsvState::kUnquoted;
            [[fallthrough]];
        case CsvState::kUnquoted:
        case CsvState::kQuoteInQuoted:
            if (state == CsvState::kQuoteInQuoted && c == '"') {
                state = CsvState::kQuoted;  // "" inside quotes is one quote
                return CsvAction::kAppend;
            }
            if (c == delimiter) {
                state = CsvState::kFieldStart;
                return CsvAction::kEndField;
            }
            if (c == '\n' || c == '\r') {
                return CsvAction::kEndRecord;
            }
            state = CsvState::kUnquoted;  // lenient: text after a closing quote is kept
            return CsvAction::kAppend;
        case CsvState::kQuoted:
            if (c == '"') {
                state = CsvState::kQuoteInQuoted;
                return CsvAction::kSkip;
            }
            return CsvAction::kAppend;
    }
    return CsvAction::kAppend;
}

bool CsvReader::next(std::vector<std::string>& fields,
                     std::int64_t& startLine,
                     std::string& problem) {
    crossedLimit_ = false;
    for (;;) {
        fields.clear();
        problem.clear();
        std::string_view w = in_.window();
        if (skipLineFeed_ && !w.empty() && w.front() == '\n') {
            in_.advance(1);
            w = in_.window();
        }
        skipLineFeed_ = false;
        if (w.empty()) {
            return false;
        }
        startLine = in_.line();
        CsvState state = CsvState::kFieldStart;
        std::string field;
        std::size_t recordBytes = 0;
        bool done = false;
        while (!done) {
            w = in_.window();
            if (w.empty()) {
                if (in_.stoppedAtLimit()) {
                    crossedLimit_ = true;
                    problem = "the record crosses the end of this byte-range split";
                } else if (state == CsvState::kQuoted) {
                    const bool endsWithNewline = !field.empty() && field.back() == '\n';
                    problem = swallowedLines(startLine, in_.line() - (endsWithNewline ? 1 : 0),
                                             "the end of the file");
                }
                break;
            }
            std::size_t i = 0;
            for (; i < w.size() && !done; ++i) {
                const char c = w[i];
                switch (csvStep(state, c, delimiter_)) {
                    case CsvAction::kAppend:
                        field.push_back(c);
                        break;
                    case CsvAction::kSkip:
                        break;
                    case CsvAction::kEndField:
                        fields.push_back(std::move(field));
                        field.clear();
                        break;
                    case CsvAction::kEndRecord:
                        skipLineFeed_ = c == '\r';
                        done = true;
                        break;
                }
            }
            in_.advance(i);
            recordBytes += i;
            if (!done && recordBytes > kMaxRecordBytes) {
                std::string rest;
                in_.readLine(rest);  // resynchronise at the next line
                problem = state == CsvState::kQuoted
                                  ? "the record is longer than 16 MiB: " +
                                            swallowedLines(startLine, in_.line() - 1, "16 MiB")
                                  : "the record is longer than 16 MiB";
                break;
            }
        }
        fields.push_back(std::move(field));
        if (problem.empty() && fields.size() == 1 && fields[0].empty() &&
            state != CsvState::kQuoteInQuoted) {
            continue;  // a blank line is not a record
        }
        return true;
    }
}

char sniffDelimiter(std::string_view sample) {
    constexpr std::array<char, 4> kCandidates = {',', '\t', ';', '|'};
    char best = ',';
    double bestScore = 0.0;
    for (char d : kCandidates) {
        std::vector<int> counts = fieldCounts(sample, d);
        if (counts.empty() || counts.front() < 2) {
            continue;
        }
        // Score: how many lines agree with the header's field count, weighted by that count,
        // so a ';' file with commas inside text does not win for ','.
        int agree = 0;
        for (int n : counts) {
            agree += n == counts.front() ? 1 : 0;
        }
        double score = static_cast<double>(agree) / counts.size() * 1000.0 + counts.front();
        if (score > bestScore) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}

}  // namespace sentinela::storage::readers
