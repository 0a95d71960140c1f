// Finite-difference checks of every parameter of every layer (llama.cpp's test-backend-ops
// idea): uni- and bidirectional, stacked, each pooling, softmax and sigmoid outputs, with posts of
// different lengths in one batch and dropout on (a fixed dropout stream makes the loss a
// deterministic function of the weights). Double precision, so the tolerance can be tight.
#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "model/loss.h"
#include "model/network.h"

namespace sentinela::model {
namespace {

struct Case {
    const char* why;
    int layers;
    bool bidirectional;
    Pooling pooling;
    bool multiLabel;
    float dropout;
};

class GradientCheck {
public:
    explicit GradientCheck(const Case& c) : network_(shapeFor(c)) {
        network_.initialize(7);
        // Larger weights than the initialisation, so that every nonlinearity is exercised.
        Random random(11);
        network_.params().forEach(network_.shape(),
                                  [&](const std::string&, Matrix<double>& m, bool) {
                                      for (Eigen::Index i = 0; i < m.size(); ++i) {
                                          m.data()[i] += 0.6 * (random.uniformDouble() - 0.5);
                                      }
                                  });
        const std::vector<std::vector<std::int32_t>> posts = {
                {3, 4, 5}, {6}, {2, 7, 8, 9, 10, 3}, {11, 2}, {5, 5, 6, 7}};
        sequences_ = posts;
        for (const auto& p : sequences_) {
            spans_.emplace_back(p);
        }
        batch_.pack(spans_);
        targets_ = {0, 2, 1, 2, 0};
        multiTargets_ = {1, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1};
        weights_ = {1.0f, 2.0f, 0.5f};
    }

    double loss(NetworkParams<double>* gradients) {
        Random dropout(99);
        network_.forward(batch_, workspace_, &dropout);
        const int posts = batch_.posts();
        auto logits = workspace_.logits.existing(3, posts);
        auto grad = workspace_.logitGrad.view(3, posts);
        const double value = network_.shape().multiLabel
                                     ? sigmoidCrossEntropy<double>(logits, batch_, multiTargets_,
                                                                   weights_, double(posts), grad)
                                     : softmaxCrossEntropy<double>(logits, batch_, targets_,
                                                                   weights_, double(posts), grad);
        if (gradients != nullptr) {
            network_.backward(batch_, workspace_, *gradients);
        }
        return value;
    }

    Network<double>& network() { return network_; }

private:
    static NetworkShape shapeFor(const Case& c) {
        NetworkShape shape;
        shape.config.embeddingDim = 5;
        shape.config.hiddenSize = 4;
        shape.config.layers = c.layers;
        shape.config.bidirectional = c.bidirectional;
        shape.config.pooling = c.pooling;
        shape.config.attentionDim = 3;
        shape.config.embeddingDropout = c.dropout;
        shape.config.layerDropout = c.dropout;
        shape.config.outputDropout = c.dropout;
        shape.vocabularySize = 12;
        shape.labels = 3;
        shape.multiLabel = c.multiLabel;
        return shape;
    }

    Network<double> network_;
    NetworkWorkspace<double> workspace_;
    std::vector<std::vector<std::int32_t>> sequences_;
    std::vector<std::span<const std::int32_t>> spans_;
    PackedBatch batch_;
    std::vector<std::int32_t> targets_;
    std::vector<std::uint8_t> multiTargets_;
    std::vector<float> weights_;
};

TEST(NetworkGradient, MatchesFiniteDifferencesForEveryParameter) {
    const Case kCases[] = {
            {"unidirectional, last state", 1, false, Pooling::kLast, false, 0.0f},
            {"bidirectional, last state", 1, true, Pooling::kLast, false, 0.0f},
            {"bidirectional, mean", 1, true, Pooling::kMean, false, 0.0f},
            {"bidirectional, max", 1, true, Pooling::kMax, false, 0.0f},
            {"bidirectional, attention", 1, true, Pooling::kAttention, false, 0.0f},
            {"stacked 2, unidirectional, max", 2, false, Pooling::kMax, false, 0.0f},
            {"stacked 3, bidirectional, attention", 3, true, Pooling::kAttention, false, 0.0f},
            {"stacked 2, bidirectional, mean, dropout", 2, true, Pooling::kMean, false, 0.3f},
            {"multi-label sigmoid, bidirectional, max, dropout", 1, true, Pooling::kMax, true,
             0.2f},
            {"multi-label sigmoid, stacked 2, last", 2, true, Pooling::kLast, true, 0.0f},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        GradientCheck check(c);
        auto& network = check.network();
        auto gradients = NetworkParams<double>::zeros(network.shape());
        check.loss(&gradients);
        std::vector<Matrix<double>*> analytic;
        gradients.forEach(network.shape(), [&](const std::string&, Matrix<double>& m, bool) {
            analytic.push_back(&m);
        });
        std::size_t tensor = 0;
        int checked = 0;
        network.params().forEach(network.shape(), [&](const std::string& name, Matrix<double>& m,
                                                      bool) {
            SCOPED_TRACE(name);
            const Matrix<double>& g = *analytic[tensor++];
            ASSERT_EQ(g.rows(), m.rows());
            ASSERT_EQ(g.cols(), m.cols());
            double worst = 0.0;
            for (Eigen::Index i = 0; i < m.size(); ++i) {
                const double saved = m.data()[i];
                const double eps = 1e-6;
                m.data()[i] = saved + eps;
                const double plus = check.loss(nullptr);
                m.data()[i] = saved - eps;
                const double minus = check.loss(nullptr);
                m.data()[i] = saved;
                const double numeric = (plus - minus) / (2 * eps);
                const double error = std::abs(numeric - g.data()[i]) /
                                     std::max(1e-3, std::abs(numeric) + std::abs(g.data()[i]));
                worst = std::max(worst, error);
                ++checked;
            }
            EXPECT_LT(worst, 1e-5);
        });
        EXPECT_GT(checked, 200);
    }
}

}  // namespace
}  // namespace sentinela::model
