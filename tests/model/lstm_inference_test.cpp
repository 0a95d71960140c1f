// The fused inference kernel (model/lstm_inference.cpp) computes what the reference recurrence
// (lstmForward, used for training) computes: the same layer outputs for both directions, the same
// logits through the whole network, and a post's numbers do not depend on its batch.
#include "model/lstm_inference.h"

#include <cstdlib>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "model/network.h"
#include "tests/model/alone_vs_batched.h"

namespace sentinela::model {
namespace {

// Hidden sizes every kernel takes (a multiple of 16 floats covers AVX-512 and AVX2).
constexpr int kHiddenSizes[] = {16, 32, 64};

std::vector<std::vector<std::int32_t>> somePosts() {
    std::vector<std::vector<std::int32_t>> posts = {
            {3, 4, 5, 9, 12}, {6}, {2, 7, 8, 9, 10, 3, 21, 22, 23}, {11, 2}, {5, 5, 6, 7}};
    // Enough posts of one length for full register tiles and a remainder at every step.
    Random random(17);
    for (int p = 0; p < 9; ++p) {
        std::vector<std::int32_t> ids(3 + random.below(12));
        for (auto& id : ids) {
            id = static_cast<std::int32_t>(1 + random.below(29));
        }
        posts.push_back(std::move(ids));
    }
    return posts;
}

NetworkShape shapeWith(int hidden, int layers, Pooling pooling) {
    NetworkShape shape;
    shape.config.embeddingDim = 24;
    shape.config.hiddenSize = hidden;
    shape.config.layers = layers;
    shape.config.pooling = pooling;
    shape.config.attentionDim = 8;
    shape.config.embeddingDropout = 0;
    shape.config.layerDropout = 0;
    shape.config.outputDropout = 0;
    shape.vocabularySize = 30;
    shape.labels = 3;
    return shape;
}

// Weights larger than the initialisation, so that gates saturate and every branch of the
// sigmoid (including its exp path below -9) is exercised.
void widenWeights(Network<float>& network, float spread) {
    Random random(23);
    network.params().forEach(network.shape(), [&](const std::string&, Matrix<float>& m, bool) {
        for (Eigen::Index i = 0; i < m.size(); ++i) {
            m.data()[i] += spread * (random.uniform() - 0.5f);
        }
    });
}

// Each kernel this CPU runs (AVX-512 and AVX2 on an AVX-512 machine), not only the one chosen.
TEST(LstmInference, EveryKernelMatchesTheReferenceRecurrenceInBothDirections) {
    const auto posts = somePosts();
    std::vector<std::span<const std::int32_t>> spans(posts.begin(), posts.end());
    PackedBatch batch;
    batch.pack(spans);
    const int n = batch.tokens();
    if (availableLstmKernels().empty()) {
        GTEST_SKIP() << "this CPU runs no kernel (no AVX2): inference uses the reference";
    }
    for (const LstmKernel* kernel : availableLstmKernels()) {
        for (const int hidden : kHiddenSizes) {
            SCOPED_TRACE(std::string(kernel->name) + ", hidden " + std::to_string(hidden));
            Network<float> network(shapeWith(hidden, 1, Pooling::kMax));
            network.initialize(4);
            widenWeights(network, 3.0f);
            const auto& weights = network.params().lstm;
            const Matrix<float> input = Matrix<float>::Random(24, n) * 2.0f;
            LstmInferenceScratch scratch;
            Scratch<float> outputStorage;
            auto output = outputStorage.view(2 * hidden, n);
            lstmInferenceLayer(*kernel, weights, batch, input, scratch, output);

            LstmCache<float> forwardCache, backwardCache;
            lstmForward<float>(weights[0], batch, input, forwardCache);
            Matrix<float> reversed(24, n);
            for (int j = 0; j < n; ++j) {
                reversed.col(j) = input.col(batch.mirror(j));
            }
            lstmForward<float>(weights[1], batch, reversed, backwardCache);
            const auto forwardHidden = forwardCache.hidden.existing(hidden, n);
            const auto backwardHidden = backwardCache.hidden.existing(hidden, n);
            float worst = 0;
            for (int j = 0; j < n; ++j) {
                worst = std::max(
                        worst,
                        (output.col(j).head(hidden) - forwardHidden.col(j)).cwiseAbs().maxCoeff());
                worst = std::max(worst,
                                 (output.col(batch.mirror(j)).tail(hidden) - backwardHidden.col(j))
                                         .cwiseAbs()
                                         .maxCoeff());
            }
            // Float rounding of sums in a different order, grown over the steps; a wrong index
            // or gate gives errors of order 0.1.
            EXPECT_LT(worst, 5e-5f);
        }
    }
}

TEST(LstmInference, TheFastestKernelWhoseWidthDividesTheHiddenSizeIsChosen) {
    const auto kernels = availableLstmKernels();
    if (kernels.empty()) {
        EXPECT_EQ(lstmKernelFor(64), nullptr);
        GTEST_SKIP() << "this CPU runs no kernel (no AVX2)";
    }
    if (std::getenv("SENTINELA_KERNEL") != nullptr) {
        GTEST_SKIP() << "SENTINELA_KERNEL is set";
    }
    EXPECT_EQ(lstmKernelFor(64), kernels.front());
    EXPECT_TRUE(lstmKernelSupports(64));
    EXPECT_EQ(lstmKernelFor(0), nullptr);
    EXPECT_EQ(lstmKernelFor(12), nullptr);  // no vector width divides it: reference recurrence
    EXPECT_FALSE(lstmKernelSupports(12));
    for (std::size_t k = 1; k < kernels.size(); ++k) {
        EXPECT_LT(kernels[k]->lanes, kernels[k - 1]->lanes) << "fastest (widest) first";
    }
    // 24 hidden units: AVX-512's 16 floats do not divide it, AVX2's 8 do.
    const LstmKernel* for24 = lstmKernelFor(24);
    ASSERT_NE(for24, nullptr);
    EXPECT_EQ(24 % for24->lanes, 0);
}

TEST(LstmInference, NetworkInferenceMatchesTheTrainingPass) {
    // With every dropout rate at 0, a training forward pass (reference recurrence, caches kept)
    // and an inference pass (kernel) must give the same logits.
    const auto posts = somePosts();
    std::vector<std::span<const std::int32_t>> spans(posts.begin(), posts.end());
    PackedBatch batch;
    batch.pack(spans);
    for (const Pooling pooling : {Pooling::kMax, Pooling::kLast, Pooling::kAttention}) {
        for (const int layers : {1, 2}) {
            SCOPED_TRACE(std::string(toString(pooling)) + ", layers " + std::to_string(layers));
            Network<float> network(shapeWith(32, layers, pooling));
            network.initialize(8);
            widenWeights(network, 1.0f);
            NetworkWorkspace<float> training, inference;
            Random dropout(1);
            network.forward(batch, training, &dropout);
            network.forward(batch, inference, nullptr);
            const Matrix<float> expected = training.logits.existing(3, batch.posts());
            const Matrix<float> actual = inference.logits.existing(3, batch.posts());
            EXPECT_LT((expected - actual).cwiseAbs().maxCoeff(), 1e-5f);
        }
    }
}

TEST(LstmInference, PostScoredAloneEqualsPostInsideABatch) {
    const auto posts = somePosts();
    Network<float> network(shapeWith(32, 2, Pooling::kMax));
    network.initialize(3);
    widenWeights(network, 1.0f);
    expectAloneEqualsBatched(network, posts, 3);
}

TEST(LstmInference, InferenceAllocatesNothingOnceWarm) {
    Network<float> network(shapeWith(32, 2, Pooling::kMax));
    network.initialize(5);
    NetworkWorkspace<float> workspace;
    const auto posts = somePosts();
    std::vector<std::span<const std::int32_t>> spans(posts.begin(), posts.end());
    PackedBatch batch;
    batch.pack(spans);
    network.forward(batch, workspace, nullptr);  // grows every scratch buffer
#ifdef EIGEN_RUNTIME_NO_MALLOC
    Eigen::internal::set_is_malloc_allowed(false);
    network.forward(batch, workspace, nullptr);
    Eigen::internal::set_is_malloc_allowed(true);
#else
    GTEST_SKIP() << "EIGEN_RUNTIME_NO_MALLOC is defined in debug builds only";
#endif
}

}  // namespace
}  // namespace sentinela::model
