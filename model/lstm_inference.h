// Internal: the inference-only forward pass of one LSTM layer (both directions) with the fused
// recurrence kernel of this CPU's instruction set (model/lstm_kernel.h; how it works:
// model/lstm_kernel_body.h). Same equations as model/lstm_direction.h, float only.
// Thread-safety: the weights are read-only; the scratch belongs to one thread.
#pragma once

#include <span>

#include "model/lstm_direction.h"
#include "model/lstm_kernel.h"
#include "model/packed_batch.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

struct LstmInferenceScratch {
    Scratch<float> inputPanels;      // 4H x In: packed wx of the direction being run
    Scratch<float> recurrentPanels;  // 4H x H: packed wh
    Scratch<float> cell;             // H x B: c of each active post, updated in place
    Scratch<float> hidden[2];        // H x B: h_{t-1} and h_t, swapped every step
};

// True when a kernel handles this hidden size on this CPU (lstmKernelFor); otherwise the caller
// runs lstmForward.
bool lstmKernelSupports(int hiddenSize);

// Runs directions[0] forward in time and, when given, directions[1] backward in time over
// `input` (In x N, packed columns of `batch`). Writes the layer output (D x N, D = H *
// directions.size()): rows [0, H) hold the forward h of each column, rows [H, 2H) the backward
// h of the same token.
void lstmInferenceLayer(std::span<const LstmWeights<float>> directions,
                        const PackedBatch& batch,
                        const Eigen::Ref<const Matrix<float>>& input,
                        LstmInferenceScratch& scratch,
                        MatrixMap<float>& output);
// The same with a given kernel (tests compare every kernel the CPU runs).
void lstmInferenceLayer(const LstmKernel& kernel,
                        std::span<const LstmWeights<float>> directions,
                        const PackedBatch& batch,
                        const Eigen::Ref<const Matrix<float>>& input,
                        LstmInferenceScratch& scratch,
                        MatrixMap<float>& output);

}  // namespace sentinela::model
