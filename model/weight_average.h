// Internal: Polyak averaging of the weights while training (an exponential moving average of the
// network's and the wide branch's weights over the last steps). The trainer validates, selects and
// keeps the average instead of the last step's weights: one step's weights depend on the last few
// mini-batches, so with a few thousand posts the validation figure of consecutive epochs jumps by
// points and early stopping picks noise; the average of the recent steps is a flatter, steadier
// point on the same trajectory, and costs nothing at inference.
//
// The horizon is in epochs (the average weighs the last ~horizon epochs' steps), so it means the
// same with 300 posts and with 50,000. Early on, the decay is capped at (1 + n) / (10 + n) after n
// updates (as TensorFlow's ExponentialMovingAverage with num_updates), so the average is not held
// back by the random initial weights. Not thread-safe; the trainer calls it between steps.
#pragma once

#include <cstdint>

#include "model/network.h"
#include "model/wide_layer.h"

namespace sentinela::model {

class WeightAverage {
public:
    // Averages every `every` steps (the update reads all the weights once: ~4 M floats with the
    // wide branch, so not after every step).
    WeightAverage(const Network<float>& network,
                  const WideLayer<float>* wide,
                  double horizonEpochs,
                  std::int64_t stepsPerEpoch,
                  int every = 4);

    // Call after optimizer step number `step` (0-based).
    void update(std::int64_t step, Network<float>& network, WideLayer<float>* wide);

    // Exchanges the averaged weights with the network's (and the wide branch's): call once to
    // validate the average, once more to continue training from the last step's weights.
    void swap(Network<float>& network, WideLayer<float>* wide);

    double decayPerUpdate() const { return decay_; }

private:
    NetworkParams<float> average_;
    Matrix<float> wideAverage_;  // L x B, scale folded in
    float swappedScale_ = 1.0f;  // the wide branch's scale while the average is swapped in
    bool swapped_ = false;
    double decay_ = 0.0;
    int every_ = 4;
    std::int64_t updates_ = 0;
};

}  // namespace sentinela::model
