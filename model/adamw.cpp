#include "model/adamw.h"

#include <cmath>
#include <vector>

namespace sentinela::model {

AdamW::AdamW(const NetworkShape& shape)
    : firstMoment_(NetworkParams<float>::zeros(shape)),
      secondMoment_(NetworkParams<float>::zeros(shape)) {}

namespace {

template <typename Block>
void updateBlock(Block param,
                 Block grad,
                 Block m,
                 Block v,
                 float lr,
                 float correction1,
                 float correction2,
                 const AdamWSettings& s,
                 bool decays) {
    m.array() = s.beta1 * m.array() + (1.0f - s.beta1) * grad.array();
    v.array() = s.beta2 * v.array() + (1.0f - s.beta2) * grad.array().square();
    if (decays && s.weightDecay > 0) {
        param.array() *= 1.0f - lr * s.weightDecay;
    }
    param.array() -=
            (lr / correction1) * m.array() / ((v.array() / correction2).sqrt() + s.epsilon);
}

}  // namespace

void AdamW::step(const NetworkShape& shape,
                 NetworkParams<float>& params,
                 NetworkParams<float>& gradients,
                 std::span<const std::int32_t> touchedTokens,
                 const AdamWSettings& settings) {
    beginStep();
    const auto tensors = tensorsOf(shape, params);
    update(shape, params, gradients, sliceOfParameters(tensors, touchedTokens, 0, 1), settings);
}

void AdamW::update(const NetworkShape& shape,
                   NetworkParams<float>& params,
                   NetworkParams<float>& gradients,
                   const ParameterSlice& slice,
                   const AdamWSettings& settings) {
    const float correction1 = 1.0f - std::pow(settings.beta1, float(steps_));
    const float correction2 = 1.0f - std::pow(settings.beta2, float(steps_));
    std::vector<Matrix<float>*> p;
    std::vector<float> rates;
    std::vector<bool> decays;
    params.forEach(shape, [&](const std::string& name, Matrix<float>& t, bool decaying) {
        const bool encoder = p.empty() || name.rfind("lstm.", 0) == 0;
        p.push_back(&t);
        rates.push_back(settings.learningRate * (encoder ? settings.encoderRateScale : 1.0f));
        decays.push_back(decaying);
    });
    const auto g = tensorsOf(shape, gradients);
    const auto m = tensorsOf(shape, firstMoment_);
    const auto v = tensorsOf(shape, secondMoment_);
    // A frozen tensor (rate 0) still updates its moments, so that unfreezing it does not start
    // from zero moments with a fully corrected bias (steps several times too large).
    for (const std::int32_t id : slice.touched) {  // the embedding: only the columns used
        updateBlock(p[0]->col(id), g[0]->col(id), m[0]->col(id), v[0]->col(id), rates[0],
                    correction1, correction2, settings, decays[0]);
    }
    for (const TensorRange& r : slice.dense) {
        const auto segment = [&](Matrix<float>* t) {
            return Eigen::Map<Eigen::VectorXf>(t->data() + r.begin, r.end - r.begin);
        };
        updateBlock(segment(p[r.tensor]), segment(g[r.tensor]), segment(m[r.tensor]),
                    segment(v[r.tensor]), rates[r.tensor], correction1, correction2, settings,
                    decays[r.tensor]);
    }
}

}  // namespace sentinela::model
