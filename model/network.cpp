#include "model/network.h"

#include <cmath>
#include <stdexcept>
#include <type_traits>

namespace sentinela::model {

namespace {

template <typename Scalar>
void visitAll(NetworkParams<Scalar>& p,
              const NetworkParams<Scalar>* other,
              void (*op)(Matrix<Scalar>&, const Matrix<Scalar>*)) {
    op(p.embedding, other ? &other->embedding : nullptr);
    for (std::size_t i = 0; i < p.lstm.size(); ++i) {
        op(p.lstm[i].wx, other ? &other->lstm[i].wx : nullptr);
        op(p.lstm[i].wh, other ? &other->lstm[i].wh : nullptr);
        op(p.lstm[i].bias, other ? &other->lstm[i].bias : nullptr);
    }
    op(p.attention.w, other ? &other->attention.w : nullptr);
    op(p.attention.bias, other ? &other->attention.bias : nullptr);
    op(p.attention.v, other ? &other->attention.v : nullptr);
    op(p.denseW, other ? &other->denseW : nullptr);
    op(p.denseBias, other ? &other->denseBias : nullptr);
}

// Inverted dropout: keeps each value with probability 1 - rate and scales it by 1 / (1 - rate).
template <typename Scalar>
void applyDropout(MatrixMap<Scalar>& values, MatrixMap<Scalar>& mask, float rate, Random& random) {
    const Scalar scale = Scalar(1) / Scalar(1 - rate);
    Scalar* m = mask.data();
    for (Eigen::Index i = 0; i < mask.size(); ++i) {
        m[i] = random.uniform() < rate ? Scalar(0) : scale;
    }
    values.array() *= mask.array();
}

template <typename Scalar>
void fillUniform(Matrix<Scalar>& m, double bound, Random& random) {
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        m.data()[i] = static_cast<Scalar>((2.0 * random.uniformDouble() - 1.0) * bound);
    }
}

}  // namespace

template <typename Scalar>
NetworkParams<Scalar> NetworkParams<Scalar>::zeros(const NetworkShape& shape) {
    const auto& c = shape.config;
    if (c.layers < 1 || c.hiddenSize < 1 || c.embeddingDim < 1 || shape.vocabularySize < 2 ||
        shape.labels < 1) {
        throw std::invalid_argument("NetworkShape: sizes must be positive");
    }
    NetworkParams p;
    const int h = c.hiddenSize;
    p.embedding = Matrix<Scalar>::Zero(c.embeddingDim, shape.vocabularySize);
    for (int layer = 0; layer < c.layers; ++layer) {
        for (int d = 0; d < shape.directions(); ++d) {
            LstmWeights<Scalar> w;
            w.wx = Matrix<Scalar>::Zero(4 * h, shape.layerInputDim(layer));
            w.wh = Matrix<Scalar>::Zero(4 * h, h);
            w.bias = Matrix<Scalar>::Zero(4 * h, 1);
            p.lstm.push_back(std::move(w));
        }
    }
    if (c.pooling == Pooling::kAttention) {
        p.attention.w = Matrix<Scalar>::Zero(c.attentionDim, shape.outputDim());
        p.attention.bias = Matrix<Scalar>::Zero(c.attentionDim, 1);
        p.attention.v = Matrix<Scalar>::Zero(c.attentionDim, 1);
    }
    p.denseW = Matrix<Scalar>::Zero(shape.labels, shape.outputDim());
    p.denseBias = Matrix<Scalar>::Zero(shape.labels, 1);
    return p;
}

template <typename Scalar>
void NetworkParams<Scalar>::setZero() {
    visitAll<Scalar>(*this, nullptr, [](Matrix<Scalar>& m, const Matrix<Scalar>*) { m.setZero(); });
}

template <typename Scalar>
void NetworkParams<Scalar>::add(const NetworkParams& other) {
    visitAll<Scalar>(*this, &other, [](Matrix<Scalar>& m, const Matrix<Scalar>* o) { m += *o; });
}

template <typename Scalar>
Network<Scalar>::Network(NetworkShape shape)
    : shape_(std::move(shape)), params_(NetworkParams<Scalar>::zeros(shape_)) {}

