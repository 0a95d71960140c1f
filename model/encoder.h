// A pretrained encoder: the tokenizer, the token embeddings and the (Bi)LSTM layers of a
// classifier, trained as a language model on unlabeled posts (`sentinela pretrain`), plus the
// language model's output layer so that pretraining can continue on other posts. `sentinela train
// --encoder FILE` starts a classifier from it.
//
// The encoder file uses the model file's container (model/model_file.h: magic, version, CRC-32,
// named tensors) with configuration kind "sentinela-lstm-encoder"; loading a classifier as an
// encoder, or the reverse, fails with a message that says which file is which.
//
// Thread-safety: immutable after load(); const methods are safe from many threads.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/network_config.h"

namespace sentinela::nlp {
class Tokenizer;
}

namespace sentinela::model {

// One input of the pretraining corpus, as recorded in the encoder.
struct CorpusInput {
    std::string name;  // file name (no folders: encoders are shared between machines)
    std::int64_t bytes = 0;
    std::string sha256;  // of the file's bytes, hex
    std::int64_t posts = 0;
};

struct EncoderMetadata {
    std::string createdAt;  // ISO 8601 UTC
    std::vector<CorpusInput> inputs;
    std::int64_t corpusPosts = 0;  // posts used (after dropping those with < 2 tokens)
    std::int64_t corpusTokens = 0;
    std::int64_t tokensSeen = 0;  // tokens trained on, over all epochs and resumed runs
    double epochs = 0.0;          // passes over the corpus (fractional when stopped mid-way)
    std::int64_t heldOutPosts = 0;
    double forwardPerplexity = 0.0;   // exact full softmax on the held-out posts
    double backwardPerplexity = 0.0;  // 0 for a unidirectional encoder
    double trainSeconds = 0.0;
    double tokensPerSecond = 0.0;
    std::string continuedFrom;  // name of the encoder this one continued, if any
    std::string configJson;     // the PretrainConfig, as JSON text
};

class Encoder {
public:
    struct Impl;  // model/encoder_impl.h
    explicit Encoder(std::unique_ptr<Impl> impl);
    Encoder(Encoder&&) noexcept;
    Encoder& operator=(Encoder&&) noexcept;
    ~Encoder();

    // Throws ModelFileError (unreadable, corrupted, newer format) or ClassifierError (a file that
    // is not an encoder, or whose tensors do not match its configuration).
    static Encoder load(const std::filesystem::path& file);
    void save(const std::filesystem::path& file) const;  // throws ModelFileError

    const nlp::Tokenizer& tokenizer() const;
    const NetworkConfig& network() const;  // embedding and LSTM shape (pooling and dense unused)
    int maxTokens() const;
    const EncoderMetadata& metadata() const;
    // "<name>" as saved (the file's stem), then its content fingerprint: "base-en-pt@1a2b3c4d".
    const std::string& name() const;

    const Impl& impl() const { return *impl_; }
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// "Is this file an encoder?" without loading its tensors' meaning; false for classifiers.
bool isEncoderFile(const std::filesystem::path& file);

}  // namespace sentinela::model
