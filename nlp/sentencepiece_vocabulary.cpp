// A sentencepiece (unigram or BPE) vocabulary, trained in memory: sentences come from a
// SentenceIterator and the model comes back as a serialized proto, so no file is written.
#include <algorithm>
#include <mutex>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <string>
#include <unordered_map>

#include "nlp/vocabulary.h"

namespace sentencepiece::logging {
// Exported by libsentencepiece 0.1.97 but not declared in its public headers.
void SetMinLogLevel(int level);
}  // namespace sentencepiece::logging

namespace sentinela::nlp {
namespace {

// sentencepiece skips training sentences longer than max_sentence_length; longer posts are cut
// into pieces of at most this many bytes at spaces, so they still count.
constexpr std::size_t kMaxSentenceBytes = 4096;
// More sentences than this add little to a vocabulary of a few thousand pieces but cost time
// and memory; a fixed stride keeps the choice deterministic.
constexpr std::size_t kMaxTrainingSentences = 300000;
// A fixed thread count (not the machine's) keeps training deterministic across machines:
// sentencepiece splits the EM work by thread and sums the parts in thread order.
constexpr int kTrainingThreads = 4;
constexpr std::string_view kWordMark = "\xE2\x96\x81";  // "▁", sentencepiece's space

class Sentences : public sentencepiece::SentenceIterator {
public:
    explicit Sentences(const std::vector<std::string>& texts) {
        const std::size_t stride = texts.size() / kMaxTrainingSentences + 1;
        for (std::size_t i = 0; i < texts.size(); i += stride) {
            std::string_view text = texts[i];
            while (text.size() > kMaxSentenceBytes) {
                std::size_t cut = text.rfind(' ', kMaxSentenceBytes);
                if (cut == std::string_view::npos || cut == 0) {
                    cut = kMaxSentenceBytes;
                    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
                }
                add(text.substr(0, cut));
                text.remove_prefix(cut);
            }
            add(text);
        }
    }
    bool done() const override { return index_ >= sentences_.size(); }
    void Next() override { ++index_; }
    const std::string& value() const override { return sentences_[index_]; }
    sentencepiece::util::Status status() const override { return {}; }
    bool empty() const { return sentences_.empty(); }

private:
    void add(std::string_view text) {
        while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
        if (!text.empty())
            sentences_.emplace_back(text);
    }
    std::vector<std::string> sentences_;
    std::size_t index_ = 0;
};

class SentencePieceVocabulary final : public Tokenizer::Vocabulary {
public:
    explicit SentencePieceVocabulary(std::string_view serialized) {
        const auto status = processor_.LoadFromSerializedProto(serialized);
        if (!status.ok()) {
            throw TokenizerError("the tokenizer's sentencepiece model cannot be read (" +
                                 status.ToString() +
                                 "); the tokenizer or model file is damaged: train it again");
        }
        checkReservedIds();
        serialized_.assign(serialized);
        cacheWholeWordPieces();
    }

