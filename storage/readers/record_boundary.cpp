#include "storage/readers/record_boundary.h"

#include <cstring>
#include <string>

#include "storage/import_report.h"
#include "storage/readers/csv_reader.h"

namespace sentinela::storage::readers {
namespace {

// One hypothesis about the CSV parse: its state, and whether the record just ended with "\r"
// (CsvReader then drops one "\n" that follows).
struct CsvHypothesis {
    CsvState state;
    bool afterCarriageReturn = false;

    // Consumes `c`; true when the parse is at a record start just after it (a "\n" ended the
    // record or was the dropped half of "\r\n").
    bool atRecordStartAfter(char c, char delimiter) {
        if (afterCarriageReturn) {
            afterCarriageReturn = false;
            if (c == '\n') {
                return true;
            }
        }
        if (csvStep(state, c, delimiter) != CsvAction::kEndRecord) {
            return false;
        }
        state = CsvState::kFieldStart;
        afterCarriageReturn = c == '\r';
        return c == '\n';
    }
};

}  // namespace

std::int64_t findLineStart(InputBuffer& input, std::int64_t offset) {
    input.seek(offset - 1, 1);
    for (;;) {
        const std::string_view w = input.window();
        if (w.empty()) {
            return input.bytesConsumed();
        }
        const void* newline = std::memchr(w.data(), '\n', w.size());
        if (newline != nullptr) {
            input.advance(static_cast<std::size_t>(static_cast<const char*>(newline) - w.data()) +
                          1);
            return input.bytesConsumed();
        }
        input.advance(w.size());
    }
}

std::int64_t findCsvRecordStart(InputBuffer& input,
                                std::int64_t offset,
                                char delimiter,
                                const std::string& name,
                                std::int64_t maxSearchBytes) {
    const std::int64_t start = findLineStart(input, offset);
    CsvHypothesis atRecordStart{CsvState::kFieldStart};
    CsvHypothesis inQuotedField{CsvState::kQuoted};
    for (;;) {
        const std::string_view w = input.window();
        if (w.empty()) {
            return input.bytesConsumed();
        }
        for (std::size_t i = 0; i < w.size(); ++i) {
            // Both steps must run: each hypothesis sees every byte.
            const bool first = atRecordStart.atRecordStartAfter(w[i], delimiter);
            const bool second = inQuotedField.atRecordStartAfter(w[i], delimiter);
            if (first && second) {
                input.advance(i + 1);
                return input.bytesConsumed();
            }
        }
        input.advance(w.size());
        if (input.bytesConsumed() - start > maxSearchBytes) {
            throw ImportError({name, 0, ""},
                              "no CSV record boundary found within " +
                                      std::to_string(maxSearchBytes) + " bytes after byte " +
                                      std::to_string(offset) +
                                      ": its quotes never balance, so where a record starts "
                                      "cannot be told without reading from the top",
                              "Scan this file with --shard I/N instead of --split.");
        }
    }
}

}  // namespace sentinela::storage::readers
