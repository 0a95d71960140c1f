// Internal: the fused LSTM inference recurrence (model/lstm_inference.h) as compiled once per
// instruction set, and the choice among those builds at run time.
//
// Why per instruction set: a package must run on any x86-64 with AVX2, yet the recurrence runs
// 1.6-1.9x faster with AVX-512's 16-float registers where a CPU has them. Eigen picks its packet
// width when a translation unit is compiled, so each width is its own translation unit
// (lstm_kernel_avx2.cpp, lstm_kernel_avx512.cpp, both including lstm_kernel_body.h), compiled
// with its own flags (model/CMakeLists.txt). That is only safe if no code compiled for AVX-512
// can be picked by the linker for the rest of the program: those units keep everything in an
// anonymous namespace, take only plain pointers (no Eigen or std types cross this header) and
// export one function each; the ctest `model_kernel_symbols` fails the build's tests if either
// object defines any other symbol.
//
// Thread-safety: kernels are stateless; the choice is made once, on first use.
#pragma once

#include <cstddef>
#include <span>
#include <string>

namespace sentinela::model {

// A PackedBatch (model/packed_batch.h) as plain arrays.
struct LstmKernelBatch {
    int steps = 0;
    const int* stepOffset = nullptr;  // steps: first column of step t
    const int* stepCount = nullptr;   // steps: posts active at step t (the first n_t)
    const int* mirror = nullptr;      // tokens: column of the same post at the mirrored step
};

// One direction of one layer over a batch. Layout: model/tensor_layout.h, column-major.
struct LstmDirectionCall {
    const float* inputPanels = nullptr;      // wx packed by packPanels
    const float* recurrentPanels = nullptr;  // wh packed by packPanels
    const float* bias = nullptr;             // 4H
    int hidden = 0;
    int inputDim = 0;
    bool reversed = false;  // walk each post from its last token to its first
    LstmKernelBatch batch;
    const float* input = nullptr;  // In x N
    std::ptrdiff_t inputStride = 0;
    float* output = nullptr;  // D x N; this direction writes rows [outputRow, outputRow + H)
    std::ptrdiff_t outputStride = 0;
    int outputRow = 0;
    float* cell = nullptr;      // H x B scratch
    float* previous = nullptr;  // H x B scratch
    float* next = nullptr;      // H x B scratch
};

struct LstmKernel {
    const char* name;  // "avx512", "avx2": what `sentinela --version` prints
    int lanes;         // floats per vector; the hidden size must be a multiple of it
    // w is 4H x depth, column-major (wx or wh); panels holds 4H x depth floats.
    void (*packPanels)(const float* w, int hidden, int depth, float* panels);
    void (*runDirection)(const LstmDirectionCall& call);
    // For the training recurrence (model/lstm_direction.cpp): A (rows x depth, column-major
    // with leading dimension lda, or its transpose when `transposed`) packed into panels of
    // 4 * lanes rows (rows must be a multiple of 4 * lanes; panels holds rows x depth floats),
    // and C (rows x cols, ldc) = or += packed A * B (depth x cols, ldb).
    void (*packRowPanels)(const float* a,
                          std::ptrdiff_t lda,
                          bool transposed,
                          int rows,
                          int depth,
                          float* panels);
    void (*multiplyPacked)(const float* panels,
                           int rows,
                           int depth,
                           const float* b,
                           std::ptrdiff_t ldb,
                           int cols,
                           float* c,
                           std::ptrdiff_t ldc,
                           bool accumulate);
};

// The kernels compiled into this build that this CPU can run, fastest first.
std::span<const LstmKernel* const> availableLstmKernels();

// The kernel for a packed product with this many rows (a multiple of 4 * its lanes), or nullptr
// (then Eigen's GEMM): the training recurrence's products, model/lstm_direction.cpp.
const LstmKernel* lstmKernelForRows(int rows);

// The kernel inference uses for this hidden size: the fastest available one whose width divides
// it, or nullptr (the caller then runs the reference recurrence). SENTINELA_KERNEL=avx2,
// avx512 or reference in the environment narrows the choice (benchmarks, and a way out should a
// kernel misbehave on some CPU); lstmKernelOverrideProblem() says when it names no usable one.
const LstmKernel* lstmKernelFor(int hiddenSize);

// Empty, or why SENTINELA_KERNEL cannot be honoured on this CPU (then it is ignored).
std::string lstmKernelOverrideProblem();

// For `sentinela --version`: the kernel in use and what else this build and CPU hold.
std::string lstmKernelDescription();

// Defined by lstm_kernel_avx2.cpp and lstm_kernel_avx512.cpp: the kernel, or nullptr where the
// compiler could not build that instruction set.
const LstmKernel* lstmKernelAvx2();
const LstmKernel* lstmKernelAvx512();

}  // namespace sentinela::model
