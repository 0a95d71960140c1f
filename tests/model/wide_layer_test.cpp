// Pins the wide branch's pieces: tf-idf as TfidfVectorizer computes it (model/wide_features.cpp),
// the layer's gradient by finite differences next to a network in one loss, with a batch whose
// sorted order differs from the input order (model/wide_layer.cpp), and the optimizer's
// decoupled weight decay reaching columns no batch touched (model/wide_optimizer.cpp).
#include "model/wide_layer.h"

#include <cmath>
#include <gtest/gtest.h>
#include <vector>

#include "model/loss.h"
#include "model/network.h"
#include "model/wide_features.h"
#include "model/wide_optimizer.h"

namespace sentinela::model {
namespace {

SparseFeatures sparse(std::vector<std::int32_t> index, std::vector<float> value) {
    return SparseFeatures{std::move(index), std::move(value)};
}

TEST(WideFeatures, TfidfIsSublinearSmoothAndUnitLength) {
    // Three training posts; bucket 1 in all, bucket 2 in one, bucket 3 in none.
    const std::vector<SparseFeatures> train = {sparse({1, 2}, {1, 4}), sparse({1}, {2}),
                                               sparse({1, 5}, {1, 1})};
    const auto idf = fitIdf(train, 8);
    EXPECT_FLOAT_EQ(idf[1], 1.0f);                                     // ln(4/4) + 1
    EXPECT_FLOAT_EQ(idf[2], static_cast<float>(std::log(2.0) + 1.0));  // ln(4/2) + 1
    EXPECT_EQ(idf[3], 0.0f);  // unseen in training: dropped, as a vocabulary would
    auto post = sparse({1, 2, 3}, {1, 4, 7});
    applyTfidf(idf, post);
    ASSERT_EQ(post.index, (std::vector<std::int32_t>{1, 2}));
    const double a = 1.0, b = (1.0 + std::log(4.0)) * (std::log(2.0) + 1.0);
    const double norm = std::sqrt(a * a + b * b);
    EXPECT_NEAR(post.value[0], a / norm, 1e-6);
    EXPECT_NEAR(post.value[1], b / norm, 1e-6);
    auto unseen = sparse({3}, {2});
    applyTfidf(idf, unseen);
    EXPECT_TRUE(unseen.index.empty());
}

TEST(WideFeatures, CountsMergeRepeatedNgrams) {
    nlp::NgramOptions options;
    options.characters = false;
    SparseFeatures counts;
    countNgrams("lixo lixo lixo", options, counts);  // lixo x3, "lixo lixo" x2
    ASSERT_EQ(counts.index.size(), 2u);
    EXPECT_LT(counts.index[0], counts.index[1]);
    std::vector<float> values = counts.value;
    std::sort(values.begin(), values.end());
    EXPECT_EQ(values, (std::vector<float>{2.0f, 3.0f}));
}

// loss(network logits + wide logits) for a small network and a 3-label wide layer over 16
// buckets, posts of different lengths so that the batch's sorted order is not the input order.
class WideGradientCheck {
public:
    WideGradientCheck() : network_(shape()), wide_(options(), 3, std::vector<float>(16, 1.0f)) {
        network_.initialize(3);
        Random random(5);
        for (Eigen::Index i = 0; i < wide_.weights().size(); ++i) {
            wide_.weights().data()[i] = random.uniformDouble() - 0.5;
        }
        wide_.setScale(0.7);  // as in training: W = s * V
        posts_ = {{3, 4}, {5, 6, 7, 2}, {8}, {2, 3, 4}};
        features_ = {sparse({0, 3, 9}, {0.5f, 0.7f, 0.5f}), sparse({3, 15}, {0.6f, 0.8f}),
                     sparse({}, {}), sparse({1, 3, 4, 9}, {0.5f, 0.5f, 0.5f, 0.5f})};
        for (const auto& p : posts_) {
            spans_.emplace_back(p);
        }
        batch_.pack(spans_);
        targets_ = {2, 0, 1, 1};
    }

    double loss(Matrix<double>* wideGradient) {
        network_.forward(batch_, workspace_, nullptr);
        const int posts = batch_.posts();
        auto logits = workspace_.logits.existing(3, posts);
        for (int k = 0; k < posts; ++k) {
            wide_.addLogits(features_[batch_.inputIndex(k)], logits.col(k));
        }
        auto grad = workspace_.logitGrad.view(3, posts);
        const double value =
                softmaxCrossEntropy<double>(logits, batch_, targets_, {}, double(posts), grad);
        if (wideGradient != nullptr) {
            for (int k = 0; k < posts; ++k) {
                wide_.accumulateGradient(features_[batch_.inputIndex(k)], grad.col(k),
                                         *wideGradient);
            }
        }
        return value;
    }

