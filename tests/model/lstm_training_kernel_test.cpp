// The training recurrence with its per-step products on this CPU's kernel (wh packed once per
// call, model/lstm_direction.cpp) computes what it computes with Eigen's GEMM: the same hidden
// states forward, the same weight and input gradients backward.
#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <vector>

#include "model/lstm_direction.h"
#include "model/lstm_kernel.h"
#include "model/random.h"

namespace sentinela::model {
namespace {

PackedBatch someBatch(std::vector<std::vector<std::int32_t>>& posts) {
    Random random(5);
    for (int p = 0; p < 23; ++p) {  // full column tiles and remainders at every step
        posts.emplace_back(1 + random.below(17), 0);
    }
    std::vector<std::span<const std::int32_t>> spans(posts.begin(), posts.end());
    PackedBatch batch;
    batch.pack(spans);
    return batch;
}

LstmWeights<float> randomWeights(int hidden, int inputDim, float spread) {
    LstmWeights<float> w;
    w.wx = Matrix<float>::Random(4 * hidden, inputDim) * spread;
    w.wh = Matrix<float>::Random(4 * hidden, hidden) * spread;
    w.bias = Matrix<float>::Random(4 * hidden, 1);
    return w;
}

float worstDifference(const Matrix<float>& a, const Matrix<float>& b) {
    return (a - b).cwiseAbs().maxCoeff() / std::max(1.0f, b.cwiseAbs().maxCoeff());
}

TEST(LstmTrainingKernel, ForwardAndBackwardMatchEigensProducts) {
    std::vector<std::vector<std::int32_t>> posts;
    const PackedBatch batch = someBatch(posts);
    const int n = batch.tokens();
    // 64 input rows: wx^T on the kernel too; 24: Eigen's product for it.
    for (const auto& [hidden, inputDim] : {std::pair{64, 24}, std::pair{128, 64}}) {
        if (lstmKernelForRows(hidden) == nullptr) {
            GTEST_SKIP() << "no kernel for hidden " << hidden << " on this CPU";
        }
        SCOPED_TRACE("hidden " + std::to_string(hidden) + ", input " + std::to_string(inputDim) +
                     ", kernel " + lstmKernelForRows(hidden)->name);
        const auto weights = randomWeights(hidden, inputDim, 0.5f);
        const Matrix<float> input = Matrix<float>::Random(inputDim, n);
        const Matrix<float> hiddenGradient = Matrix<float>::Random(hidden, n);
        LstmCache<float> withKernel, withEigen;
        withEigen.allowKernel = false;
        lstmForward<float>(weights, batch, input, withKernel);
        lstmForward<float>(weights, batch, input, withEigen);
        EXPECT_LT(worstDifference(withKernel.hidden.existing(hidden, n),
                                  withEigen.hidden.existing(hidden, n)),
                  1e-5f);

        LstmWeights<float> gradKernel = randomWeights(hidden, inputDim, 0.0f);
        LstmWeights<float> gradEigen = gradKernel;
        Matrix<float> inputGradKernel(inputDim, n), inputGradEigen(inputDim, n);
        lstmBackward<float>(weights, batch, input, hiddenGradient, withKernel, gradKernel,
                            inputGradKernel);
        lstmBackward<float>(weights, batch, input, hiddenGradient, withEigen, gradEigen,
                            inputGradEigen);
        EXPECT_LT(worstDifference(gradKernel.wx, gradEigen.wx), 1e-4f);
        EXPECT_LT(worstDifference(gradKernel.wh, gradEigen.wh), 1e-4f);
        EXPECT_LT(worstDifference(gradKernel.bias, gradEigen.bias), 1e-4f);
        EXPECT_LT(worstDifference(inputGradKernel, inputGradEigen), 1e-4f);
        // A wrong row or column gives differences of order 1; the gradient is not all zeros.
        EXPECT_GT(gradKernel.wh.cwiseAbs().maxCoeff(), 1e-3f);
    }
}

}  // namespace
}  // namespace sentinela::model
