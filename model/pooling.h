// Internal: pooling of the top LSTM layer's outputs Y (D x N packed, D = H * directions) into one
// column per post (D x B, posts in the batch's sorted order), and its backward pass.
// See model/network_config.h for the kinds and model/tensor_layout.h for the layout.
#pragma once

#include "model/network_config.h"
#include "model/packed_batch.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

template <typename Scalar>
struct AttentionWeights {
    Matrix<Scalar> w;     // A x D
    Matrix<Scalar> bias;  // A x 1
    Matrix<Scalar> v;     // A x 1
};

template <typename Scalar>
struct PoolingCache {
    Scratch<Scalar> pooled;        // D x B
    Scratch<Scalar> pending;       // D x 1, kMax backward: rows whose winner is not found yet
    Scratch<Scalar> hiddenScores;  // A x N, kAttention: tanh(w y + b), then its gradient
    Scratch<Scalar> weights;       // 1 x N, kAttention: softmax weight of each token in its post
    Scratch<Scalar> weightGrads;   // 1 x N, kAttention
};

// `hiddenSize` is H (kLast takes the forward half at the last token and the backward half at the
// first token). Fills cache.pooled.
template <typename Scalar>
void poolForward(Pooling kind,
                 int hiddenSize,
                 bool bidirectional,
                 const AttentionWeights<Scalar>& attention,
                 const PackedBatch& batch,
                 const Eigen::Ref<const Matrix<Scalar>>& outputs,
                 PoolingCache<Scalar>& cache);

// Writes dL/dY (D x N, overwritten) from dL/dP (D x B); accumulates attention gradients.
template <typename Scalar>
void poolBackward(Pooling kind,
                  int hiddenSize,
                  bool bidirectional,
                  const AttentionWeights<Scalar>& attention,
                  const PackedBatch& batch,
                  const Eigen::Ref<const Matrix<Scalar>>& outputs,
                  const Eigen::Ref<const Matrix<Scalar>>& pooledGradient,
                  PoolingCache<Scalar>& cache,
                  AttentionWeights<Scalar>& attentionGradients,
                  Eigen::Ref<Matrix<Scalar>> outputGradient);

}  // namespace sentinela::model