template <typename Scalar>
void Network<Scalar>::initialize(std::uint64_t seed) {
    Random random(seed);
    const int h = shape_.config.hiddenSize;
    // PyTorch's defaults (uniform +-1/sqrt(fan)), with the forget-gate bias at 1 so that early
    // training keeps the cell state (Gers et al. 2000; Jozefowicz et al. 2015).
    fillUniform(params_.embedding, 0.1, random);
    params_.embedding.col(0).setZero();  // the pad token starts neutral
    for (auto& w : params_.lstm) {
        fillUniform(w.wx, 1.0 / std::sqrt(double(h)), random);
        fillUniform(w.wh, 1.0 / std::sqrt(double(h)), random);
        w.bias.setZero();
        w.bias.middleRows(h, h).setConstant(Scalar(1));
    }
    if (shape_.config.pooling == Pooling::kAttention) {
        fillUniform(params_.attention.w, 1.0 / std::sqrt(double(shape_.outputDim())), random);
        params_.attention.bias.setZero();
        fillUniform(params_.attention.v, 1.0 / std::sqrt(double(shape_.config.attentionDim)),
                    random);
    }
    fillUniform(params_.denseW, 1.0 / std::sqrt(double(shape_.outputDim())), random);
    params_.denseBias.setZero();
}

template <typename Scalar>
void Network<Scalar>::prepare(NetworkWorkspace<Scalar>& ws) const {
    const auto layers = static_cast<std::size_t>(shape_.config.layers);
    if (ws.input.size() != layers) {
        ws.input.resize(layers);
        ws.inputMask.resize(layers);
        ws.reversedInput.resize(layers);
        ws.output.resize(layers);
        ws.lstm.resize(layers * shape_.directions());
    }
}

template <typename Scalar>
void Network<Scalar>::runLayer(int layer,
                               const PackedBatch& batch,
                               NetworkWorkspace<Scalar>& ws) const {
    const int h = shape_.config.hiddenSize;
    const int n = batch.tokens();
    const int in = shape_.layerInputDim(layer);
    const int directions = shape_.directions();
    auto x = ws.input[layer].existing(in, n);
    auto y = ws.output[layer].view(shape_.outputDim(), n);
    if constexpr (std::is_same_v<Scalar, float>) {
        // Inference keeps no cache for backward, so it can run the fused kernel.
        if (!ws.training && lstmKernelSupports(h)) {
            const std::span<const LstmWeights<float>> weights(
                    params_.lstm.data() + layer * directions, static_cast<std::size_t>(directions));
            lstmInferenceLayer(weights, batch, x, ws.inference, y);
            return;
        }
    }
    auto& forwardCache = ws.lstm[layer * directions];
    lstmForward<Scalar>(params_.lstm[layer * directions], batch, x, forwardCache);
    y.topRows(h) = forwardCache.hidden.existing(h, n);
    if (directions == 2) {
        auto reversed = ws.reversedInput[layer].view(in, n);
        for (int j = 0; j < n; ++j) {
            reversed.col(j) = x.col(batch.mirror(j));
        }
        auto& backwardCache = ws.lstm[layer * directions + 1];
        lstmForward<Scalar>(params_.lstm[layer * directions + 1], batch, reversed, backwardCache);
        auto hidden = backwardCache.hidden.existing(h, n);
        for (int j = 0; j < n; ++j) {
            y.col(batch.mirror(j)).bottomRows(h) = hidden.col(j);
        }
    }
}

template <typename Scalar>
void Network<Scalar>::encode(const PackedBatch& batch,
                             NetworkWorkspace<Scalar>& ws,
                             Random* dropout) const {
    prepare(ws);
    const auto& c = shape_.config;
    const int n = batch.tokens();
    ws.training = dropout != nullptr;
    auto x = ws.input[0].view(c.embeddingDim, n);
    for (int j = 0; j < n; ++j) {
        x.col(j) = params_.embedding.col(batch.id(j));
    }
    if (dropout != nullptr && c.embeddingDropout > 0) {
        auto mask = ws.inputMask[0].view(c.embeddingDim, n);
        applyDropout(x, mask, c.embeddingDropout, *dropout);
    }
    for (int layer = 0; layer < c.layers; ++layer) {
        runLayer(layer, batch, ws);
        if (layer + 1 < c.layers) {
            auto next = ws.input[layer + 1].view(shape_.outputDim(), n);
            next = ws.output[layer].existing(shape_.outputDim(), n);
            if (dropout != nullptr && c.layerDropout > 0) {
                auto mask = ws.inputMask[layer + 1].view(shape_.outputDim(), n);
                applyDropout(next, mask, c.layerDropout, *dropout);
            }
        }
    }
}

template <typename Scalar>
void Network<Scalar>::forward(const PackedBatch& batch,
                              NetworkWorkspace<Scalar>& ws,
                              Random* dropout) const {
    encode(batch, ws, dropout);
    const auto& c = shape_.config;
    const int n = batch.tokens();
    const int posts = batch.posts();
    auto top = ws.output[c.layers - 1].existing(shape_.outputDim(), n);
    poolForward<Scalar>(c.pooling, c.hiddenSize, c.bidirectional, params_.attention, batch, top,
                        ws.pooling);
    auto pooled = ws.pooledDropped.view(shape_.outputDim(), posts);
    pooled = ws.pooling.pooled.existing(shape_.outputDim(), posts);
    if (dropout != nullptr && c.outputDropout > 0) {
        auto mask = ws.pooledMask.view(shape_.outputDim(), posts);
        applyDropout(pooled, mask, c.outputDropout, *dropout);
    }
    auto logits = ws.logits.view(shape_.labels, posts);
    logits.noalias() = params_.denseW * pooled;
    logits.colwise() += params_.denseBias.col(0);
}

