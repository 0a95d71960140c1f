#include "model/pooling.h"

#include <cmath>

namespace sentinela::model {

namespace {

template <typename Scalar>
void attentionForward(const AttentionWeights<Scalar>& attention,
                      const PackedBatch& batch,
                      const Eigen::Ref<const Matrix<Scalar>>& outputs,
                      PoolingCache<Scalar>& cache,
                      MatrixMap<Scalar>& pooled) {
    const Eigen::Index n = batch.tokens();
    auto u = cache.hiddenScores.view(attention.w.rows(), n);
    u.noalias() = attention.w * outputs;
    u.colwise() += attention.bias.col(0);
    u.array() = u.array().tanh();
    auto alpha = cache.weights.view(1, n);
    alpha.noalias() = attention.v.transpose() * u;
    // Softmax over each post's own tokens (max-subtracted for stability).
    for (int k = 0; k < batch.posts(); ++k) {
        Scalar best = alpha(0, batch.column(0, k));
        for (int t = 1; t < batch.length(k); ++t) {
            best = std::max(best, alpha(0, batch.column(t, k)));
        }
        Scalar sum = 0;
        for (int t = 0; t < batch.length(k); ++t) {
            Scalar& a = alpha(0, batch.column(t, k));
            a = std::exp(a - best);
            sum += a;
        }
        pooled.col(k).setZero();
        for (int t = 0; t < batch.length(k); ++t) {
            const int j = batch.column(t, k);
            alpha(0, j) /= sum;
            pooled.col(k) += alpha(0, j) * outputs.col(j);
        }
    }
}

template <typename Scalar>
void attentionBackward(const AttentionWeights<Scalar>& attention,
                       const PackedBatch& batch,
                       const Eigen::Ref<const Matrix<Scalar>>& outputs,
                       const Eigen::Ref<const Matrix<Scalar>>& pooledGradient,
                       PoolingCache<Scalar>& cache,
                       AttentionWeights<Scalar>& gradients,
                       Eigen::Ref<Matrix<Scalar>> outputGradient) {
    const Eigen::Index n = batch.tokens();
    auto u = cache.hiddenScores.existing(attention.w.rows(), n);
    auto alpha = cache.weights.existing(1, n);
    auto scoreGrad = cache.weightGrads.view(1, n);
    for (int k = 0; k < batch.posts(); ++k) {
        Scalar weighted = 0;
        for (int t = 0; t < batch.length(k); ++t) {
            const int j = batch.column(t, k);
            outputGradient.col(j) = alpha(0, j) * pooledGradient.col(k);
            scoreGrad(0, j) = pooledGradient.col(k).dot(outputs.col(j));
            weighted += alpha(0, j) * scoreGrad(0, j);
        }
        for (int t = 0; t < batch.length(k); ++t) {
            const int j = batch.column(t, k);
            scoreGrad(0, j) = alpha(0, j) * (scoreGrad(0, j) - weighted);
        }
    }
    gradients.v.noalias() += u * scoreGrad.transpose();
    // u becomes dL/d(pre-tanh) = v * ds * (1 - u^2).
    for (Eigen::Index j = 0; j < n; ++j) {
        u.col(j).array() = (scoreGrad(0, j) * attention.v.col(0).array()) *
                           (Scalar(1) - u.col(j).array().square());
    }
    gradients.w.noalias() += u * outputs.transpose();
    gradients.bias.col(0) += u.rowwise().sum();
    outputGradient.noalias() += attention.w.transpose() * u;
}

}  // namespace

template <typename Scalar>
void poolForward(Pooling kind,
                 int hiddenSize,
                 bool bidirectional,
                 const AttentionWeights<Scalar>& attention,
                 const PackedBatch& batch,
                 const Eigen::Ref<const Matrix<Scalar>>& outputs,
                 PoolingCache<Scalar>& cache) {
    const Eigen::Index d = outputs.rows();
    const int posts = batch.posts();
    auto pooled = cache.pooled.view(d, posts);
    switch (kind) {
        case Pooling::kLast:
            for (int k = 0; k < posts; ++k) {
                pooled.col(k).head(hiddenSize) =
                        outputs.col(batch.column(batch.length(k) - 1, k)).head(hiddenSize);
                if (bidirectional) {
                    pooled.col(k).tail(hiddenSize) =
                            outputs.col(batch.column(0, k)).tail(hiddenSize);
                }
            }
            break;
        case Pooling::kMean:
            for (int k = 0; k < posts; ++k) {
                pooled.col(k) = outputs.col(batch.column(0, k));
                for (int t = 1; t < batch.length(k); ++t) {
                    pooled.col(k) += outputs.col(batch.column(t, k));
                }
                pooled.col(k) /= Scalar(batch.length(k));
            }
            break;
        case Pooling::kMax:
            // Vectorised max; the winning token of each row is found again in backward, only
            // when training needs it.
            for (int k = 0; k < posts; ++k) {
                pooled.col(k) = outputs.col(batch.column(0, k));
                for (int t = 1; t < batch.length(k); ++t) {
                    pooled.col(k) = pooled.col(k).cwiseMax(outputs.col(batch.column(t, k)));
                }
            }
            break;
        case Pooling::kAttention:
            attentionForward(attention, batch, outputs, cache, pooled);
            break;
    }
}

template <typename Scalar>
void poolBackward(Pooling kind,
                  int hiddenSize,
                  bool bidirectional,
                  const AttentionWeights<Scalar>& attention,
                  const PackedBatch& batch,
                  const Eigen::Ref<const Matrix<Scalar>>& outputs,
                  const Eigen::Ref<const Matrix<Scalar>>& pooledGradient,
                  PoolingCache<Scalar>& cache,
                  AttentionWeights<Scalar>& attentionGradients,
                  Eigen::Ref<Matrix<Scalar>> outputGradient) {
    const Eigen::Index d = outputs.rows();
    const int posts = batch.posts();
    if (kind == Pooling::kAttention) {
        attentionBackward(attention, batch, outputs, pooledGradient, cache, attentionGradients,
                          outputGradient);
        return;
    }
    outputGradient.setZero();
    for (int k = 0; k < posts; ++k) {
        switch (kind) {
            case Pooling::kLast:
                outputGradient.col(batch.column(batch.length(k) - 1, k)).head(hiddenSize) =
                        pooledGradient.col(k).head(hiddenSize);
                if (bidirectional) {
                    outputGradient.col(batch.column(0, k)).tail(hiddenSize) =
                            pooledGradient.col(k).tail(hiddenSize);
                }
                break;
            case Pooling::kMean: {
                const Scalar scale = Scalar(1) / Scalar(batch.length(k));
                for (int t = 0; t < batch.length(k); ++t) {
                    outputGradient.col(batch.column(t, k)) = scale * pooledGradient.col(k);
                }
                break;
            }
            case Pooling::kMax: {
                // The gradient goes to the first token holding the maximum (as the forward pass,
                // which keeps the earlier value on ties).
                auto pending = cache.pending.view(d, 1);
                pending.setOnes();
                auto maximum = cache.pooled.existing(d, posts).col(k);
                for (int t = 0; t < batch.length(k); ++t) {
                    const int j = batch.column(t, k);
                    for (Eigen::Index r = 0; r < d; ++r) {
                        if (pending(r, 0) != 0 && outputs(r, j) == maximum(r)) {
                            outputGradient(r, j) = pooledGradient(r, k);
                            pending(r, 0) = 0;
                        }
                    }
                }
                break;
            }
            case Pooling::kAttention:
                break;
        }
    }
}

#define SENTINELA_INSTANTIATE_POOLING(Scalar)                                                      \
    template void poolForward<Scalar>(Pooling, int, bool, const AttentionWeights<Scalar>&,         \
                                      const PackedBatch&, const Eigen::Ref<const Matrix<Scalar>>&, \
                                      PoolingCache<Scalar>&);                                      \
    template void poolBackward<Scalar>(                                                            \
            Pooling, int, bool, const AttentionWeights<Scalar>&, const PackedBatch&,               \
            const Eigen::Ref<const Matrix<Scalar>>&, const Eigen::Ref<const Matrix<Scalar>>&,      \
            PoolingCache<Scalar>&, AttentionWeights<Scalar>&, Eigen::Ref<Matrix<Scalar>>);
SENTINELA_INSTANTIATE_POOLING(float)
SENTINELA_INSTANTIATE_POOLING(double)
#undef SENTINELA_INSTANTIATE_POOLING

}  // namespace sentinela::model
