#include "model/wide_optimizer.h"

#include <cmath>

namespace sentinela::model {

namespace {

// Below this, V = W / s grows large and float updates of V lose bits: fold s into V.
constexpr float kSmallestScale = 1e-3f;

}  // namespace

WideOptimizer::WideOptimizer(int labels, int buckets, bool sgd) : sgd_(sgd) {
    if (!sgd_) {
        firstMoment_ = Matrix<float>::Zero(labels, buckets);
        secondMoment_ = Matrix<float>::Zero(labels, buckets);
    }
}

void WideOptimizer::step(WideLayer<float>& layer,
                         Matrix<float>& gradient,
                         std::span<const std::int32_t> touched,
                         const AdamWSettings& s) {
    ++steps_;
    const float correction1 = 1.0f - std::pow(s.beta1, float(steps_));
    const float correction2 = 1.0f - std::pow(s.beta2, float(steps_));
    if (s.weightDecay > 0) {
        layer.setScale(layer.scale() * (1.0f - s.learningRate * s.weightDecay));
        if (layer.scale() < kSmallestScale) {
            layer.foldScale();
        }
    }
    auto& w = layer.weights();
    if (sgd_) {
        const float stepSize = s.learningRate / layer.scale();
        for (const std::int32_t b : touched) {
            w.col(b) -= stepSize * gradient.col(b);
            gradient.col(b).setZero();
        }
        return;
    }
    const float stepSize = s.learningRate / correction1 / layer.scale();
    for (const std::int32_t b : touched) {
        auto g = gradient.col(b);
        auto m = firstMoment_.col(b);
        auto v = secondMoment_.col(b);
        m.array() = s.beta1 * m.array() + (1.0f - s.beta1) * g.array();
        v.array() = s.beta2 * v.array() + (1.0f - s.beta2) * g.array().square();
        w.col(b).array() -= stepSize * m.array() / ((v.array() / correction2).sqrt() + s.epsilon);
        g.setZero();
    }
}

}  // namespace sentinela::model
