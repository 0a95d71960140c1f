#include "model/loss.h"

#include <cmath>

namespace sentinela::model {

template <typename Scalar>
double softmaxCrossEntropy(const Eigen::Ref<const Matrix<Scalar>>& logits,
                           const PackedBatch& batch,
                           std::span<const std::int32_t> targets,
                           std::span<const float> classWeights,
                           double normalizer,
                           Eigen::Ref<Matrix<Scalar>> logitGrad,
                           double labelSmoothing) {
    const Eigen::Index labels = logits.rows();
    const double spread = labelSmoothing / double(labels);  // every label's share of the target
    double loss = 0.0;
    for (int k = 0; k < batch.posts(); ++k) {
        const int target = targets[batch.inputIndex(k)];
        const double weight = classWeights.empty() ? 1.0 : classWeights[target];
        auto p = logitGrad.col(k);
        p = logits.col(k);
        toProbabilities<Scalar>(p, false);
        double postLoss = -(1.0 - labelSmoothing) * std::log(std::max(double(p(target)), 1e-30));
        if (spread > 0.0) {
            for (Eigen::Index j = 0; j < labels; ++j) {
                postLoss -= spread * std::log(std::max(double(p(j)), 1e-30));
            }
            p.array() -= Scalar(spread);
        }
        loss += weight * postLoss;
        p(target) -= Scalar(1.0 - labelSmoothing);
        p *= Scalar(weight / normalizer);
    }
    return loss / normalizer;
}

template <typename Scalar>
double sigmoidCrossEntropy(const Eigen::Ref<const Matrix<Scalar>>& logits,
                           const PackedBatch& batch,
                           std::span<const std::uint8_t> targets,
                           std::span<const float> positiveWeights,
                           double normalizer,
                           Eigen::Ref<Matrix<Scalar>> logitGrad) {
    const Eigen::Index labels = logits.rows();
    double loss = 0.0;
    for (int k = 0; k < batch.posts(); ++k) {
        const std::uint8_t* y = targets.data() + batch.inputIndex(k) * labels;
        for (Eigen::Index j = 0; j < labels; ++j) {
            const double z = logits(j, k);
            // log(sigmoid(z)) and log(1 - sigmoid(z)) without overflow.
            const double logP = -std::log1p(std::exp(-std::abs(z))) + std::min(z, 0.0);
            const double logQ = logP - z;
            const double s = 1.0 / (1.0 + std::exp(-z));
            const double a = positiveWeights.empty() ? 1.0 : positiveWeights[j];
            if (y[j] != 0) {
                loss -= a * logP;
                logitGrad(j, k) = Scalar(a * (s - 1.0) / normalizer);
            } else {
                loss -= logQ;
                logitGrad(j, k) = Scalar(s / normalizer);
            }
        }
    }
    return loss / normalizer;
}

template double softmaxCrossEntropy<float>(const Eigen::Ref<const Matrix<float>>&,
                                           const PackedBatch&,
                                           std::span<const std::int32_t>,
                                           std::span<const float>,
                                           double,
                                           Eigen::Ref<Matrix<float>>,
                                           double);
template double softmaxCrossEntropy<double>(const Eigen::Ref<const Matrix<double>>&,
                                            const PackedBatch&,
                                            std::span<const std::int32_t>,
                                            std::span<const float>,
                                            double,
                                            Eigen::Ref<Matrix<double>>,
                                            double);
template double sigmoidCrossEntropy<float>(const Eigen::Ref<const Matrix<float>>&,
                                           const PackedBatch&,
                                           std::span<const std::uint8_t>,
                                           std::span<const float>,
                                           double,
                                           Eigen::Ref<Matrix<float>>);
template double sigmoidCrossEntropy<double>(const Eigen::Ref<const Matrix<double>>&,
                                            const PackedBatch&,
                                            std::span<const std::uint8_t>,
                                            std::span<const float>,
                                            double,
                                            Eigen::Ref<Matrix<double>>);

}  // namespace sentinela::model
