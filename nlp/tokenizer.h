// The tokenizer: raw post text -> token ids for the model, identically at training and at scan
// time. It owns the normalizer settings (normalizer.h) and a vocabulary: a sentencepiece unigram
// or BPE model trained on the analyst's own posts, or a plain word vocabulary to compare with.
//
// Ids: 0 is padding (never produced by encode), 1 is unknown, 2..5 are the placeholders
// <url> <mention> <email> <number>; the rest are pieces or words.
// Offsets: every token carries its span in the ORIGINAL text, in UTF-8 bytes and in UTF-16 code
// units (for Qt's QString), so a GUI can highlight the words that drove a decision even though
// normalization changed the text. A token made of dropped or inserted text has an empty span.
//
// Thread-safety: a Tokenizer is immutable after train()/fromBytes(); encode*, normalize, piece
// and toBytes are const and safe to call from many threads at once. It is movable, not copyable.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/normalizer.h"

namespace sentinela::nlp {

enum class VocabularyKind { kUnigram, kBpe, kWord };

struct TokenizerOptions {
    NormalizerOptions normalizer;
    VocabularyKind kind = VocabularyKind::kUnigram;
    int vocabularySize = 8000;          // upper bound; small corpora give fewer pieces or words
    double characterCoverage = 0.9995;  // sentencepiece: rarer characters become unknown
    int wordMinCount = 2;               // word vocabulary: rarer words become unknown

    friend bool operator==(const TokenizerOptions&, const TokenizerOptions&) = default;
};

struct Token {
    std::int32_t id;
    std::int32_t byteBegin, byteEnd;    // [begin, end) in the original text, UTF-8 bytes
    std::int32_t utf16Begin, utf16End;  // the same span in UTF-16 code units
};

// A tokenizer that cannot be trained or read. what() says what is wrong and what to do.
class TokenizerError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Tokenizer {
public:
    static constexpr std::int32_t kPadId = 0, kUnknownId = 1;
    // Format of toBytes(): magic "SNTLTOK\0", then this version; fromBytes reads versions <= it.
    static constexpr std::uint32_t kFormatVersion = 1;

    // Trains on raw texts (normalized here). Deterministic: the same texts and options give the
    // same bytes. Throws TokenizerError for bad options or when nothing can be learned.
    static Tokenizer train(const std::vector<std::string>& texts, const TokenizerOptions& options);
    // Throws TokenizerError on bad magic, a newer version, truncation or a checksum mismatch.
    static Tokenizer fromBytes(std::string_view bytes);
    std::string toBytes() const;

    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;
    ~Tokenizer();

    // Clears and fills ids (no padding). Reusing one vector per thread avoids allocation.
    void encodeIds(std::string_view text, std::vector<std::int32_t>& ids) const;
    std::vector<Token> encodeWithOffsets(std::string_view text) const;
    std::string normalize(std::string_view text) const;
    // encodeIds in two halves, for callers that also need the normalised text (the wide branch's
    // n-grams): encodeNormalized(normalizeInto(text)) gives exactly encodeIds(text).
    void normalizeInto(std::string_view text, std::string& normalized) const;
    void encodeNormalized(std::string_view normalized, std::vector<std::int32_t>& ids) const;
    // The piece or word of an id, for display ("▁casa", "<url>"); "<pad>"/"<unk>" for 0 and 1;
    // throws TokenizerError for an id outside [0, vocabularySize()).
    std::string piece(std::int32_t id) const;
    std::int32_t vocabularySize() const;
    const TokenizerOptions& options() const;

    class Vocabulary;  // sentencepiece or word; defined in the .cpp files

private:
    Tokenizer(TokenizerOptions options, std::unique_ptr<const Vocabulary> vocabulary);

    TokenizerOptions options_;
    Normalizer normalizer_;
    std::unique_ptr<const Vocabulary> vocabulary_;
};

}  // namespace sentinela::nlp
