// Internal: AdamW for the wide branch's L x B weights (model/wide_layer.h). Moments and Adam
// updates are lazy, only in the buckets a mini-batch touched (like the embedding in
// model/adamw.h: touching all B columns every step would cost more than the LSTM). The decoupled
// weight decay, though, must reach EVERY column every step, or it would not be the L2 penalty that
// plays logistic regression's C (rare n-grams would escape it). It does so in O(1): the layer
// stores W = s * V, a decay step multiplies s by (1 - lr * decay), an update d of W changes V by
// d / s, and s is folded back into V (one pass over W) before it gets small enough to lose
// precision. Not thread-safe; one per training run.
#pragma once

#include <cstdint>
#include <span>

#include "model/adamw.h"
#include "model/wide_layer.h"

namespace sentinela::model {

class WideOptimizer {
public:
    // sgd: plain SGD instead of AdamW (no moments): W -= learningRate * gradient, same decay.
    WideOptimizer(int labels, int buckets, bool sgd = false);
    // One update from `gradient` (the gradient of W, L x B), whose non-zero columns are all in
    // `touched` (each once); leaves those gradient columns at zero.
    void step(WideLayer<float>& layer,
              Matrix<float>& gradient,
              std::span<const std::int32_t> touched,
              const AdamWSettings& settings);

private:
    Matrix<float> firstMoment_;
    Matrix<float> secondMoment_;
    long long steps_ = 0;
    bool sgd_ = false;
};

}  // namespace sentinela::model
