#include "nlp/tokenizer.h"

#include <algorithm>

#include "nlp/utf8.h"
#include "nlp/vocabulary.h"

namespace sentinela::nlp {
namespace {

std::unique_ptr<const Tokenizer::Vocabulary> trainVocabulary(
        const std::vector<std::string>& normalized, const TokenizerOptions& options) {
    switch (options.kind) {
        case VocabularyKind::kUnigram:
        case VocabularyKind::kBpe:
            return trainSentencePiece(normalized, options);
        case VocabularyKind::kWord:
            return trainWordVocabulary(normalized, options);
    }
    throw TokenizerError("unknown vocabulary kind " +
                         std::to_string(static_cast<int>(options.kind)));
}

// UTF-16 code units before each byte offset of `text` (size + 1 entries). Invalid sequences
// count as one unit: they read as one U+FFFD, as toValidUtf8 makes them.
std::vector<std::int32_t> utf16Offsets(std::string_view text) {
    std::vector<std::int32_t> units(text.size() + 1, 0);
    std::int32_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const int n = utf8::decode(text.data() + i, text.size() - i, c);
        const auto length = static_cast<std::size_t>(n < 0 ? -n : n);
        for (std::size_t k = 0; k < length; ++k) units[i + k] = count;
        count += n > 0 && c >= 0x10000 ? 2 : 1;
        i += length;
    }
    units[text.size()] = count;
    return units;
}

}  // namespace

Tokenizer::Tokenizer(TokenizerOptions options, std::unique_ptr<const Vocabulary> vocabulary)
    : options_(options), normalizer_(options.normalizer), vocabulary_(std::move(vocabulary)) {}

Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::train(const std::vector<std::string>& texts, const TokenizerOptions& options) {
    if (options.normalizer.maxCharRepeat < 0) {
        throw TokenizerError("maxCharRepeat must be 0 (no cap) or more, not " +
                             std::to_string(options.normalizer.maxCharRepeat));
    }
    const Normalizer normalizer(options.normalizer);
    std::vector<std::string> normalized;
    normalized.reserve(texts.size());
    for (const auto& text : texts) {
        normalized.push_back(normalizer.apply(text));
    }
    auto vocabulary = trainVocabulary(normalized, options);
    TokenizerOptions actual = options;
    actual.vocabularySize = vocabulary->size();  // a small corpus may give fewer
    return Tokenizer(actual, std::move(vocabulary));
}

void Tokenizer::encodeIds(std::string_view text, std::vector<std::int32_t>& ids) const {
    thread_local std::string normalized;
    normalizer_.applyInto(text, normalized);
    vocabulary_->encode(normalized, ids);
}

void Tokenizer::normalizeInto(std::string_view text, std::string& normalized) const {
    normalizer_.applyInto(text, normalized);
}

void Tokenizer::encodeNormalized(std::string_view normalized,
                                 std::vector<std::int32_t>& ids) const {
    vocabulary_->encode(normalized, ids);
}

std::vector<Token> Tokenizer::encodeWithOffsets(std::string_view text) const {
    const NormalizedText normalized = normalizer_.applyWithOffsets(text);
    std::vector<PieceSpan> pieces;
    vocabulary_->encodeWithSpans(normalized.text, pieces);
    const auto units = utf16Offsets(text);
    const auto& source = normalized.source;
    const auto textEnd = static_cast<std::uint32_t>(text.size());
    std::vector<Token> tokens;
    tokens.reserve(pieces.size());
    for (const auto& piece : pieces) {
        // sentencepiece's "▁" covers the separating space; highlight only the word itself.
        std::uint32_t b = std::min<std::uint32_t>(piece.begin, normalized.text.size());
        const std::uint32_t e = std::min<std::uint32_t>(piece.end, normalized.text.size());
        while (b < e && normalized.text[b] == ' ') ++b;
        ByteSpan span{b < source.size() ? source[b].begin : textEnd, 0};
        span.end = span.begin;
        for (std::uint32_t k = b; k < e; ++k) {  // repairs and cut repeats need min/max
            span.begin = std::min(span.begin, source[k].begin);
            span.end = std::max(span.end, source[k].end);
        }
        tokens.push_back({piece.id, static_cast<std::int32_t>(span.begin),
                          static_cast<std::int32_t>(span.end), units[span.begin], units[span.end]});
    }
    return tokens;
}

std::string Tokenizer::normalize(std::string_view text) const {
    return normalizer_.apply(text);
}

std::string Tokenizer::piece(std::int32_t id) const {
    if (id < 0 || id >= vocabulary_->size()) {
        throw TokenizerError("token id " + std::to_string(id) + " is outside the vocabulary [0, " +
                             std::to_string(vocabulary_->size()) + ")");
    }
    return vocabulary_->piece(id);
}

std::int32_t Tokenizer::vocabularySize() const {
    return vocabulary_->size();
}

const TokenizerOptions& Tokenizer::options() const {
    return options_;
}

}  // namespace sentinela::nlp
