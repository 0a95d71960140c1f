// Internal: one optimisation step of the trainer. A mini-batch is split over the worker threads
// (post i goes to worker i mod threads, so every worker gets similar lengths); each worker runs
// forward and backward on its share into its own gradient buffer with its own dropout stream
// (seed, step, worker); the buffers are summed in worker order, clipped by global norm, and
// AdamW updates the weights. Reproducible for a fixed seed and thread count.
// Not thread-safe itself (it owns the worker threads of a step).
#pragma once

#include <cstdint>
#include <vector>

#include "model/adamw.h"
#include "model/network.h"
#include "model/trainer.h"
#include "model/training_data.h"

namespace sentinela::model {

class TrainingStep {
public:
    TrainingStep(const TrainConfig& config,
                 const EncodedSet& train,
                 std::vector<float> classWeights,
                 Network<float>& network);
    ~TrainingStep();

    // Updates the network on `batch` (indices into train); returns the batch's mean loss.
    double run(const std::vector<int>& batch, std::int64_t globalStep, float learningRate);
    // Fine-tuning: the embedding and LSTM step at this fraction of the rate (0 = frozen).
    void setEncoderRateScale(float scale) { encoderRateScale_ = scale; }

private:
    struct Worker;
    void runWorker(Worker& worker, double normalizer, std::uint64_t seed);
    void collectTouched(const std::vector<int>& batch);
    void reduceAndClip(int threads);

    const TrainConfig& config_;
    const EncodedSet& train_;
    std::vector<float> classWeights_;
    Network<float>& network_;
    AdamW optimizer_;
    std::vector<Worker> workers_;
    std::vector<std::uint8_t> seen_;
    std::vector<std::int32_t> touched_;
    float encoderRateScale_ = 1.0f;
};

}  // namespace sentinela::model
