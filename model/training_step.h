// Internal: one optimisation step of the trainer. A mini-batch is split over the worker threads
// (longest first in snake order, so every worker gets similar lengths: dealByLength); each worker
// runs forward and backward on its share into its own gradient buffer with its own dropout stream
// (seed, step, worker); the buffers are summed in worker order, clipped by global norm, and
// AdamW updates the weights, each worker summing and updating its own slice of the parameters
// (model/sliced_update.h) once every backward pass is done. With a wide branch
// (model/wide_layer.h), its logits are added to the network's before the loss, its sparse gradients
// are summed the same way, and its own optimizer (model/wide_optimizer.h) updates it at
// config.wide.learningRate, scaled by the same schedule; its gradient is not part of the clipped
// norm (an optimizer of its own, tuned apart). Reproducible for a fixed seed and thread count. Not
// thread-safe itself (it owns the worker threads).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/adamw.h"
#include "model/network.h"
#include "model/trainer.h"
#include "model/training_data.h"
#include "model/wide_layer.h"
#include "model/wide_optimizer.h"
#include "model/worker_pool.h"

namespace sentinela::model {

class TrainingStep {
public:
    TrainingStep(const TrainConfig& config,
                 const EncodedSet& train,
                 std::vector<float> classWeights,
                 Network<float>& network,
                 WideLayer<float>* wide = nullptr);  // train.wide must hold tf-idf features
    ~TrainingStep();

    // Updates the network on `batch` (indices into train); returns the batch's mean loss.
    double run(const std::vector<int>& batch, std::int64_t globalStep, float learningRate);
    // Fine-tuning: the embedding and LSTM step at this fraction of the rate (0 = frozen).
    void setEncoderRateScale(float scale) { encoderRateScale_ = scale; }

private:
    struct Worker;
    void runWorker(Worker& worker, double normalizer, std::uint64_t seed);
    void collectTouched(const std::vector<int>& batch);
    void stepWide(int threads, float learningRate);

    const TrainConfig& config_;
    const EncodedSet& train_;
    std::vector<float> classWeights_;
    Network<float>& network_;
    AdamW optimizer_;
    std::vector<Worker> workers_;
    WorkerPool pool_;  // one thread per worker, for the whole run
    std::vector<std::uint8_t> seen_;
    std::vector<std::int32_t> touched_;
    float encoderRateScale_ = 1.0f;
    WideLayer<float>* wide_;
    std::unique_ptr<WideOptimizer> wideOptimizer_;
    std::vector<std::uint8_t> seenBuckets_;
    std::vector<std::int32_t> touchedBuckets_;
};

}  // namespace sentinela::model