    WideLayer<double>& wide() { return wide_; }

private:
    static NetworkShape shape() {
        NetworkShape s;
        s.config.embeddingDim = 4;
        s.config.hiddenSize = 3;
        s.vocabularySize = 10;
        s.labels = 3;
        return s;
    }
    static nlp::NgramOptions options() {
        nlp::NgramOptions o;
        o.buckets = 16;
        return o;
    }

    Network<double> network_;
    WideLayer<double> wide_;
    NetworkWorkspace<double> workspace_;
    std::vector<std::vector<std::int32_t>> posts_;
    std::vector<std::span<const std::int32_t>> spans_;
    std::vector<SparseFeatures> features_;
    PackedBatch batch_;
    std::vector<std::int32_t> targets_;
};

TEST(WideLayer, GradientMatchesFiniteDifferences) {
    WideGradientCheck check;
    auto& wide = check.wide();
    Matrix<double> analytic = Matrix<double>::Zero(3, 16);
    check.loss(&analytic);
    double worst = 0.0;
    int nonZero = 0;
    for (Eigen::Index i = 0; i < wide.weights().size(); ++i) {
        double& v = wide.weights().data()[i];
        const double saved = v, eps = 1e-6;
        v = saved + eps;
        const double plus = check.loss(nullptr);
        v = saved - eps;
        const double minus = check.loss(nullptr);
        v = saved;
        // The stored value is V = W / s, the gradient is of W: dL/dV = s dL/dW.
        const double numeric = (plus - minus) / (2 * eps) / wide.scale();
        const double g = analytic.data()[i];
        worst = std::max(worst,
                         std::abs(numeric - g) / std::max(1e-3, std::abs(numeric) + std::abs(g)));
        nonZero += g != 0.0;
    }
    EXPECT_LT(worst, 1e-6);
    EXPECT_EQ(nonZero, 3 * 6);  // buckets 0, 1, 3, 4, 9, 15; the rest untouched
}

TEST(WideOptimizer, DecayReachesUntouchedColumnsAndUpdatesOnlyTouchedOnes) {
    nlp::NgramOptions o;
    o.buckets = 1 << 10;
    WideLayer<float> wide(o, 2, std::vector<float>(o.buckets, 1.0f));
    wide.weights().setConstant(1.0f);
    WideOptimizer optimizer(2, o.buckets);
    Matrix<float> gradient = Matrix<float>::Zero(2, o.buckets);
    AdamWSettings s;
    s.learningRate = 0.1f;
    s.weightDecay = 0.5f;
    const std::vector<std::int32_t> touched = {7};
    for (int step = 0; step < 200; ++step) {  // 0.95^200 ~ 3.5e-5: folds the scale on the way
        gradient(0, 7) = 1.0f;
        gradient(1, 7) = -1.0f;
        optimizer.step(wide, gradient, touched, s);
        EXPECT_EQ(gradient(0, 7), 0.0f);  // left at zero for the next step
    }
    const Matrix<float> w = wide.weights() * wide.scale();
    EXPECT_NEAR(w(0, 100), std::pow(0.95f, 200.0f), 1e-6f);  // never touched, still decayed
    EXPECT_LT(w(0, 7), w(0, 100) - 0.5f);                    // pushed down by its gradient
    EXPECT_GT(w(1, 7), w(0, 100) + 0.5f);
    wide.foldScale();
    EXPECT_EQ(wide.scale(), 1.0f);
    EXPECT_NEAR(wide.weights()(0, 100), w(0, 100), 1e-9f);
}

TEST(WideOptimizer, SgdMovesInProportionToTheGradient) {
    nlp::NgramOptions o;
    o.buckets = 1 << 10;
    WideLayer<float> wide(o, 2, std::vector<float>(o.buckets, 1.0f));
    WideOptimizer optimizer(2, o.buckets, /*sgd=*/true);
    Matrix<float> gradient = Matrix<float>::Zero(2, o.buckets);
    gradient(0, 3) = 0.5f;
    gradient(1, 4) = -0.01f;  // a rare n-gram's small gradient stays a small step (unlike Adam)
    AdamWSettings s;
    s.learningRate = 2.0f;
    s.weightDecay = 0.1f;
    const std::vector<std::int32_t> touched = {3, 4};
    optimizer.step(wide, gradient, touched, s);
    const Matrix<float> w = wide.weights() * wide.scale();
    EXPECT_FLOAT_EQ(w(0, 3), -1.0f);
    EXPECT_FLOAT_EQ(w(1, 4), 0.02f);
    EXPECT_EQ(gradient(0, 3), 0.0f);
}

}  // namespace
}  // namespace sentinela::model
