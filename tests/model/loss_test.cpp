// The losses' gradients against finite differences, and label smoothing's target: class-weighted
// softmax cross-entropy with and without smoothing.
#include "model/loss.h"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

namespace sentinela::model {
namespace {

struct LossCase {
    PackedBatch batch;
    std::vector<std::int32_t> targets = {2, 0, 1, 2};
    std::vector<std::vector<std::int32_t>> posts = {{1, 2}, {3}, {4, 5, 6}, {7}};
    Matrix<double> logits;
    LossCase() {
        std::vector<std::span<const std::int32_t>> spans(posts.begin(), posts.end());
        batch.pack(spans);
        logits.resize(3, batch.posts());
        logits << 0.3, -1.2, 2.0, 0.1, -0.7, 0.4, -0.5, 1.5, 1.1, 0.0, 0.9, -2.0;
    }
};

double lossOf(const LossCase& c, const Matrix<double>& logits, double smoothing) {
    Matrix<double> grad(logits.rows(), logits.cols());
    const std::vector<float> weights = {1.0f, 2.0f, 0.5f};
    return softmaxCrossEntropy<double>(logits, c.batch, c.targets, weights, 4.0, grad, smoothing);
}

TEST(SoftmaxCrossEntropy, GradientMatchesFiniteDifferencesWithAndWithoutSmoothing) {
    LossCase c;
    const std::vector<float> weights = {1.0f, 2.0f, 0.5f};
    for (const double smoothing : {0.0, 0.1, 0.3}) {
        Matrix<double> grad(c.logits.rows(), c.logits.cols());
        softmaxCrossEntropy<double>(c.logits, c.batch, c.targets, weights, 4.0, grad, smoothing);
        for (Eigen::Index i = 0; i < c.logits.size(); ++i) {
            Matrix<double> up = c.logits;
            Matrix<double> down = c.logits;
            up.data()[i] += 1e-6;
            down.data()[i] -= 1e-6;
            const double numeric = (lossOf(c, up, smoothing) - lossOf(c, down, smoothing)) / 2e-6;
            EXPECT_NEAR(grad.data()[i], numeric, 1e-7) << "smoothing " << smoothing << ", " << i;
        }
    }
}

TEST(SoftmaxCrossEntropy, SmoothingSpreadsTheTargetOverEveryLabel) {
    // With logits equal to log of the smoothed target, the gradient is zero: the smoothed
    // target is exactly (1 - e) on the gold label plus e / L everywhere.
    LossCase c;
    const double e = 0.2;
    Matrix<double> logits(3, c.batch.posts());
    for (int k = 0; k < c.batch.posts(); ++k) {
        const int target = c.targets[c.batch.inputIndex(k)];
        for (int j = 0; j < 3; ++j) {
            logits(j, k) = std::log((j == target ? 1.0 - e : 0.0) + e / 3.0);
        }
    }
    Matrix<double> grad(3, c.batch.posts());
    softmaxCrossEntropy<double>(logits, c.batch, c.targets, {}, 4.0, grad, e);
    EXPECT_LT(grad.cwiseAbs().maxCoeff(), 1e-12);
    // Without smoothing the same logits still push towards the gold label.
    softmaxCrossEntropy<double>(logits, c.batch, c.targets, {}, 4.0, grad, 0.0);
    EXPECT_GT(grad.cwiseAbs().maxCoeff(), 0.01);
}

}  // namespace
}  // namespace sentinela::model
