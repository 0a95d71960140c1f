#include "storage/readers/input_buffer.h"

#include <algorithm>
#include <cstring>

namespace sentinela::storage::readers {

InputBuffer::InputBuffer(std::unique_ptr<ByteSource> source, std::size_t chunkBytes)
    : source_(std::move(source)), chunkBytes_(chunkBytes) {}

bool InputBuffer::fill() {
    if (eof_) {
        return false;
    }
    // Compact: keep only the unread tail, so memory is bounded by what a reader holds on to.
    if (begin_ > 0) {
        buffer_.erase(0, begin_);
        begin_ = 0;
    }
    std::size_t old = buffer_.size();
    std::size_t want = chunkBytes_;
    if (limit_ >= 0) {
        const std::int64_t sourceOffset = consumed_ + static_cast<std::int64_t>(old);
        want = static_cast<std::size_t>(std::clamp<std::int64_t>(
                limit_ - sourceOffset, 0, static_cast<std::int64_t>(chunkBytes_)));
        if (want == 0) {
            stoppedAtLimit_ = true;
            eof_ = true;
            return false;
        }
    }
    buffer_.resize(old + want);
    std::size_t n = 0;
    try {
        n = source_->read(buffer_.data() + old, want);
    } catch (...) {
        sourceFailure_ = std::current_exception();  // the bytes before it are still good
    }
    buffer_.resize(old + n);
    if (n == 0) {
        eof_ = true;
    }
    return n > 0;
}

std::string_view InputBuffer::peek(std::size_t bytes) {
    while (buffer_.size() - begin_ < bytes && fill()) {
    }
    std::string_view view(buffer_);
    view.remove_prefix(begin_);
    return view.substr(0, std::min(bytes, view.size()));
}

std::string_view InputBuffer::peekThroughFirstLine(std::size_t bytes) {
    std::string_view view = peek(bytes);
    for (;;) {
        std::size_t start = view.find_first_not_of(" \t\r\n");
        bool lineEnds =
                start != std::string_view::npos && view.find('\n', start) != std::string_view::npos;
        if (lineEnds || view.size() < bytes || bytes >= kMaxLineBytes) {
            return view;  // a whole line, the whole input, or as much as a line may hold
        }
        bytes = std::min(bytes * 2, kMaxLineBytes + 1);
        view = peek(bytes);
    }
}

std::string_view InputBuffer::window() {
    if (begin_ == buffer_.size() && !fill() && sourceFailure_) {
        std::rethrow_exception(sourceFailure_);
    }
    return std::string_view(buffer_).substr(begin_);
}

void InputBuffer::advance(std::size_t bytes) {
    const char* p = buffer_.data() + begin_;
    line_ += std::count(p, p + bytes, '\n');
    begin_ += bytes;
    consumed_ += static_cast<std::int64_t>(bytes);
}

bool InputBuffer::readLine(std::string& line) {
    line.clear();
    lastLineTooLong_ = false;
    // Appends at most kMaxLineBytes in total; the rest of an oversized line is consumed unread.
    auto append = [&](const char* data, std::size_t n) {
        std::size_t room = line.size() < kMaxLineBytes ? kMaxLineBytes - line.size() : 0;
        if (n > room) {
            lastLineTooLong_ = true;
            n = room;
        }
        line.append(data, n);
    };
    for (;;) {
        std::string_view w = window();
        if (w.empty()) {
            return !line.empty() || lastLineTooLong_;  // a last line without "\n"
        }
        const void* nl = std::memchr(w.data(), '\n', w.size());
        if (nl == nullptr) {
            append(w.data(), w.size());
            begin_ += w.size();
            consumed_ += static_cast<std::int64_t>(w.size());
            continue;
        }
        std::size_t n = static_cast<const char*>(nl) - w.data();
        append(w.data(), n);
        begin_ += n + 1;
        consumed_ += static_cast<std::int64_t>(n + 1);
        ++line_;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        return true;
    }
}

void InputBuffer::skipByteOrderMark() {
    if (peek(3) == "\xEF\xBB\xBF") {
        advance(3);
    }
}

void InputBuffer::seek(std::int64_t offset, std::int64_t line) {
    source_->seek(offset);
    buffer_.clear();
    begin_ = 0;
    eof_ = false;
    stoppedAtLimit_ = false;
    lastLineTooLong_ = false;
    line_ = line;
    consumed_ = offset;
}

bool InputBuffer::atEnd() {
    return window().empty();
}

}  // namespace sentinela::storage::readers
