// Internal: one optimisation step of language-model pretraining, like TrainingStep for the
// classifier: the mini-batch's posts are split over worker threads (dealByLength), each runs the
// encoder and the sampled-softmax head forward and backward into its own gradient buffers with its
// own dropout stream, the buffers are summed in worker order, clipped by global norm, and AdamW
// updates the encoder (embedding columns lazily) while a lazy Adam updates only the softmax columns
// of the step's candidates; each worker sums and updates its own slice of both once every backward
// pass is done. Not thread-safe itself (it owns the worker threads).
#pragma once

#include <cstdint>
#include <vector>

#include "model/adamw.h"
#include "model/encoder_impl.h"
#include "model/lm_head.h"
#include "model/pretrainer.h"
#include "model/worker_pool.h"

namespace sentinela::model {

class LmStep {
public:
    LmStep(const PretrainConfig& config,
           Encoder::Impl& encoder,
           const std::vector<std::vector<std::int32_t>>& posts,
           const CandidateSampler& sampler);
    ~LmStep();

    struct Result {
        double loss = 0.0;  // mean sampled-softmax loss per prediction
        std::int64_t predictions = 0;
        std::int64_t tokens = 0;
    };
    Result run(const std::vector<int>& batch, std::int64_t globalStep, float learningRate);

    AdamW& optimizer() { return optimizer_; }
    // Lazy Adam state of the softmax: first and second moments, H x V and V x 1 each.
    SoftmaxWeights<float>& softmaxFirstMoment() { return softmaxM_; }
    SoftmaxWeights<float>& softmaxSecondMoment() { return softmaxV_; }

private:
    struct Worker;
    void runWorker(Worker& worker, double normalizer, std::uint64_t seed);
    // The lazy Adam of the softmax columns of candidates [firstCandidate, endCandidate).
    void updateSoftmax(float learningRate, Eigen::Index firstCandidate, Eigen::Index endCandidate);

    const PretrainConfig& config_;
    Encoder::Impl& encoder_;
    const std::vector<std::vector<std::int32_t>>& posts_;
    const CandidateSampler& sampler_;
    AdamW optimizer_;
    SoftmaxWeights<float> softmaxM_, softmaxV_;
    LmCandidates candidates_;
    std::vector<Worker> workers_;
    WorkerPool pool_;  // one thread per worker, for the whole run
    std::vector<std::int32_t> batchTokens_;
    std::vector<std::uint8_t> seen_;
    std::vector<std::int32_t> touched_;
};

}  // namespace sentinela::model
