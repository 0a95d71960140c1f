// Internal: output functions and losses on a batch's logits (L x B, the batch's sorted order).
//   single-label: softmax + class-weighted cross-entropy,  loss_k = -w[y_k] log p[y_k]; with label
//                 smoothing e the target is (1 - e) on y_k plus e / L on every label:
//                 loss_k = -w[y_k] sum_j q_j log p_j, dL/dz = w[y_k] (p - q)
//   multi-label:  one sigmoid per label + binary cross-entropy, positives weighted by w[label]
// Each returns the SUM of the per-post losses divided by `normalizer` (the caller passes the
// total weight of the whole mini-batch, so sub-batches on different threads add up exactly), and
// writes dL/dlogits into `logitGrad`. Targets are indexed by the caller's post index.
#pragma once

#include <cstdint>
#include <span>

#include "model/packed_batch.h"
#include "model/tensor_layout.h"

namespace sentinela::model {

template <typename Scalar>
double softmaxCrossEntropy(const Eigen::Ref<const Matrix<Scalar>>& logits,
                           const PackedBatch& batch,
                           std::span<const std::int32_t> targets,
                           std::span<const float> classWeights,
                           double normalizer,
                           Eigen::Ref<Matrix<Scalar>> logitGrad,
                           double labelSmoothing = 0.0);

// targets: posts x L row-major 0/1 (caller's post index).
template <typename Scalar>
double sigmoidCrossEntropy(const Eigen::Ref<const Matrix<Scalar>>& logits,
                           const PackedBatch& batch,
                           std::span<const std::uint8_t> targets,
                           std::span<const float> positiveWeights,
                           double normalizer,
                           Eigen::Ref<Matrix<Scalar>> logitGrad);

// Probabilities in place on one column of logits: softmax, or a sigmoid per entry.
template <typename Scalar, typename Column>
void toProbabilities(Column&& column, bool multiLabel) {
    if (multiLabel) {
        column.array() = column.array().logistic();
    } else {
        const Scalar best = column.maxCoeff();
        column.array() = (column.array() - best).exp();
        column /= column.sum();
    }
}

// A classifier's scores from its final logits: toProbabilities(logits / temperature), the
// temperature fitted after training (model/calibration.h). Every branch that adds to the logits
// must do so before this, so that the one temperature calibrates their sum.
template <typename Scalar, typename Column>
void toCalibratedProbabilities(Column&& column, bool multiLabel, Scalar temperature) {
    if (temperature != Scalar(1)) {
        column /= temperature;
    }
    toProbabilities<Scalar>(column, multiLabel);
}

}  // namespace sentinela::model
