// A sentencepiece (unigram or BPE) vocabulary: the model (trained by sentencepiece_training.cpp),
// the word cache, and our own unigram segmenter for the words the cache misses.
#include <algorithm>
#include <optional>
#include <sentencepiece_processor.h>
#include <string>
#include <unordered_map>

#include "nlp/sentencepiece_model_proto.h"
#include "nlp/unigram_segmenter.h"
#include "nlp/vocabulary.h"
#include "nlp/word_cache.h"

namespace sentinela::nlp {
namespace {

// The encoding cache keeps the training words seen at least this often, at most this many.
constexpr std::uint32_t kMinCachedWordCount = 3;
constexpr std::size_t kMaxCachedWords = 30000;
constexpr std::size_t kMaxCachedWordBytes = 64;
constexpr std::string_view kWordMark = "\xE2\x96\x81";  // "▁", sentencepiece's space

// Payload: u64 model size, the sentencepiece model proto, u32 word count, then each frequent
// training word as u32 size + bytes (the encoding cache, rebuilt at load).
void appendU32(std::string& out, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((value >> (8 * k)) & 0xFF));
}

std::uint64_t readLittleEndian(std::string_view& data, int bytes) {
    std::uint64_t value = 0;
    for (int k = 0; k < bytes; ++k) {
        value |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[k])) << (8 * k);
    }
    data.remove_prefix(static_cast<std::size_t>(bytes));
    return value;
}

// Segmentation is defined word by word: a text's ids are the ids of sentencepiece's best
// segmentation of each space-separated word on its own. Pieces never cross a space (only their
// first character may be "▁"), so this is the whole-text optimum up to ties, and ties (as in
// "!!!" = "!" "!!" = "!!" "!") then break the same way wherever the word appears. That makes a
// word's ids cacheable: frequent words are encoded once, at load.
class SentencePieceVocabulary final : public Tokenizer::Vocabulary {
public:
    SentencePieceVocabulary(std::string_view model, std::vector<std::string> frequentWords)
        : frequentWords_(std::move(frequentWords)) {
        const auto status = processor_.LoadFromSerializedProto(model);
        if (!status.ok()) {
            throw TokenizerError("the tokenizer's sentencepiece model cannot be read (" +
                                 status.ToString() +
                                 "); the tokenizer or model file is damaged: train it again");
        }
        checkReservedIds();
        model_.assign(model);
        makeSegmenter();
        buildCache();
    }

    void encode(std::string_view normalized, std::vector<std::int32_t>& ids) const override {
        ids.clear();
        thread_local std::vector<int> wordIds;
        forEachWord(normalized, [&](std::string_view word, std::uint32_t) {
            std::span<const std::int32_t> cached;
            if (cache_.find(word, cached)) {
                ids.insert(ids.end(), cached.begin(), cached.end());
                return;
            }
            if (segmenter_) {
                segmenter_->appendWordIds(word, ids);
                return;
            }
            wordIds.clear();
            if (processor_.Encode(word, &wordIds).ok()) {
                ids.insert(ids.end(), wordIds.begin(), wordIds.end());
            }
        });
    }

    void encodeWithSpans(std::string_view normalized,
                         std::vector<PieceSpan>& pieces) const override {
        pieces.clear();
        forEachWord(normalized, [&](std::string_view word, std::uint32_t offset) {
            const auto proto = processor_.EncodeAsImmutableProto(word);
            for (std::size_t i = 0; i < proto.pieces_size(); ++i) {
                const auto piece = proto.pieces(static_cast<int>(i));
                pieces.push_back({static_cast<std::int32_t>(piece.id()), offset + piece.begin(),
                                  offset + piece.end()});
            }
        });
    }

    std::string piece(std::int32_t id) const override { return processor_.IdToPiece(id); }
    std::int32_t size() const override { return processor_.GetPieceSize(); }

    std::string serialize() const override {
        std::string out;
        const std::uint64_t size = model_.size();
        for (int k = 0; k < 8; ++k) out.push_back(static_cast<char>((size >> (8 * k)) & 0xFF));
        out += model_;
        appendU32(out, static_cast<std::uint32_t>(frequentWords_.size()));
        for (const auto& word : frequentWords_) {
            appendU32(out, static_cast<std::uint32_t>(word.size()));
            out += word;
        }
        return out;
    }

private:
    template <typename Visit>
    static void forEachWord(std::string_view text, Visit&& visit) {
        for (std::size_t i = 0; i < text.size();) {
            const std::size_t end = std::min(text.find(' ', i), text.size());
            if (end > i)
                visit(text.substr(i, end - i), static_cast<std::uint32_t>(i));
            i = end + 1;
        }
    }

    void checkReservedIds() const {
        bool ok = processor_.GetPieceSize() > kFirstPlaceholderId + 3 &&
                  processor_.pad_id() == Tokenizer::kPadId &&
                  processor_.unk_id() == Tokenizer::kUnknownId;
        for (std::int32_t k = 0; ok && k < 4; ++k) {
            ok = processor_.IdToPiece(kFirstPlaceholderId + k) == kPlaceholders[k];
        }
        if (!ok) {
            throw TokenizerError(
                    "the sentencepiece model does not reserve ids 0-5 for <pad>, <unk> and the "
                    "placeholders; it was not made by Sentinela: train the tokenizer again");
        }
    }

