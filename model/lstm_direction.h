// Internal: one direction of one LSTM layer (Hochreiter & Schmidhuber 1997, with a forget gate)
// over a PackedBatch, forward and backpropagation through time. Layout: model/tensor_layout.h.
//   i = sigmoid(G_i)  f = sigmoid(G_f)  g = tanh(G_g)  o = sigmoid(G_o)
//   c_t = f * c_{t-1} + i * g          h_t = o * tanh(c_t)          (c_{-1} = h_{-1} = 0)
// Weights are shared and read-only; the cache and scratch belong to one worker thread.
#pragma once

#include "model/packed_batch.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

template <typename Scalar>
struct LstmWeights {
    Matrix<Scalar> wx;    // 4H x In
    Matrix<Scalar> wh;    // 4H x H
    Matrix<Scalar> bias;  // 4H x 1
};

// What the forward pass keeps for the backward pass (all N = batch.tokens() columns).
template <typename Scalar>
struct LstmCache {
    Scratch<Scalar> gates;        // 4H x N: activated [i; f; g; o]; overwritten by dG in backward
    Scratch<Scalar> cell;         // H x N
    Scratch<Scalar> cellTanh;     // H x N
    Scratch<Scalar> hidden;       // H x N: the output of this direction
    Scratch<Scalar> recurrentH;   // H x B: dL/dh_{t} arriving from step t+1 (backward)
    Scratch<Scalar> recurrentC;   // H x B: dL/dc_{t} arriving from step t+1 (backward)
    Scratch<Scalar> stepH;        // H x B: temporaries of one backward step
    Scratch<Scalar> stepC;        // H x B
    Scratch<Scalar> previousH;    // H x N: h_{t-1} per column, for one dWh GEMM
    Scratch<Scalar> packedWh;     // 4H x H: wh (forward) or wh^T (backward) in kernel panels
    Scratch<Scalar> packedWx;     // 4H x In: wx (forward) or wx^T (backward) in kernel panels
    Scratch<Scalar> packedGates;  // 4H x N: dL/dG in kernel panels, for the weight gradients
    Scratch<Scalar> transposedInput;  // N x In: x^T (or h_{t-1}^T), for the weight gradients
    // float: the per-step products run on this CPU's kernel with wh packed once per call
    // (model/lstm_kernel.h) where the hidden size allows; false keeps Eigen's GEMM (tests
    // compare the two).
    bool allowKernel = true;
};

// Runs the recurrence over `input` (In x N, packed columns of `batch`), filling cache.hidden.
template <typename Scalar>
void lstmForward(const LstmWeights<Scalar>& weights,
                 const PackedBatch& batch,
                 const Eigen::Ref<const Matrix<Scalar>>& input,
                 LstmCache<Scalar>& cache);

// Given dL/dh for every column (H x N), accumulates the weight gradients into `gradients` and
// writes dL/dinput (In x N) into inputGradient (overwritten). Destroys cache.gates.
template <typename Scalar>
void lstmBackward(const LstmWeights<Scalar>& weights,
                  const PackedBatch& batch,
                  const Eigen::Ref<const Matrix<Scalar>>& input,
                  const Eigen::Ref<const Matrix<Scalar>>& hiddenGradient,
                  LstmCache<Scalar>& cache,
                  LstmWeights<Scalar>& gradients,
                  Eigen::Ref<Matrix<Scalar>> inputGradient);

}  // namespace sentinela::model
