#include "storage/readers/csv_reader.h"

#include <algorithm>
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

// A quote left open would swallow the rows after it into one field: that record is rejected and
// the lines after the quote's line are read again (CsvReader::replayAfterLineOf), which the
// message says, so that the report does not read "rejected 1" for a row that hid others.
std::string openQuoteProblem(const char* until, std::int64_t linesGivenBack) {
    std::string problem = "a quote opened on this line is not closed before " + std::string(until) +
                          ", so this record was rejected";
    if (linesGivenBack == 1) {
        problem += "; the line after the quote's was read as a record of its own";
    } else if (linesGivenBack > 1) {
        problem += "; the " + std::to_string(linesGivenBack) +
                   " lines after the quote's were read as records of their own";
    }
    return problem + ". Close the quote and import again";
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

std::string_view CsvReader::window() {
    if (replaying()) {
        return std::string_view(replay_).substr(replayAt_);
    }
    return in_.window();
}

void CsvReader::advance(std::size_t bytes) {
    if (replaying()) {
        const auto from = replay_.begin() + std::ptrdiff_t(replayAt_);
        replayLine_ += std::count(from, from + std::ptrdiff_t(bytes), '\n');
        replayAt_ += bytes;
        if (!replaying()) {
            replay_.clear();
            replayAt_ = 0;
        }
        return;
    }
    in_.advance(bytes);
}

void CsvReader::skipRestOfLine() {
    if (replaying()) {
        const std::size_t newline = replay_.find('\n', replayAt_);
        if (newline != std::string::npos) {
            advance(newline + 1 - replayAt_);
            return;
        }
        advance(replay_.size() - replayAt_);
    }
    std::string rest;
    in_.readLine(rest);
}

std::int64_t CsvReader::replayAfterLineOf(const std::string& openField) {
    std::size_t end = openField.find_first_of("\r\n");
    if (end == std::string::npos) {
        return -1;
    }
    if (openField[end] == '\r' && end + 1 < openField.size() && openField[end + 1] == '\n') {
        ++end;
    }
    // The field holds the bytes after its quote as read, but for `""`, read as one `"`; a field
    // still open has no other quote (a lone one would have closed it), so doubling every quote
    // gives the bytes back exactly.
    std::string rest;
    rest.reserve(openField.size() - end);
    for (std::size_t i = end + 1; i < openField.size(); ++i) {
        rest.push_back(openField[i]);
        if (openField[i] == '"') {
            rest.push_back('"');
        }
    }
    const std::int64_t newlines = std::count(rest.begin(), rest.end(), '\n');
    const std::int64_t lines = newlines + (rest.empty() || rest.back() == '\n' ? 0 : 1);
    // The replay starts on the line after the quote's: line() there is what it is now (the end
    // of the field), less the newlines given back.
    const std::int64_t lineAfter = line() - newlines;
    rest.append(replay_, replayAt_);  // bytes still to replay come after this record's
    replay_ = std::move(rest);
    replayAt_ = 0;
    replayLine_ = lineAfter;
    skipLineFeed_ = false;
    return lines;
}

bool CsvReader::next(std::vector<std::string>& fields,
                     std::int64_t& startLine,
                     std::string& problem) {
    crossedLimit_ = false;
    for (;;) {
        fields.clear();
        problem.clear();
        std::string_view w = window();
        if (skipLineFeed_ && !w.empty() && w.front() == '\n') {
            advance(1);
            w = window();
        }
        skipLineFeed_ = false;
        if (w.empty()) {
            return false;
        }
        startLine = line();
        CsvState state = CsvState::kFieldStart;
        std::string field;
        std::size_t recordBytes = 0;
        bool done = false;
        while (!done) {
            w = window();
            if (w.empty()) {
                if (in_.stoppedAtLimit()) {
                    crossedLimit_ = true;
                    problem = "the record crosses the end of this byte-range split";
                } else if (state == CsvState::kQuoted) {
                    problem = openQuoteProblem("the end of the file",
                                               std::max<std::int64_t>(0, replayAfterLineOf(field)));
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
            advance(i);
            recordBytes += i;
            if (!done && recordBytes > kMaxRecordBytes) {
                const std::int64_t givenBack =
                        state == CsvState::kQuoted ? replayAfterLineOf(field) : -1;
                if (givenBack >= 0) {
                    problem = "the record is longer than 16 MiB: " +
                              openQuoteProblem("16 MiB", givenBack);
                } else {
                    skipRestOfLine();  // resynchronise at the next line
                    problem = "the record is longer than 16 MiB";
                }
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