    // Pieces never cross a space (they may only start with "▁"), so the best segmentation of a
    // text is the best segmentation of each word. Words are looked up in the cache; the others
    // go through sentencepiece in ONE call per text, and its ids are split back into words at
    // the pieces that start with "▁" (each word starts with exactly one). tests/nlp pins that
    // this gives the same ids as encoding the whole text.
    void encode(std::string_view normalized, std::vector<std::int32_t>& ids) const override {
        ids.clear();
        struct Word {
            std::size_t offset, count;  // cachedIds_ range, or count == 0: not cached
        };
        thread_local std::vector<Word> words;
        thread_local std::string missing;
        thread_local std::vector<int> missingIds;
        words.clear();
        missing.clear();
        std::size_t missingWords = 0;
        for (std::size_t i = 0; i < normalized.size();) {
            const std::size_t end = std::min(normalized.find(' ', i), normalized.size());
            const std::string_view word = normalized.substr(i, end - i);
            i = end + 1;
            if (word.empty())
                continue;
            if (const auto it = cache_.find(word); it != cache_.end()) {
                words.push_back({it->second.first, it->second.second});
                continue;
            }
            if (word.find(kWordMark) != std::string_view::npos) {  // a literal "▁" in the post
                words.clear();
                encodeDirectly(normalized, ids);
                return;
            }
            words.push_back({0, 0});
            if (!missing.empty())
                missing.push_back(' ');
            missing.append(word);
            ++missingWords;
        }
        missingIds.clear();
        if (missingWords > 0) {
            std::size_t starts = 0;
            if (processor_.Encode(missing, &missingIds).ok()) {
                for (const int id : missingIds) starts += startsWord_[static_cast<std::size_t>(id)];
            }
            if (starts != missingWords || !startsWord_[static_cast<std::size_t>(missingIds[0])]) {
                encodeDirectly(normalized, ids);  // cannot happen with our models; stay correct
                return;
            }
        }
        std::size_t next = 0;  // into missingIds
        for (const Word& word : words) {
            if (word.count > 0) {
                ids.insert(
                        ids.end(), cachedIds_.begin() + static_cast<std::ptrdiff_t>(word.offset),
                        cachedIds_.begin() + static_cast<std::ptrdiff_t>(word.offset + word.count));
                continue;
            }
            do {
                ids.push_back(missingIds[next++]);
            } while (next < missingIds.size() &&
                     !startsWord_[static_cast<std::size_t>(missingIds[next])]);
        }
    }

    void encodeDirectly(std::string_view normalized, std::vector<std::int32_t>& ids) const {
        ids.clear();
        if (!processor_.Encode(normalized, &ids).ok())
            ids.clear();
    }

    void encodeWithSpans(std::string_view normalized,
                         std::vector<PieceSpan>& pieces) const override {
        pieces.clear();
        const auto proto = processor_.EncodeAsImmutableProto(normalized);
        pieces.reserve(proto.pieces_size());
        for (std::size_t i = 0; i < proto.pieces_size(); ++i) {
            const auto piece = proto.pieces(static_cast<int>(i));
            pieces.push_back({static_cast<std::int32_t>(piece.id()), piece.begin(), piece.end()});
        }
    }

    std::string piece(std::int32_t id) const override { return processor_.IdToPiece(id); }
    std::int32_t size() const override { return processor_.GetPieceSize(); }
    std::string serialize() const override { return serialized_; }

private:
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