template <typename Scalar>
void Network<Scalar>::backLayer(int layer,
                                const PackedBatch& batch,
                                NetworkWorkspace<Scalar>& ws,
                                NetworkParams<Scalar>& gradients,
                                MatrixMap<Scalar>& outputGrad,
                                MatrixMap<Scalar>& inputGrad) const {
    const int h = shape_.config.hiddenSize;
    const int n = batch.tokens();
    const int in = shape_.layerInputDim(layer);
    const int directions = shape_.directions();
    auto x = ws.input[layer].existing(in, n);
    const int forwardIndex = layer * directions;
    lstmBackward<Scalar>(params_.lstm[forwardIndex], batch, x, outputGrad.topRows(h),
                         ws.lstm[forwardIndex], gradients.lstm[forwardIndex], inputGrad);
    if (directions == 2) {
        auto reversedGrad = ws.reversedGrad.view(h, n);
        for (int j = 0; j < n; ++j) {
            reversedGrad.col(j) = outputGrad.col(batch.mirror(j)).bottomRows(h);
        }
        auto reversedInputGrad = ws.reversedInputGrad.view(in, n);
        auto reversed = ws.reversedInput[layer].existing(in, n);
        lstmBackward<Scalar>(params_.lstm[forwardIndex + 1], batch, reversed, reversedGrad,
                             ws.lstm[forwardIndex + 1], gradients.lstm[forwardIndex + 1],
                             reversedInputGrad);
        for (int j = 0; j < n; ++j) {
            inputGrad.col(batch.mirror(j)) += reversedInputGrad.col(j);
        }
    }
}

template <typename Scalar>
void Network<Scalar>::backward(const PackedBatch& batch,
                               NetworkWorkspace<Scalar>& ws,
                               NetworkParams<Scalar>& gradients) const {
    if (!ws.training) {
        throw std::logic_error("Network::backward needs a training forward pass");
    }
    const auto& c = shape_.config;
    const int n = batch.tokens();
    const int posts = batch.posts();
    const int d = shape_.outputDim();
    auto logitGrad = ws.logitGrad.existing(shape_.labels, posts);
    auto pooled = ws.pooledDropped.existing(d, posts);
    gradients.denseW.noalias() += logitGrad * pooled.transpose();
    gradients.denseBias.col(0) += logitGrad.rowwise().sum();
    auto pooledGrad = ws.pooledGrad.view(d, posts);
    pooledGrad.noalias() = params_.denseW.transpose() * logitGrad;
    if (c.outputDropout > 0) {
        pooledGrad.array() *= ws.pooledMask.existing(d, posts).array();
    }
    auto outputGrad = ws.outputGrad[0].view(d, n);
    auto top = ws.output[c.layers - 1].existing(d, n);
    poolBackward<Scalar>(c.pooling, c.hiddenSize, c.bidirectional, params_.attention, batch, top,
                         pooledGrad, ws.pooling, gradients.attention, outputGrad);
    backwardEncoder(batch, ws, gradients);
}

template <typename Scalar>
void Network<Scalar>::backwardEncoder(const PackedBatch& batch,
                                      NetworkWorkspace<Scalar>& ws,
                                      NetworkParams<Scalar>& gradients) const {
    const auto& c = shape_.config;
    const int n = batch.tokens();
    const int d = shape_.outputDim();
    for (int layer = c.layers - 1; layer >= 0; --layer) {
        const int in = shape_.layerInputDim(layer);
        auto current = ws.outputGrad[(c.layers - 1 - layer) % 2].existing(d, n);
        auto inputGrad = ws.outputGrad[(c.layers - layer) % 2].view(in, n);
        backLayer(layer, batch, ws, gradients, current, inputGrad);
        const float rate = layer == 0 ? c.embeddingDropout : c.layerDropout;
        if (rate > 0) {
            inputGrad.array() *= ws.inputMask[layer].existing(in, n).array();
        }
        if (layer == 0) {
            for (int j = 0; j < n; ++j) {
                gradients.embedding.col(batch.id(j)) += inputGrad.col(j);
            }
        }
    }
}

template struct NetworkParams<float>;
template struct NetworkParams<double>;
template class Network<float>;
template class Network<double>;

}  // namespace sentinela::model
