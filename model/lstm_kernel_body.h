// Internal: the body of the fused LSTM inference recurrence, included once by each
// instruction-set translation unit (lstm_kernel_avx2.cpp, lstm_kernel_avx512.cpp) and nowhere
// else. Everything here has internal linkage (see model/lstm_kernel.h for why).
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
#pragma once

#include <Eigen/Core>

#include "model/lstm_kernel.h"

namespace sentinela::model {
namespace {

// Eigen's packet of the widest instruction set this translation unit is compiled for (16 floats
// with AVX-512, 8 with AVX2), and its own vectorised sigmoid/tanh, so that the activations match
// what lstmForward computes with Eigen arrays.
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr int kLanes = Eigen::internal::packet_traits<float>::size;
// Posts per register tile: 4 gates x kTile accumulators + 4 weight vectors must fit the vector
// registers (32 with AVX-512, 16 with AVX2).
constexpr int kTile = kLanes >= 16 ? 6 : 3;

// Where one post of a tile reads and writes at one time step.
struct StepColumn {
    const float* input;           // In: x of this token
    const float* previousHidden;  // H: h_{t-1} of this post
    float* cell;                  // H: c_{t-1} in, c_t out
    float* nextHidden;            // H: h_t
    float* output;                // H: this direction's rows of the token's output column
};

// acc[g][c] += panel rows (4 gates of kLanes units) * vector c, over `depth` rows.
template <int kCols>
EIGEN_ALWAYS_INLINE void accumulate(Packet (&acc)[4][kCols],
                                    const float* panel,
                                    int depth,
                                    const float* const (&vectors)[kCols]) {
    using namespace Eigen::internal;
    const float* w = panel;
    for (int k = 0; k < depth; ++k, w += 4 * kLanes) {
        const Packet wi = ploadu<Packet>(w);
        const Packet wf = ploadu<Packet>(w + kLanes);
        const Packet wg = ploadu<Packet>(w + 2 * kLanes);
        const Packet wo = ploadu<Packet>(w + 3 * kLanes);
#pragma GCC unroll 8
        for (int c = 0; c < kCols; ++c) {
            const Packet v = pset1<Packet>(vectors[c][k]);
            acc[0][c] = pmadd(wi, v, acc[0][c]);
            acc[1][c] = pmadd(wf, v, acc[1][c]);
            acc[2][c] = pmadd(wg, v, acc[2][c]);
            acc[3][c] = pmadd(wo, v, acc[3][c]);
        }
    }
}

// The panels of one hidden block: wx (In rows) and wh (H rows) in the packed layout.
struct BlockPanels {
    const float* input;
    const float* recurrent;
    int inputDim;
};

// Gates, activations and state update of kLanes hidden units (from `unit`) for kCols posts.
template <int kCols>
EIGEN_ALWAYS_INLINE void stepTile(const BlockPanels& panels,
                                  const float* bias,
                                  int hidden,
                                  int unit,
                                  bool first,
                                  const StepColumn* columns) {
    using namespace Eigen::internal;
    Packet acc[4][kCols];
#pragma GCC unroll 4
    for (int g = 0; g < 4; ++g) {
        const Packet b = ploadu<Packet>(bias + g * hidden + unit);
#pragma GCC unroll 8
        for (int c = 0; c < kCols; ++c) {
            acc[g][c] = b;
        }
    }
    const float* vectors[kCols];
#pragma GCC unroll 8
    for (int c = 0; c < kCols; ++c) {
        vectors[c] = columns[c].input;
    }
    accumulate<kCols>(acc, panels.input, panels.inputDim, vectors);
    if (!first) {
#pragma GCC unroll 8
        for (int c = 0; c < kCols; ++c) {
            vectors[c] = columns[c].previousHidden;
        }
        accumulate<kCols>(acc, panels.recurrent, hidden, vectors);
    }
    const scalar_logistic_op<float> sigmoid;
#pragma GCC unroll 8
    for (int c = 0; c < kCols; ++c) {
        const Packet i = sigmoid.packetOp(acc[0][c]);
        const Packet f = sigmoid.packetOp(acc[1][c]);
        const Packet g = ptanh(acc[2][c]);
        const Packet o = sigmoid.packetOp(acc[3][c]);
        float* cell = columns[c].cell + unit;
        const Packet ig = pmul(i, g);
        const Packet next = first ? ig : padd(pmul(f, ploadu<Packet>(cell)), ig);
        pstoreu(cell, next);
        const Packet h = pmul(o, ptanh(next));
        pstoreu(columns[c].nextHidden + unit, h);
        pstoreu(columns[c].output + unit, h);
    }
}

// A tile of `count` <= kCols posts, with the register layout compiled for exactly that count.
template <int kCols>
EIGEN_ALWAYS_INLINE void runTile(int count,
                                 const BlockPanels& panels,
                                 const float* bias,
                                 int hidden,
                                 int unit,
                                 bool first,
                                 const StepColumn* columns) {
    if constexpr (kCols > 1) {
        if (count < kCols) {
            runTile<kCols - 1>(count, panels, bias, hidden, unit, first, columns);
            return;
        }
    }
    stepTile<kCols>(panels, bias, hidden, unit, first, columns);
}

// The panel of block p starts at p * kLanes * 4 * depth.
void packPanels(const float* w, int hidden, int depth, float* panels) {
    const std::ptrdiff_t rows = 4 * std::ptrdiff_t(hidden);
    for (int unit = 0; unit < hidden; unit += kLanes) {
        for (int k = 0; k < depth; ++k) {
            for (int g = 0; g < 4; ++g) {
                const float* from = w + k * rows + g * hidden + unit;
                for (int lane = 0; lane < kLanes; ++lane) {
                    panels[lane] = from[lane];
                }
                panels += kLanes;
            }
        }
    }
}

// One direction over all steps. Reversed, step t of post k is the token at column
// mirror(stepOffset(t) + k). `flatten` inlines every call in it, Eigen's tanh included, so that
// no template instantiation compiled for this instruction set is left for the linker to share.
__attribute__((flatten)) void runDirection(const LstmDirectionCall& call) {
    const int hidden = call.hidden;
    const LstmKernelBatch& batch = call.batch;
    float* previous = call.previous;
    float* next = call.next;
    StepColumn columns[kTile];
    for (int t = 0; t < batch.steps; ++t) {
        const int count = batch.stepCount[t];
        const int offset = batch.stepOffset[t];
        for (int first = 0; first < count; first += kTile) {
            const int tile = count - first < kTile ? count - first : kTile;
            for (int c = 0; c < tile; ++c) {
                const int post = first + c;
                const int column = call.reversed ? batch.mirror[offset + post] : offset + post;
                const std::ptrdiff_t state = std::ptrdiff_t(post) * hidden;
                columns[c] = {call.input + column * call.inputStride, previous + state,
                              call.cell + state, next + state,
                              call.output + column * call.outputStride + call.outputRow};
            }
            for (int unit = 0; unit < hidden; unit += kLanes) {
                const BlockPanels panels = {
                        call.inputPanels + std::ptrdiff_t(unit) * 4 * call.inputDim,
                        call.recurrentPanels + std::ptrdiff_t(unit) * 4 * hidden, call.inputDim};
                runTile<kTile>(tile, panels, call.bias, hidden, unit, t == 0, columns);
            }
        }
        float* swapped = previous;
        previous = next;
        next = swapped;
    }
}

// C (rows x cols) = or += A (rows x depth) * B (depth x cols), A packed by packRowPanels:
// panel q holds rows [q * 4 * kLanes, (q + 1) * 4 * kLanes), one row of 4 * kLanes floats per k.
// The training recurrence's per-step products (wh h_{t-1} forward, wh^T dG backward) use it
// with wh packed once per batch, where an Eigen GEMM packs all of wh again at every step.
void packRowPanels(
        const float* a, std::ptrdiff_t lda, bool transposed, int rows, int depth, float* panels) {
    for (int first = 0; first < rows; first += 4 * kLanes) {
        for (int k = 0; k < depth; ++k) {
            for (int r = first; r < first + 4 * kLanes; ++r) {
                *panels++ = transposed ? a[k + r * lda] : a[r + k * lda];
            }
        }
    }
}

template <int kCols>
EIGEN_ALWAYS_INLINE void multiplyTile(int count,
                                      const float* panel,
                                      int depth,
                                      const float* b,
                                      std::ptrdiff_t ldb,
                                      float* c,
                                      std::ptrdiff_t ldc,
                                      bool accumulateIntoC) {
    if constexpr (kCols > 1) {
        if (count < kCols) {
            multiplyTile<kCols - 1>(count, panel, depth, b, ldb, c, ldc, accumulateIntoC);
            return;
        }
    }
    using namespace Eigen::internal;
    Packet acc[4][kCols];
    const float* vectors[kCols];
#pragma GCC unroll 8
    for (int col = 0; col < kCols; ++col) {
        vectors[col] = b + col * ldb;
#pragma GCC unroll 4
        for (int g = 0; g < 4; ++g) {
            acc[g][col] = accumulateIntoC ? ploadu<Packet>(c + col * ldc + g * kLanes)
                                          : pset1<Packet>(0.0f);
        }
    }
    accumulate<kCols>(acc, panel, depth, vectors);
#pragma GCC unroll 8
    for (int col = 0; col < kCols; ++col) {
#pragma GCC unroll 4
        for (int g = 0; g < 4; ++g) {
            pstoreu(c + col * ldc + g * kLanes, acc[g][col]);
        }
    }
}

__attribute__((flatten)) void multiplyPacked(const float* panels,
                                             int rows,
                                             int depth,
                                             const float* b,
                                             std::ptrdiff_t ldb,
                                             int cols,
                                             float* c,
                                             std::ptrdiff_t ldc,
                                             bool accumulateIntoC) {
    for (int first = 0; first < rows; first += 4 * kLanes) {
        const float* panel = panels + std::ptrdiff_t(first) * depth;
        for (int col = 0; col < cols; col += kTile) {
            const int count = cols - col < kTile ? cols - col : kTile;
            multiplyTile<kTile>(count, panel, depth, b + col * ldb, ldb, c + col * ldc + first, ldc,
                                accumulateIntoC);
        }
    }
}

}  // namespace
}  // namespace sentinela::model