    // Encodes every word that is itself a piece ("▁casa" -> "casa"), and the placeholders, once.
    void cacheWholeWordPieces() {
        startsWord_.resize(static_cast<std::size_t>(processor_.GetPieceSize()));
        for (int id = 0; id < processor_.GetPieceSize(); ++id) {
            startsWord_[static_cast<std::size_t>(id)] =
                    processor_.IdToPiece(id).starts_with(kWordMark);
        }
        std::vector<int> wordIds;
        auto add = [&](std::string_view word) {
            wordIds.clear();
            if (word.empty() || cache_.contains(word) || !processor_.Encode(word, &wordIds).ok()) {
                return;
            }
            cache_.emplace(std::string(word), std::pair{cachedIds_.size(), wordIds.size()});
            cachedIds_.insert(cachedIds_.end(), wordIds.begin(), wordIds.end());
        };
        for (const auto placeholder : kPlaceholders) add(placeholder);
        for (int id = 0; id < processor_.GetPieceSize(); ++id) {
            const std::string& piece = processor_.IdToPiece(id);
            if (piece.starts_with(kWordMark) && !processor_.IsControl(id) &&
                !processor_.IsUnknown(id)) {
                add(std::string_view(piece).substr(kWordMark.size()));
            }
        }
    }

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    sentencepiece::SentencePieceProcessor processor_;
    std::string serialized_;
    // word -> (offset, count) in cachedIds_; immutable after construction.
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>, Hash, std::equal_to<>>
            cache_;
    std::vector<std::int32_t> cachedIds_;
    std::vector<bool> startsWord_;  // by id: the piece starts with "▁"
};

std::string joinPlaceholders() {
    std::string joined;
    for (const auto placeholder : kPlaceholders) {
        if (!joined.empty())
            joined += ',';
        joined += placeholder;
    }
    return joined;
}

std::string runTrainer(const std::unordered_map<std::string, std::string>& args,
                       Sentences& sentences,
                       sentencepiece::util::Status& status) {
    // The trainer's seed and log level are process-wide: one training at a time.
    static std::mutex trainerMutex;
    const std::lock_guard lock(trainerMutex);
    sentencepiece::logging::SetMinLogLevel(3);  // libraries do not print; errors come back
    sentencepiece::SetRandomGeneratorSeed(20240301);
    std::string model;
    status = sentencepiece::SentencePieceTrainer::Train(args, &sentences, &model);
    return model;
}

}  // namespace

std::unique_ptr<const Tokenizer::Vocabulary> trainSentencePiece(
        const std::vector<std::string>& normalized, const TokenizerOptions& options) {
    if (options.vocabularySize < 16) {
        throw TokenizerError("vocabularySize " + std::to_string(options.vocabularySize) +
                             " is too small for a subword vocabulary: use 1000 or more");
    }
    if (!(options.characterCoverage > 0.9 && options.characterCoverage <= 1.0)) {
        throw TokenizerError("characterCoverage " + std::to_string(options.characterCoverage) +
                             " is outside (0.9, 1]: use 0.9995 for Latin scripts, 1.0 for few");
    }
    std::unordered_map<std::string, std::string> args = {
            {"model_type", options.kind == VocabularyKind::kBpe ? "bpe" : "unigram"},
            {"vocab_size", std::to_string(options.vocabularySize)},
            {"character_coverage", std::to_string(options.characterCoverage)},
            {"pad_id", "0"},
            {"unk_id", "1"},
            {"bos_id", "-1"},
            {"eos_id", "-1"},
            {"pad_piece", std::string(kPadPiece)},
            {"unk_piece", std::string(kUnknownPiece)},
            {"user_defined_symbols", joinPlaceholders()},
            // Our normalizer already ran; sentencepiece's own (NFKC) would break our offsets.
            {"normalization_rule_name", "identity"},
            {"remove_extra_whitespaces", "false"},
            {"add_dummy_prefix", "true"},
            {"input_sentence_size", "0"},
            {"shuffle_input_sentence", "false"},
            {"max_sentence_length", std::to_string(kMaxSentenceBytes + 16)},
            {"num_threads", std::to_string(kTrainingThreads)},
            {"hard_vocab_limit", "false"},
    };
    while (true) {
        Sentences sentences(normalized);
        if (sentences.empty()) {
            throw TokenizerError(
                    "no text to train the tokenizer on: every training post is empty after "
                    "normalization; import posts with text first");
        }
        sentencepiece::util::Status status;
        const std::string model = runTrainer(args, sentences, status);
        if (status.ok()) {
            return std::make_unique<SentencePieceVocabulary>(model);
        }
        // BPE on a small corpus: "Vocabulary size is too large ... Please set it to a value
        // <= N": retry once with N rather than fail.
        const std::string message = status.ToString();
        const auto at = message.find("<= ");
        const int limit = at == std::string::npos ? 0 : std::atoi(message.c_str() + at + 3);
        if (limit <= 8 || std::to_string(limit) == args["vocab_size"]) {
            throw TokenizerError("sentencepiece could not train the tokenizer: " + message);
        }
        args["vocab_size"] = std::to_string(limit);
    }
}

std::unique_ptr<const Tokenizer::Vocabulary> loadSentencePiece(std::string_view serialized) {
    return std::make_unique<SentencePieceVocabulary>(serialized);
}

}  // namespace sentinela::nlp
