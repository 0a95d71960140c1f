// Internal: what a Tokenizer needs from its vocabulary, and the two kinds (sentencepiece model,
// word list). Implementations are immutable after construction: const methods are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/tokenizer.h"

namespace sentinela::nlp {

// A token in normalized text: its id and its bytes [begin, end) of that text.
struct PieceSpan {
    std::int32_t id;
    std::uint32_t begin, end;
};

// Ids 0..5 of every vocabulary, in this order.
inline constexpr std::string_view kPadPiece = "<pad>";
inline constexpr std::string_view kUnknownPiece = "<unk>";
inline constexpr std::int32_t kFirstPlaceholderId = 2;
inline constexpr std::string_view kPlaceholders[] = {kUrlToken, kMentionToken, kEmailToken,
                                                     kNumberToken};

class Tokenizer::Vocabulary {
public:
    virtual ~Vocabulary() = default;
    virtual void encode(std::string_view normalized, std::vector<std::int32_t>& ids) const = 0;
    virtual void encodeWithSpans(std::string_view normalized,
                                 std::vector<PieceSpan>& pieces) const = 0;
    virtual std::string piece(std::int32_t id) const = 0;
    virtual std::int32_t size() const = 0;
    virtual std::string serialize() const = 0;
};

// `normalized`: normalized training texts. Throw TokenizerError.
// The serialized sentencepiece ModelProto that trainSentencePiece builds its vocabulary on.
std::string trainSentencePieceModel(const std::vector<std::string>& normalized,
                                    const TokenizerOptions& options);
std::unique_ptr<const Tokenizer::Vocabulary> trainSentencePiece(
        const std::vector<std::string>& normalized, const TokenizerOptions& options);
std::unique_ptr<const Tokenizer::Vocabulary> loadSentencePiece(std::string_view serialized);
std::unique_ptr<const Tokenizer::Vocabulary> trainWordVocabulary(
        const std::vector<std::string>& normalized, const TokenizerOptions& options);
std::unique_ptr<const Tokenizer::Vocabulary> loadWordVocabulary(std::string_view serialized);

// Word-level split of normalized text: placeholders and emoji whole, runs of word characters,
// runs of other characters ("!!!", "?!"). Appends each word's bytes [begin, end) to `words`.
void splitWords(std::string_view normalized, std::vector<ByteSpan>& words);

}  // namespace sentinela::nlp
