#include "model/adamw.h"

#include <cmath>
#include <vector>

namespace sentinela::model {

AdamW::AdamW(const NetworkShape& shape)
    : firstMoment_(NetworkParams<float>::zeros(shape)),
      secondMoment_(NetworkParams<float>::zeros(shape)) {}

namespace {

template <typename Block>
void update(Block param,
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
    ++steps_;
    const float correction1 = 1.0f - std::pow(settings.beta1, float(steps_));
    const float correction2 = 1.0f - std::pow(settings.beta2, float(steps_));
    std::vector<Matrix<float>*> g, m, v;
    gradients.forEach(shape, [&](const std::string&, Matrix<float>& t, bool) { g.push_back(&t); });
    firstMoment_.forEach(shape,
                         [&](const std::string&, Matrix<float>& t, bool) { m.push_back(&t); });
    secondMoment_.forEach(shape,
                          [&](const std::string&, Matrix<float>& t, bool) { v.push_back(&t); });
    std::size_t i = 0;
    params.forEach(shape, [&](const std::string& name, Matrix<float>& p, bool decays) {
        const bool encoder = i == 0 || name.rfind("lstm.", 0) == 0;
        const float rate = settings.learningRate * (encoder ? settings.encoderRateScale : 1.0f);
        // A frozen tensor (rate 0) still updates its moments, so that unfreezing it does not
        // start from zero moments with a fully corrected bias (steps several times too large).
        if (i == 0) {  // the embedding: only the columns the batch used
            for (const std::int32_t id : touchedTokens) {
                update(p.col(id), g[0]->col(id), m[0]->col(id), v[0]->col(id), rate, correction1,
                       correction2, settings, decays);
            }
        } else {
            update(Eigen::Ref<Matrix<float>>(p), Eigen::Ref<Matrix<float>>(*g[i]),
                   Eigen::Ref<Matrix<float>>(*m[i]), Eigen::Ref<Matrix<float>>(*v[i]), rate,
                   correction1, correction2, settings, decays);
        }
        ++i;
    });
}

}  // namespace sentinela::model
