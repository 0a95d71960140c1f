// A buffered window over a ByteSource that the format readers scan in place: peek ahead (format
// sniffing), read lines, or look at the buffered bytes and advance past what was used. Tracks the
// 1-based line number of the next unread byte, so every record knows where it started.
// Memory stays bounded by the largest single line/record plus one chunk. Internal to storage/.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

#include "storage/readers/byte_source.h"

namespace sentinela::storage::readers {

class InputBuffer {
public:
    explicit InputBuffer(std::unique_ptr<ByteSource> source, std::size_t chunkBytes = 1 << 20);

    // Up to `bytes` unread bytes without consuming them (fewer only at the end of the input).
    std::string_view peek(std::size_t bytes);
    // Like peek(bytes), extended until it holds the whole first non-blank line (up to
    // kMaxLineBytes): format detection must see a complete first record, however long.
    std::string_view peekThroughFirstLine(std::size_t bytes);
    // The unread bytes currently buffered; refills first when empty. Empty only at the end.
    // Throws the source's ImportError (damaged compressed data) only once every byte decoded
    // before the damage has been read: peeks never throw, so detection cannot lose those posts.
    std::string_view window();
    // Consumes `bytes` of the window, counting the newlines in them.
    void advance(std::size_t bytes);
    // Lines longer than this are cut (and flagged): a binary file must not fill the memory.
    static constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;
    // Next line without its "\n" or "\r\n"; false at the end of the input.
    bool readLine(std::string& line);
    // The last readLine() cut the line at kMaxLineBytes.
    bool lastLineTooLong() const { return lastLineTooLong_; }
    // Drops a UTF-8 byte order mark at the current position, if any.
    void skipByteOrderMark();

    bool atEnd();
    std::int64_t line() const { return line_; }
    // Offset in the decompressed input of the next unread byte.
    std::int64_t bytesConsumed() const { return consumed_; }

    // Byte-range splits (storage/importers/input_split.h): continue reading at byte `offset`,
    // counting lines from `line` there. Throws ImportError unless the source is a plain file.
    void seek(std::int64_t offset, std::int64_t line);
    // The input ends at byte `offset` (exclusive) as if the file ended there.
    void limitTo(std::int64_t offset) { limit_ = offset; }
    // The last fill stopped at limitTo()'s offset rather than at the true end of the input.
    bool stoppedAtLimit() const { return stoppedAtLimit_; }
    std::int64_t rawBytesRead() const { return source_->rawBytesRead(); }

private:
    // Reads one more chunk; false at the end of the input.
    bool fill();

    std::unique_ptr<ByteSource> source_;
    std::size_t chunkBytes_;
    std::string buffer_;
    std::size_t begin_ = 0;  // first unread byte in buffer_
    bool eof_ = false;
    bool lastLineTooLong_ = false;
    std::exception_ptr sourceFailure_;  // what the source threw; rethrown by window() at the end
    std::int64_t line_ = 1;
    std::int64_t consumed_ = 0;
    std::int64_t limit_ = -1;  // -1: none
    bool stoppedAtLimit_ = false;
};

}  // namespace sentinela::storage::readers
