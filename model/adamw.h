// Internal: AdamW (Loshchilov & Hutter 2019: Adam with decoupled weight decay) over the network's
// tensors. The embedding is updated lazily, only in the columns of the tokens the mini-batch
// used (like torch.optim.SparseAdam / TF LazyAdam): the other columns have a zero gradient, and
// touching all V x E values every step would cost more than the LSTM itself.
// Not thread-safe, except update() on disjoint slices; one per training run.
#pragma once

#include <span>

#include "model/gradient_sum.h"
#include "model/network.h"

namespace sentinela::model {

struct AdamWSettings {
    float learningRate = 1e-3f;
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float epsilon = 1e-8f;
    float weightDecay = 0.0f;  // decoupled; skipped for biases
    // Fine-tuning from a pretrained encoder (ULMFiT's discriminative rates and gradual
    // unfreezing): the embedding and LSTM tensors step with learningRate * encoderRateScale;
    // 0 freezes them (their moments do not move either).
    float encoderRateScale = 1.0f;
};

class AdamW {
public:
    explicit AdamW(const NetworkShape& shape);
    // One update from `gradients`; touchedTokens lists (once each) the embedding columns whose
    // gradient may be non-zero.
    void step(const NetworkShape& shape,
              NetworkParams<float>& params,
              NetworkParams<float>& gradients,
              std::span<const std::int32_t> touchedTokens,
              const AdamWSettings& settings);
    // The same in parts, for worker threads that update disjoint slices concurrently: one
    // beginStep(), then update() on every part (model/sliced_update.h).
    void beginStep() { ++steps_; }
    void update(const NetworkShape& shape,
                NetworkParams<float>& params,
                NetworkParams<float>& gradients,
                const ParameterSlice& slice,
                const AdamWSettings& settings);

    // The optimiser's state, for pretraining checkpoints.
    NetworkParams<float>& firstMoment() { return firstMoment_; }
    NetworkParams<float>& secondMoment() { return secondMoment_; }
    long long& steps() { return steps_; }

private:
    NetworkParams<float> firstMoment_;
    NetworkParams<float> secondMoment_;
    long long steps_ = 0;
};

}  // namespace sentinela::model
