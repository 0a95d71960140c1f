// Internal: the whole classifier network on token ids, forward and backward:
//   embedding -> (dropout) -> LSTM layers (uni- or bidirectional, dropout between layers)
//   -> pooling -> (dropout) -> dense -> logits.
// Layout: model/tensor_layout.h. The weights are read-only during forward/backward, so many
// workers can share one Network, each with its own NetworkWorkspace. Instantiated for float
// (production) and double (gradient checks).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/lstm_direction.h"
#include "model/lstm_inference.h"
#include "model/network_config.h"
#include "model/packed_batch.h"
#include "model/pooling.h"
#include "model/random.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

struct NetworkShape {
    NetworkConfig config;
    int vocabularySize = 0;
    int labels = 0;
    bool multiLabel = false;

    int directions() const { return config.bidirectional ? 2 : 1; }
    int outputDim() const { return config.hiddenSize * directions(); }  // D
    int layerInputDim(int layer) const { return layer == 0 ? config.embeddingDim : outputDim(); }
};

template <typename Scalar>
struct NetworkParams {
    Matrix<Scalar> embedding;               // E x V
    std::vector<LstmWeights<Scalar>> lstm;  // [layer * directions + direction]
    AttentionWeights<Scalar> attention;     // empty unless Pooling::kAttention
    Matrix<Scalar> denseW;                  // L x D
    Matrix<Scalar> denseBias;               // L x 1

    static NetworkParams zeros(const NetworkShape& shape);
    // f(name, tensor, decays): every tensor once, in a fixed order; decays is false for biases
    // (AdamW's weight decay skips them).
    template <typename F>
    void forEach(const NetworkShape& shape, F&& f);
    void setZero();
    void add(const NetworkParams& other);
};

template <typename Scalar>
struct NetworkWorkspace {
    std::vector<Scratch<Scalar>> input;          // per layer: In x N (after dropout)
    std::vector<Scratch<Scalar>> inputMask;      // per layer: dropout mask, In x N
    std::vector<Scratch<Scalar>> reversedInput;  // per layer: In x N, backward direction's order
    std::vector<Scratch<Scalar>> output;         // per layer: D x N
    std::vector<LstmCache<Scalar>> lstm;         // [layer * directions + direction]
    PoolingCache<Scalar> pooling;
    Scratch<Scalar> pooledDropped;      // D x B
    Scratch<Scalar> pooledMask;         // D x B
    Scratch<Scalar> logits;             // L x B, posts in the batch's sorted order
    Scratch<Scalar> logitGrad;          // L x B
    Scratch<Scalar> pooledGrad;         // D x B
    Scratch<Scalar> outputGrad[2];      // D x N, alternating between layers
    Scratch<Scalar> reversedGrad;       // H x N
    Scratch<Scalar> reversedInputGrad;  // In x N
    LstmInferenceScratch inference;     // float inference passes (model/lstm_inference.h)
    bool training = false;
};

template <typename Scalar>
class Network {
public:
    explicit Network(NetworkShape shape);
    void initialize(std::uint64_t seed);

    const NetworkShape& shape() const { return shape_; }
    NetworkParams<Scalar>& params() { return params_; }
    const NetworkParams<Scalar>& params() const { return params_; }

    // Logits (L x B, the batch's sorted order) into workspace.logits. With a dropout stream the
    // pass is a training pass (dropout on, caches kept for backward); without, inference.
    void forward(const PackedBatch& batch,
                 NetworkWorkspace<Scalar>& workspace,
                 Random* dropout) const;
    // From workspace.logitGrad (dL/dlogits, L x B sorted order), accumulates into gradients.
    void backward(const PackedBatch& batch,
                  NetworkWorkspace<Scalar>& workspace,
                  NetworkParams<Scalar>& gradients) const;

    // The encoder part alone (embedding and LSTM layers), as language-model pretraining uses it:
    // encode() leaves the top layer's outputs (D x N, packed columns; rows [forward; backward])
    // in workspace.output[layers - 1]; backwardEncoder() takes dL/d(those outputs) from
    // workspace.outputGrad[0].view(D, N) and accumulates the embedding and LSTM gradients.
    void encode(const PackedBatch& batch,
                NetworkWorkspace<Scalar>& workspace,
                Random* dropout) const;
    void backwardEncoder(const PackedBatch& batch,
                         NetworkWorkspace<Scalar>& workspace,
                         NetworkParams<Scalar>& gradients) const;

private:
    void prepare(NetworkWorkspace<Scalar>& workspace) const;
    void runLayer(int layer, const PackedBatch& batch, NetworkWorkspace<Scalar>& workspace) const;
    void backLayer(int layer,
                   const PackedBatch& batch,
                   NetworkWorkspace<Scalar>& workspace,
                   NetworkParams<Scalar>& gradients,
                   MatrixMap<Scalar>& outputGrad,
                   MatrixMap<Scalar>& inputGrad) const;

    NetworkShape shape_;
    NetworkParams<Scalar> params_;
};

template <typename Scalar>
template <typename F>
void NetworkParams<Scalar>::forEach(const NetworkShape& shape, F&& f) {
    f(std::string("embedding"), embedding, true);
    const char* directionNames[2] = {"forward", "backward"};
    for (int layer = 0; layer < shape.config.layers; ++layer) {
        for (int d = 0; d < shape.directions(); ++d) {
            auto& w = lstm[layer * shape.directions() + d];
            const std::string prefix =
                    "lstm." + std::to_string(layer) + "." + directionNames[d] + ".";
            f(prefix + "wx", w.wx, true);
            f(prefix + "wh", w.wh, true);
            f(prefix + "bias", w.bias, false);
        }
    }
    if (shape.config.pooling == Pooling::kAttention) {
        f(std::string("attention.w"), attention.w, true);
        f(std::string("attention.bias"), attention.bias, false);
        f(std::string("attention.v"), attention.v, true);
    }
    f(std::string("dense.w"), denseW, true);
    f(std::string("dense.bias"), denseBias, false);
}

}  // namespace sentinela::model
