// Where a record starts, searched from an arbitrary byte offset: what a byte-range split
// (storage/importers/input_split.h) needs to begin at a record boundary without reading the
// bytes before it. Internal to storage/. Thread-safety: one thread at a time per InputBuffer.
#pragma once

#include <cstdint>
#include <string>

#include "storage/readers/input_buffer.h"

namespace sentinela::storage::readers {

// A search gives up after this many bytes: the input can then not be split there.
constexpr std::int64_t kMaxBoundarySearchBytes = std::int64_t{64} << 20;

// The start of the first line that begins at or after `offset` (> 0): just past the first "\n"
// at or after offset - 1; the end of the input if there is none. `input` is seeked.
std::int64_t findLineStart(InputBuffer& input, std::int64_t offset);

// The first position at or after `offset` (> 0) where a CSV parse from the file's start (by
// CsvReader, with `delimiter`) begins a record, found without reading what lies before.
//
// Just after a "\n" such a parse is in one of two states only: at a record start, or inside a
// quoted field (a newline outside quotes always ends the record). The search runs both
// hypotheses over the same bytes from the first line start at or after `offset`; once both are
// at a record start just after the same "\n", they agree from there on whichever was true, so
// that position is a record boundary of the real parse. Returns the end of the input when they
// reach it first. Files with "\r"-only line ends never give such a position (the split then
// reads nothing and the one before it reads on to the end). Throws ImportError (with `name`)
// when the hypotheses still disagree after `maxSearchBytes`: quotes that never balance.
std::int64_t findCsvRecordStart(InputBuffer& input,
                                std::int64_t offset,
                                char delimiter,
                                const std::string& name,
                                std::int64_t maxSearchBytes = kMaxBoundarySearchBytes);

}  // namespace sentinela::storage::readers
