// Temperature scaling (model/calibration.cpp): the fit recovers a known temperature from
// synthetic logits (softmax and sigmoid), stays within its bounds, and leans towards T = 1 when
// there are few posts.
#include "model/calibration.h"

#include <cmath>
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

namespace sentinela::model {
namespace {

// A small deterministic generator (the standard distributions differ between libraries).
class Uniform {
public:
    explicit Uniform(std::uint64_t seed) : state_(seed) {}
    double next() {
        state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>(state_ >> 11) * 0x1.0p-53;
    }
    double normal() {  // Box-Muller
        const double u = 1.0 - next(), v = next();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    }

private:
    std::uint64_t state_;
};

// Posts whose labels are drawn from softmax(trueLogits); the "model" reports trueLogits * t, so
// the temperature that calibrates it is t.
struct SoftmaxSample {
    std::vector<float> logits;
    std::vector<std::int32_t> targets;
};
SoftmaxSample softmaxSample(int posts, int labels, double t, std::uint64_t seed) {
    Uniform random(seed);
    SoftmaxSample s;
    std::vector<double> z(labels);
    for (int i = 0; i < posts; ++i) {
        double partition = 0.0;
        for (int j = 0; j < labels; ++j) {
            z[j] = 1.5 * random.normal();
            partition += std::exp(z[j]);
        }
        double u = random.next() * partition;
        int target = labels - 1;
        for (int j = 0; j < labels; ++j) {
            u -= std::exp(z[j]);
            if (u <= 0) {
                target = j;
                break;
            }
        }
        s.targets.push_back(target);
        for (int j = 0; j < labels; ++j) {
            s.logits.push_back(static_cast<float>(z[j] * t));
        }
    }
    return s;
}

TEST(Calibration, SoftmaxFitRecoversAKnownTemperature) {
    for (const double t : {0.5, 1.0, 2.0, 3.0}) {
        SCOPED_TRACE(t);
        const auto s = softmaxSample(20000, 3, t, 7);
        const auto fit = fitSoftmaxTemperature(s.logits, s.targets, 3);
        EXPECT_NEAR(std::log(fit.temperature), std::log(t), 0.05);
        EXPECT_LE(fit.nllAfter, fit.nllBefore + 1e-12);
    }
}

TEST(Calibration, SigmoidFitRecoversAKnownTemperature) {
    const double t = 2.5;
    const int labels = 4;
    Uniform random(11);
    std::vector<float> logits;
    std::vector<std::uint8_t> targets;
    for (int k = 0; k < 20000 * labels; ++k) {
        const double z = 2.0 * random.normal() - 1.0;
        targets.push_back(random.next() < 1.0 / (1.0 + std::exp(-z)) ? 1 : 0);
        logits.push_back(static_cast<float>(z * t));
    }
    const auto fit = fitSigmoidTemperature(logits, targets, labels);
    EXPECT_NEAR(std::log(fit.temperature), std::log(t), 0.05);
    EXPECT_LT(fit.nllAfter, fit.nllBefore);
}

TEST(Calibration, FewPostsLeanTowardsOneAndBoundsHold) {
    // Thirty posts of an overconfident model, alone and repeated 100 times: the same likelihood
    // shape, but the prior on log T weighs 100 times more against the thirty alone.
    const auto few = softmaxSample(30, 2, 3.0, 3);
    SoftmaxSample many;
    for (int copy = 0; copy < 100; ++copy) {
        many.logits.insert(many.logits.end(), few.logits.begin(), few.logits.end());
        many.targets.insert(many.targets.end(), few.targets.begin(), few.targets.end());
    }
    const float fewT = fitSoftmaxTemperature(few.logits, few.targets, 2).temperature;
    const float manyT = fitSoftmaxTemperature(many.logits, many.targets, 2).temperature;
    EXPECT_GT(fewT, 1.0f);
    EXPECT_LT(std::log(fewT), std::log(manyT) - 0.05) << fewT << " vs " << manyT;

    // Perfectly separated posts want T -> 0, badly wrong ones T -> infinity: both are bounded.
    std::vector<float> logits;
    std::vector<std::int32_t> right, wrong;
    for (int i = 0; i < 2000; ++i) {
        logits.insert(logits.end(), {0.0f, 8.0f});
        right.push_back(1);
        wrong.push_back(0);
    }
    EXPECT_GE(fitSoftmaxTemperature(logits, right, 2).temperature, kMinTemperature);
    EXPECT_LE(fitSoftmaxTemperature(logits, wrong, 2).temperature, kMaxTemperature);
    EXPECT_FLOAT_EQ(fitSoftmaxTemperature(logits, wrong, 2).temperature, kMaxTemperature);

    // No posts: nothing to fit, the raw scores.
    EXPECT_FLOAT_EQ(fitSoftmaxTemperature({}, {}, 2).temperature, 1.0f);
}

}  // namespace
}  // namespace sentinela::model
