// Internal: the language-model head of pretraining (ULMFiT/ELMo style). Over the encoder's top
// outputs (D x N, model/tensor_layout.h), the forward direction's h_t predicts token t+1 and the
// backward direction's h_t predicts token t-1 of the same post; both share one output layer.
//
// Training uses a sampled softmax (Jean et al. 2015): each prediction's target competes with S
// candidates drawn once per mini-batch from the unigram distribution^0.75, every logit corrected
// by -log(expected count of its id among the draws), accidental hits of the target removed. Cost
// per prediction: S*H instead of V*H. Evaluation (perplexity) uses the exact full softmax.
//
// Layout: softmax weight H x V (column v scores token v, like the embedding), bias V x 1.
// Gradients of the softmax are compact: one column per candidate of the step (the samples, then
// the targets that are not samples), so a worker never touches an H x V buffer.
// Not thread-safe; one LmHeadScratch per worker, weights shared read-only.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "model/packed_batch.h"
#include "model/random.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

template <typename Scalar>
struct SoftmaxWeights {
    Matrix<Scalar> weight;  // H x V
    Matrix<Scalar> bias;    // V x 1
};

// The candidates of one step: unique sampled ids first, then the targets that were not sampled.
// compactIndex[id] is the candidate's column in the compact gradient, or -1.
struct LmCandidates {
    std::vector<std::int32_t> ids;
    int sampled = 0;                         // ids[0, sampled) are the samples
    std::vector<float> logExpected;          // per candidate: log expected count (samples only)
    std::vector<std::int32_t> compactIndex;  // V entries; reset() puts -1 back
    void reset();
};

// Draws ids ~ count^0.75 (alias-free: cumulative table + binary search, S log V per step).
class CandidateSampler {
public:
    // counts: occurrences of every id in the corpus (pad and unknown may be 0).
    explicit CandidateSampler(std::span<const std::int64_t> counts, int draws);
    // Fills candidates with the unique ids of `draws` draws, then appends `targets` not drawn.
    void sample(Random& random,
                std::span<const std::int32_t> targets,
                LmCandidates& candidates) const;
    int draws() const { return draws_; }

private:
    std::vector<double> cumulative_;
    std::vector<float> logExpected_;  // per id: log(1 - (1 - q)^draws)
    int draws_;
};

// Which columns of a packed batch predict which token: for the forward direction the columns of
// steps 0..len-2 (target: the next token), for the backward one steps 1..len-1 (the previous).
struct LmTargets {
    std::vector<std::int32_t> forwardColumns, forwardTargets;
    std::vector<std::int32_t> backwardColumns, backwardTargets;
    int count() const { return int(forwardColumns.size() + backwardColumns.size()); }
    void collect(const PackedBatch& batch, bool bidirectional);
};

template <typename Scalar>
struct LmHeadScratch {
    Scratch<Scalar> hidden;      // H x P: the predicting states (forward ones, then backward)
    Scratch<Scalar> hiddenMask;  // H x P: dropout
    Scratch<Scalar> logits;      // S x P, then their gradient
    Scratch<Scalar> hiddenGrad;  // H x P
    Scratch<Scalar> candidateW;  // H x S: the sampled columns of the softmax weight
    Matrix<Scalar> weightGrad;   // H x C compact (C = candidates), accumulated
    Matrix<Scalar> biasGrad;     // C x 1 compact
    std::vector<Scalar> targetLogit;
};

// Sampled-softmax loss of one worker's share of a mini-batch: sum over its predictions of
// -log p(target) divided by `normalizer` (the mini-batch's prediction count). Writes dL/dY into
// outputGrad (D x N, zeros where nothing is predicted) and accumulates the compact softmax
// gradient into scratch.weightGrad / biasGrad (sized to the candidates by the call).
template <typename Scalar>
double sampledSoftmaxLoss(const SoftmaxWeights<Scalar>& softmax,
                          const LmTargets& targets,
                          const LmCandidates& candidates,
                          int hiddenSize,
                          const Eigen::Ref<const Matrix<Scalar>>& top,
                          float dropout,
                          Random* random,
                          double normalizer,
                          LmHeadScratch<Scalar>& scratch,
                          Eigen::Ref<Matrix<Scalar>> outputGrad);

// Exact negative log-likelihood sums (full softmax over V) of the forward and the backward
// predictions, for perplexity: nll[0] forward, nll[1] backward.
void fullSoftmaxNll(const SoftmaxWeights<float>& softmax,
                    const LmTargets& targets,
                    int hiddenSize,
                    const Eigen::Ref<const Matrix<float>>& top,
                    Matrix<float>& logitsScratch,
                    double nll[2]);

}  // namespace sentinela::model
