// Internal: writes the normalizer's output: separators between tokens, case folding, accent
// stripping and the cap on repeated characters, and (optionally) each output byte's source span.
// It writes through a raw pointer into the caller's string, grown ahead of need, and is all
// inline: it runs once per character of every post, and the std::string appends it used before
// cost more than the rules themselves. One per call; not shared between threads.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/code_points.h"
#include "nlp/normalizer.h"
#include "nlp/utf8.h"

namespace sentinela::nlp {

class NormalizedWriter {
public:
    // `sizeHint`: the input's size, the usual size of the output.
    NormalizedWriter(const NormalizerOptions& options,
                     std::string& out,
                     std::vector<ByteSpan>* spans,
                     std::size_t sizeHint)
        : options_(options), out_(out), spans_(spans) {
        out_.resize(sizeHint + kSlack);
        data_ = out_.data();
        capacity_ = out_.size();
    }
    NormalizedWriter(const NormalizedWriter&) = delete;
    NormalizedWriter& operator=(const NormalizedWriter&) = delete;
    ~NormalizedWriter() { out_.resize(size_); }

    void space() {
        pendingSpace_ = true;
        lastChar_ = 0;
    }

    // A placeholder or '#': always a word of its own.
    void token(std::string_view text, ByteSpan from) {
        space();
        write(text.data(), text.size(), from);
        space();
        lastEmoji_.clear();
    }

    void emoji(std::string_view bytes, ByteSpan from) {
        if (bytes == lastEmoji_ && cap() > 0 && emojiRepeat_ >= cap()) {
            extendLast(lastEmojiPos_, from);
            return;
        }
        emojiRepeat_ = bytes == lastEmoji_ ? emojiRepeat_ + 1 : 1;
        lastEmoji_.assign(bytes);
        space();
        lastEmojiPos_ = size_ + (size_ == 0 ? 0 : 1);
        write(bytes.data(), bytes.size(), from);
        space();
    }

    // `literal`: part of a URL or address that is kept, where repeats are no elongation.
    [[gnu::always_inline]] void character(char32_t c, ByteSpan from, bool literal = false) {
        if (options_.caseFold)
            c = foldCase(c);
        if (options_.stripAccents && c >= 0x80) {
            buffer_.clear();
            appendWithoutAccents(c, buffer_);
            for (const char32_t d : buffer_) one(d, from, literal);
            return;
        }
        one(c, from, literal);
    }

private:
    static constexpr std::size_t kSlack = 64;  // room for a placeholder and its spaces

    int cap() const { return options_.maxCharRepeat; }

    [[gnu::always_inline]] void one(char32_t c, ByteSpan from, bool literal) {
        if (c == lastChar_ && !literal && cap() > 0 && !isDecimalDigit(c)) {
            if (++repeat_ > cap()) {  // "muuuuito": the cut letters still belong to the word
                extendLast(lastCharPos_, from);
                return;
            }
        } else {
            lastChar_ = c;
            repeat_ = 1;
        }
        lastEmoji_.clear();
        lastCharPos_ = size_ + (pendingSpace_ && size_ != 0 ? 1 : 0);
        if (c < 0x80) {
            const char byte = static_cast<char>(c);
            write(&byte, 1, from);
            return;
        }
        char bytes[4];
        write(bytes, static_cast<std::size_t>(utf8::encode(c, bytes)), from);
    }

    [[gnu::always_inline]] void write(const char* bytes, std::size_t n, ByteSpan from) {
        if (capacity_ - size_ < n + 1)
            grow(n + 1);
        const bool separate = pendingSpace_ && size_ != 0;
        if (separate)
            data_[size_++] = ' ';
        pendingSpace_ = false;
        for (std::size_t k = 0; k < n; ++k) data_[size_ + k] = bytes[k];
        size_ += n;
        if (spans_)
            recordSpans(separate, n, from);
    }

    // Out of line: only encodeWithOffsets keeps spans, and write() must stay small.
    [[gnu::noinline]] void recordSpans(bool separate, std::size_t n, ByteSpan from) {
        if (separate)
            spans_->push_back({from.begin, from.begin});
        spans_->insert(spans_->end(), n, from);
    }

    [[gnu::noinline]] void grow(std::size_t atLeast) {
        out_.resize(std::max(capacity_ * 2, size_ + atLeast + kSlack));
        data_ = out_.data();
        capacity_ = out_.size();
    }

    void extendLast(std::size_t pos, ByteSpan from) {
        if (!spans_)
            return;
        for (std::size_t k = pos; k < spans_->size(); ++k) {
            (*spans_)[k].end = std::max((*spans_)[k].end, from.end);
        }
    }

    const NormalizerOptions& options_;
    std::string& out_;
    std::vector<ByteSpan>* spans_;
    char* data_ = nullptr;
    std::size_t size_ = 0, capacity_ = 0;
    bool pendingSpace_ = false;
    char32_t lastChar_ = 0;
    int repeat_ = 0;
    std::size_t lastCharPos_ = 0;
    std::string lastEmoji_;
    int emojiRepeat_ = 0;
    std::size_t lastEmojiPos_ = 0;
    std::u32string buffer_;
};

}  // namespace sentinela::nlp
