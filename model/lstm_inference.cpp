#include "model/lstm_inference.h"

#include <algorithm>
#include <utility>

namespace sentinela::model {

namespace {

// Eigen's packet of the widest instruction set this translation unit is compiled for (16 floats
// with AVX-512, 8 with AVX2, 4 with SSE2), and its own vectorised sigmoid/tanh, so that the
// activations match what lstmForward computes with Eigen arrays.
using Packet = Eigen::internal::packet_traits<float>::type;
constexpr int kLanes = Eigen::internal::packet_traits<float>::size;
// Posts per register tile: 4 gates x kTile accumulators + 4 weight vectors must fit the vector
// registers (32 with AVX-512, 16 with AVX2 and SSE).
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
void runTile(int count,
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

// w is 4H x depth (wx or wh); the panel of block p starts at p * kLanes * 4 * depth.
void packPanels(const Matrix<float>& w, int hidden, float* panels) {
    for (int unit = 0; unit < hidden; unit += kLanes) {
        for (Eigen::Index k = 0; k < w.cols(); ++k) {
            for (int g = 0; g < 4; ++g) {
                const float* from = w.data() + k * w.rows() + g * hidden + unit;
                std::copy(from, from + kLanes, panels);
                panels += kLanes;
            }
        }
    }
}

// One direction over all steps. `reversed` walks each post from its last token to its first:
// step t of post k is then the token at column mirror(stepOffset(t) + k).
void runDirection(const LstmWeights<float>& weights,
                  bool reversed,
                  const PackedBatch& batch,
                  const Eigen::Ref<const Matrix<float>>& input,
                  LstmInferenceScratch& s,
                  MatrixMap<float>& output,
                  int rowOffset) {
    const int hidden = static_cast<int>(weights.wh.cols());
    const int inputDim = static_cast<int>(weights.wx.cols());
    const Eigen::Index posts = batch.posts();
    float* inputPanels = s.inputPanels.view(4 * hidden, inputDim).data();
    float* recurrentPanels = s.recurrentPanels.view(4 * hidden, hidden).data();
    packPanels(weights.wx, hidden, inputPanels);
    packPanels(weights.wh, hidden, recurrentPanels);
    float* cell = s.cell.view(hidden, posts).data();
    float* previous = s.hidden[0].view(hidden, posts).data();
    float* next = s.hidden[1].view(hidden, posts).data();
    const float* bias = weights.bias.data();
    StepColumn columns[kTile];
    for (int t = 0; t < batch.steps(); ++t) {
        const int count = batch.stepCount(t);
        const int offset = batch.stepOffset(t);
        for (int first = 0; first < count; first += kTile) {
            const int tile = std::min(kTile, count - first);
            for (int c = 0; c < tile; ++c) {
                const int post = first + c;
                const int column = reversed ? batch.mirror(offset + post) : offset + post;
                columns[c] = {input.data() + Eigen::Index(column) * input.outerStride(),
                              previous + Eigen::Index(post) * hidden,
                              cell + Eigen::Index(post) * hidden,
                              next + Eigen::Index(post) * hidden,
                              output.data() + Eigen::Index(column) * output.rows() + rowOffset};
            }
            for (int unit = 0; unit < hidden; unit += kLanes) {
                const BlockPanels panels = {inputPanels + Eigen::Index(unit) * 4 * inputDim,
                                            recurrentPanels + Eigen::Index(unit) * 4 * hidden,
                                            inputDim};
                runTile<kTile>(tile, panels, bias, hidden, unit, t == 0, columns);
            }
        }
        std::swap(previous, next);
    }
}

}  // namespace

bool lstmKernelSupports(int hiddenSize) {
    return hiddenSize > 0 && hiddenSize % kLanes == 0;
}

void lstmInferenceLayer(std::span<const LstmWeights<float>> directions,
                        const PackedBatch& batch,
                        const Eigen::Ref<const Matrix<float>>& input,
                        LstmInferenceScratch& scratch,
                        MatrixMap<float>& output) {
    const int hidden = static_cast<int>(directions[0].wh.cols());
    for (std::size_t d = 0; d < directions.size(); ++d) {
        runDirection(directions[d], d == 1, batch, input, scratch, output,
                     static_cast<int>(d) * hidden);
    }
}

}  // namespace sentinela::model
