// The shape of the LSTM network (hyperparameters only; the vocabulary size and the label count
// come from the tokenizer and the task). Plain data, freely copyable; JSON conversion lives in
// model/train_config_json.h so that this header stays light.
#pragma once

#include <string_view>

namespace sentinela::model {

// How the per-token LSTM outputs of one post become one vector for the dense layer.
enum class Pooling {
    kLast,       // final state of each direction (forward: last token; backward: first token)
    kMean,       // mean over the post's tokens
    kMax,        // element-wise max over the post's tokens
    kAttention,  // additive attention: softmax over v' tanh(W y_t + b) weights the y_t
};

std::string_view toString(Pooling pooling);
// Throws std::invalid_argument naming the accepted values.
Pooling poolingFromString(std::string_view name);

struct NetworkConfig {
    int embeddingDim = 128;  // E
    int hiddenSize = 128;    // H, per direction
    int layers = 1;          // 1 to 3 stacked LSTM layers
    bool bidirectional = true;
    // Attention: +2.4 validation macro-F1 on tweeteval-offensive, +1.6 on hatebr and +0.6 macro
    // recall on tweeteval-sentiment over max pooling with the base encoder and the wide branch
    // (docs/benchmarks.md, "Attention pooling"), for ~6 % more multiply-adds per token.
    Pooling pooling = Pooling::kAttention;
    int attentionDim = 64;  // A, used by Pooling::kAttention only
    // Inverted dropout, active only while training.
    float embeddingDropout = 0.25f;  // on the token embeddings
    float layerDropout = 0.25f;      // between stacked LSTM layers
    float outputDropout = 0.4f;      // on the pooled vector, before the dense layer
};

}  // namespace sentinela::model
