// Internal: the inference-only forward pass of one LSTM layer (both directions), with a
// hand-written recurrence kernel. Same equations as model/lstm_direction.h, float only.
//
// Why not lstmForward: there, every time step is an Eigen GEMM wh (4H x H) * h_{t-1} (H x n_t)
// with n_t <= batch, and Eigen packs all of wh again at every step (a 4H x H copy for a product
// that is only n_t columns wide), then a second pass applies the gate nonlinearities. Here wx
// and wh are packed once per call into gate-interleaved panels, and one register tile computes
// the four gates of kLanes hidden units for a few posts, b + wx x_t + wh h_{t-1} in one stream
// (no 4H x N gates matrix to zero, write and read back), applies sigmoid/tanh and updates c and
// h while the gates are still in registers.
//
// Packed layout (panels) of w = wx (depth In) or wh (depth H), for hidden block p (units
// p*kLanes .. p*kLanes+kLanes-1):
//   panel p = depth rows k, each row 4 vectors [i; f; g; o] of kLanes floats = w(gate*H + unit, k)
// A column's arithmetic does not depend on its neighbours, so a post gets the same numbers
// alone or in any batch (as lstmForward).
// Thread-safety: the weights are read-only; the scratch belongs to one thread.
#pragma once

#include <span>

#include "model/lstm_direction.h"
#include "model/packed_batch.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

struct LstmInferenceScratch {
    Scratch<float> inputPanels;      // 4H x In: packed wx of the direction being run
    Scratch<float> recurrentPanels;  // 4H x H: packed wh
    Scratch<float> cell;             // H x B: c of each active post, updated in place
    Scratch<float> hidden[2];        // H x B: h_{t-1} and h_t, swapped every step
};

// True when the kernel handles this hidden size (a multiple of the SIMD width); otherwise the
// caller runs lstmForward.
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

}  // namespace sentinela::model
