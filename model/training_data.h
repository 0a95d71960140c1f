// Internal: the training data as the trainer uses it: label indices, encoded posts, class
// weights, length-bucketed mini-batches and a fingerprint of the data. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/labeled_texts.h"
#include "model/random.h"
#include "model/trainer.h"
#include "model/wide_features.h"
#include "nlp/tokenizer.h"

namespace sentinela::model {

struct EncodedSet {
    std::vector<std::vector<std::int32_t>> ids;
    std::vector<std::int32_t> targets;       // single-label: label index per post
    std::vector<std::uint8_t> multiTargets;  // multi-label: posts x L row-major 0/1
    // With the wide branch: per post, n-gram counts after encodeSet, tf-idf after applyTfidf.
    std::vector<SparseFeatures> wide;
    std::int64_t tokens = 0;
};

// config.labels, or the sorted label names of `train`. Throws TrainError when fewer than two
// (single-label) or one (multi-label) label results.
std::vector<std::string> resolveLabels(const TrainConfig& config, const LabeledTexts& train);

// The labels (in `labels` order) that no post of `texts` carries.
std::vector<std::string> absentLabels(const LabeledTexts& texts,
                                      const std::vector<std::string>& labels);

// Encodes texts with `threads` threads (with config.wide.enabled, also counts their n-grams);
// throws TrainError naming the split and example when a label is unknown, or a single-label example
// has not exactly one label.
EncodedSet encodeSet(const nlp::Tokenizer& tokenizer,
                     const LabeledTexts& texts,
                     const std::vector<std::string>& labels,
                     const TrainConfig& config,
                     const std::string& splitName);

// Per label: softmax class weights, or sigmoid positive weights; empty = all 1.
std::vector<float> classWeights(const TrainConfig& config, const EncodedSet& train, int labels);

// Shuffles, then sorts pools of 50 batches by length so a batch holds similar lengths (little
// wasted recurrence work), then shuffles the batch order. Deterministic for a Random state.
std::vector<std::vector<int>> makeBatches(const EncodedSet& set, int batchSize, Random& random);

// FNV-1a 64 over every text and label, as 16 hex digits.
std::string dataHash(const LabeledTexts& texts);

int resolveThreads(int threads);

}  // namespace sentinela::model
