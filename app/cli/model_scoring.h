// Scoring labeled posts with a classifier, shared by `eval`, `scan --target-precision` and the
// demo: the gold labels as indices, the scores as one flat row-major matrix (metrics.h's layout),
// and which labels count as "flagged" (the ones an analyst wants to find). Not thread-safe
// per object; the functions share no state.
#pragma once

#include <cstdint>
#include <optional>
#include <stop_token>
#include <vector>

#include "model/classifier.h"
#include "model/labeled_texts.h"
#include "model/metrics.h"

namespace sentinela::cli {

struct ScoredLabeled {
    std::size_t labelCount = 0;
    bool multiLabel = false;
    std::vector<std::int32_t> gold;     // single-label: one index per post
    std::vector<std::uint8_t> goldSet;  // multi-label: posts x labels, 0/1
    std::vector<float> scores;          // posts x labels
    std::size_t posts() const { return labelCount == 0 ? 0 : scores.size() / labelCount; }
    // One label's column: 1 when the post has it, and its score.
    std::vector<std::uint8_t> goldOf(int label) const;
    std::vector<float> scoresOf(int label) const;
};

// Scores every post on all cores. Throws CommandError(kBadInput) when a post's label is not one
// of the model's labels (naming it and the model's labels).
ScoredLabeled scoreLabeled(const model::Classifier& classifier,
                           const model::LabeledTexts& labeled,
                           std::stop_token stop);

// computeMetrics / computeMultiLabelMetrics with the model's thresholds, or `binaryThreshold`.
model::Metrics computeScoredMetrics(const model::Classifier& classifier,
                                    const ScoredLabeled& scored,
                                    std::optional<float> binaryThreshold);

// The labels that mean "needs attention": for a binary task the second label ("offensive" of
// not-offensive/offensive), for multi-label tasks every label, otherwise every label that is not
// a "nothing to see" label (neutral, none, other, positive, not-..., clean, safe). Never empty.
std::vector<int> defaultFlagLabels(const model::Classifier& classifier);

// Indices of `names` among the model's labels; throws CommandError(kUsage) for an unknown name.
std::vector<int> labelIndices(const model::Classifier& classifier,
                              const std::vector<std::string>& names);

}  // namespace sentinela::cli
