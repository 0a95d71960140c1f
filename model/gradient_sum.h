// Internal: the arithmetic the data-parallel steps (TrainingStep, LmStep) share on per-worker
// gradient buffers: summing them into the first, and the global L2 norm for clipping. An
// embedding gradient is non-zero only in the columns of the tokens a batch used (`touched`), so
// only those columns are read or written. Pure functions on the caller's buffers.
#pragma once

#include <cstdint>
#include <span>

#include "model/network.h"

namespace sentinela::model {

// gradients[0] += gradients[1..]; the others are left at zero for the next step.
void sumIntoFirst(const NetworkShape& shape,
                  std::span<NetworkParams<float>* const> gradients,
                  std::span<const std::int32_t> touched);

double squaredNorm(const NetworkShape& shape,
                   NetworkParams<float>& gradients,
                   std::span<const std::int32_t> touched);

// Leaves the buffer at zero for the next step (the embedding: only the touched columns).
void clearGradients(const NetworkShape& shape,
                    NetworkParams<float>& gradients,
                    std::span<const std::int32_t> touched);

void scaleBy(const NetworkShape& shape,
             NetworkParams<float>& gradients,
             std::span<const std::int32_t> touched,
             float factor);

}  // namespace sentinela::model
