// Trains a sentencepiece (unigram or BPE) model in memory: sentences come from a
// SentenceIterator and the model comes back as a serialized proto, so no file is written.
// Deterministic (fixed seed and thread count); one training at a time (the trainer's seed and
// log level are process-wide), other threads wait.
#include <cstdlib>
#include <mutex>
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

std::string trainSentencePieceModel(const std::vector<std::string>& normalized,
                                    const TokenizerOptions& options) {
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
            return model;
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

}  // namespace sentinela::nlp
