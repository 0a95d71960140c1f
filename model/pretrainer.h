// Language-model pretraining of an encoder on unlabeled posts (`sentinela pretrain`): the
// embedding and (Bi)LSTM layers of a classifier learn to predict each post's next token (forward
// direction) and previous token (backward direction), ULMFiT/ELMo style, with a sampled softmax
// (model/lm_head.h). A classifier fine-tuned from the result (`sentinela train --encoder`) starts
// from what half a million posts taught it instead of from random weights.
//
// Long runs: progress with tokens/s and ETA, a stop token that keeps a resumable checkpoint, and
// resume from that checkpoint. Deterministic for a fixed seed, thread count and corpus.
// Thread-safety: pretrain() is reentrant; callbacks run on the calling thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "model/encoder.h"
#include "model/network_config.h"
#include "nlp/tokenizer.h"

namespace sentinela::model {

struct PretrainConfig {
    nlp::TokenizerOptions tokenizer = defaultTokenizer();
    NetworkConfig network = defaultNetwork();
    int maxTokens = 128;           // longer posts keep their first maxTokens tokens
    int tokenizerPosts = 200'000;  // posts (evenly spread over the corpus) that train the tokenizer
    int batchSize = 64;            // posts per step
    float learningRate = 2e-3f;    // AdamW peak; linear warm-up, linear decay to 10 %
    float warmupFraction = 0.01f;
    float weightDecay = 0.0f;
    float gradientClipNorm = 1.0f;
    float hiddenDropout = 0.1f;       // on the states that predict (the LSTM outputs)
    int sampledDraws = 1024;          // candidates drawn per step for the sampled softmax
    double epochs = 1.0;              // passes over the corpus
    double maxMinutes = 0.0;          // > 0: stop (and keep the encoder) after this long
    int heldOutPosts = 2000;          // posts kept out for the perplexity
    double checkpointMinutes = 10.0;  // a resumable checkpoint this often (and when stopped)
    std::uint64_t seed = 42;
    int threads = 2;  // 0 = all hardware threads

    static nlp::TokenizerOptions defaultTokenizer();
    static NetworkConfig defaultNetwork();
};

nlohmann::json toJson(const PretrainConfig& config);
// Missing fields keep their defaults; unknown fields and out-of-range values throw
// TrainConfigError (model/trainer.h) naming the field.
PretrainConfig pretrainConfigFromJson(const nlohmann::json& json);

struct PretrainProgress {
    std::int64_t step = 0, steps = 0;
    std::int64_t tokensSeen = 0;
    double loss = 0.0;  // sampled-softmax loss, running mean over the last progress interval
    double tokensPerSecond = 0.0;
    double elapsedSeconds = 0.0;
    double etaSeconds = 0.0;
    double epoch = 0.0;
};

struct PretrainCallbacks {
    std::function<void(const std::string&)> onStage;
    std::function<void(const PretrainProgress&)> onProgress;  // about every 2 seconds
    std::function<void(const std::filesystem::path&)> onCheckpoint;
    std::function<void(std::int64_t step)> onStep;  // after every step (0-based), e.g. for tests
};

struct PretrainRun {
    PretrainConfig config;
    std::vector<std::string> texts;  // the corpus
    std::vector<CorpusInput> inputs;
    const Encoder* from = nullptr;     // continue this encoder (its tokenizer and weights)
    std::filesystem::path checkpoint;  // where checkpoints go ("" = none)
    bool resume = false;               // start from `checkpoint`
};

// Thrown for bad input: no usable posts, a checkpoint of another corpus or configuration.
class PretrainError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Trains and returns the encoder (the caller saves it). When `stop` fires, a checkpoint is
// written (if run.checkpoint is set) and the encoder as trained so far is returned with
// metadata().epochs < config.epochs.
Encoder pretrain(const PretrainRun& run,
                 std::stop_token stop = {},
                 const PretrainCallbacks& callbacks = {});

}  // namespace sentinela::model