    // Our own segmenter replaces sentencepiece's Encode for uncached words when the model is
    // one it reproduces: a unigram model whose normalizer only turns spaces into "▁" and adds
    // one in front (what trainSentencePiece writes). BPE models keep sentencepiece.
    void makeSegmenter() {
        const auto parsed = readSentencePieceModel(model_);
        if (!parsed || !parsed->unigram || parsed->byteFallback || parsed->hasCharacterMap ||
            !parsed->addDummyPrefix || !parsed->escapeWhitespaces ||
            parsed->treatWhitespaceAsSuffix ||
            static_cast<int>(parsed->pieces.size()) != processor_.GetPieceSize() ||
            !UnigramSegmenter::canHold(parsed->pieces)) {
            return;
        }
        segmenter_.emplace(parsed->pieces, processor_.unk_id());
    }

    // Caches the placeholders, every word that is itself a piece ("▁casa" -> "casa") and the
    // frequent training words. Each is encoded by sentencepiece, and by our segmenter too: if
    // the two ever disagree, the segmenter is dropped and sentencepiece encodes every miss.
    void buildCache() {
        std::vector<int> wordIds;
        std::vector<std::int32_t> ourIds;
        auto add = [&](std::string_view word) {
            wordIds.clear();
            if (word.empty() || word.find(' ') != std::string_view::npos || cache_.contains(word) ||
                !processor_.Encode(word, &wordIds).ok()) {
                return;
            }
            if (segmenter_) {
                ourIds.clear();
                segmenter_->appendWordIds(word, ourIds);
                if (!std::equal(ourIds.begin(), ourIds.end(), wordIds.begin(), wordIds.end()))
                    segmenter_.reset();
            }
            cache_.insert(word, std::span<const int>(wordIds));
        };
        for (const auto placeholder : kPlaceholders) add(placeholder);
        for (int id = 0; id < processor_.GetPieceSize(); ++id) {
            const std::string& piece = processor_.IdToPiece(id);
            if (piece.starts_with(kWordMark) && !processor_.IsControl(id) &&
                !processor_.IsUnknown(id)) {
                add(std::string_view(piece).substr(kWordMark.size()));
            }
        }
        for (const auto& word : frequentWords_) add(word);
    }

    sentencepiece::SentencePieceProcessor processor_;
    std::string model_;
    std::vector<std::string> frequentWords_;
    WordCache cache_;                            // immutable after construction
    std::optional<UnigramSegmenter> segmenter_;  // unigram models; immutable after construction
};

// The most frequent space-separated words of the training texts (ties in byte order).
std::vector<std::string> frequentWords(const std::vector<std::string>& normalized) {
    std::unordered_map<std::string_view, std::uint32_t> counts;
    for (const auto& text : normalized) {
        std::string_view rest = text;
        while (!rest.empty()) {
            const std::size_t end = std::min(rest.find(' '), rest.size());
            if (end > 0)
                ++counts[rest.substr(0, end)];
            rest.remove_prefix(std::min(end + 1, rest.size()));
        }
    }
    std::vector<std::pair<std::string_view, std::uint32_t>> ranked;
    for (const auto& [word, count] : counts) {
        if (count >= kMinCachedWordCount && word.size() <= kMaxCachedWordBytes) {
            ranked.emplace_back(word, count);
        }
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::vector<std::string> words;
    for (std::size_t k = 0; k < ranked.size() && k < kMaxCachedWords; ++k) {
        words.emplace_back(ranked[k].first);
    }
    return words;
}

}  // namespace

std::unique_ptr<const Tokenizer::Vocabulary> trainSentencePiece(
        const std::vector<std::string>& normalized, const TokenizerOptions& options) {
    return std::make_unique<SentencePieceVocabulary>(trainSentencePieceModel(normalized, options),
                                                     frequentWords(normalized));
}

std::unique_ptr<const Tokenizer::Vocabulary> loadSentencePiece(std::string_view data) {
    const char* damaged = "the tokenizer's subword data is truncated or damaged: train it again";
    if (data.size() < 8)
        throw TokenizerError(damaged);
    const std::uint64_t modelSize = readLittleEndian(data, 8);
    if (modelSize > data.size() || data.size() - modelSize < 4)
        throw TokenizerError(damaged);
    const std::string_view model = data.substr(0, modelSize);
    data.remove_prefix(modelSize);
    const auto count = static_cast<std::uint32_t>(readLittleEndian(data, 4));
    if (count > data.size() / 4)
        throw TokenizerError(damaged);
    std::vector<std::string> words;
    words.reserve(count);
    for (std::uint32_t k = 0; k < count; ++k) {
        if (data.size() < 4)
            throw TokenizerError(damaged);
        const auto size = static_cast<std::size_t>(readLittleEndian(data, 4));
        if (size > data.size())
            throw TokenizerError(damaged);
        words.emplace_back(data.substr(0, size));
        data.remove_prefix(size);
    }
    if (!data.empty())
        throw TokenizerError(damaged);
    return std::make_unique<SentencePieceVocabulary>(model, std::move(words));
}

}  // namespace sentinela::nlp
