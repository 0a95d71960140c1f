// Internal: the arithmetic the data-parallel steps (TrainingStep, LmStep) share on per-worker
// gradient buffers: summing them into the first, the global L2 norm for clipping, scaling and
// clearing. Each works on one ParameterSlice, so that the step's worker threads share this work
// too (model/sliced_update.h) instead of leaving it to one thread. An embedding gradient is
// non-zero only in the columns of the tokens a batch used (`touched`), so only those columns
// are read or written. Pure functions on the caller's buffers; calls on disjoint slices may run
// concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/network.h"

namespace sentinela::model {

// Flat elements [begin, end) of one tensor, in NetworkParams::forEach order (0 = embedding).
struct TensorRange {
    int tensor = 0;
    Eigen::Index begin = 0;
    Eigen::Index end = 0;
};

// One worker's share of the parameters: runs of the dense tensors (everything but the
// embedding) and a run of the touched embedding columns.
struct ParameterSlice {
    std::vector<TensorRange> dense;
    std::span<const std::int32_t> touched;
};

// Part `part` of `parts`: the dense elements and the touched columns cut into `parts` runs of
// nearly equal size. The parts are disjoint and cover everything; parts = 1 is the whole.
// `tensors` as tensorsOf gives them (the sizes are all it reads).
ParameterSlice sliceOfParameters(std::span<Matrix<float>* const> tensors,
                                 std::span<const std::int32_t> touched,
                                 int part,
                                 int parts);

// The network's tensors in forEach order (index 0 is the embedding).
std::vector<Matrix<float>*> tensorsOf(const NetworkShape& shape, NetworkParams<float>& params);

// gradients[0] += gradients[1..] on the slice; the others are left at zero for the next step.
void sumIntoFirst(const NetworkShape& shape,
                  std::span<NetworkParams<float>* const> gradients,
                  const ParameterSlice& slice);

double squaredNorm(const NetworkShape& shape,
                   NetworkParams<float>& gradients,
                   const ParameterSlice& slice);

// Leaves the slice at zero for the next step.
void clearGradients(const NetworkShape& shape,
                    NetworkParams<float>& gradients,
                    const ParameterSlice& slice);

void scaleBy(const NetworkShape& shape,
             NetworkParams<float>& gradients,
             const ParameterSlice& slice,
             float factor);

// Global-norm clipping from the parts' squared norms (summed in part order, so every worker that
// calls it gets the same factor): 1 when maxNorm <= 0 or the norm is within it.
float clipFactor(std::span<const double> squaredParts, double maxNorm);

}  // namespace sentinela::model
