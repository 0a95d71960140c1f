// Temperature fitting (see calibration.h): a 1-D search on u = log T of the summed NLL plus the
// prior's u^2 / (2 sd^2): a grid over the allowed range, then golden-section refinement around
// the best grid point. The NLL is convex in 1/T, but the prior and the bounds make a grid the
// simplest search that cannot miss the minimum.
#include "model/calibration.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace sentinela::model {
namespace {

constexpr int kGridPoints = 97;
constexpr int kRefineSteps = 40;

double softplus(double x) {
    return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x)));
}

// Summed NLL of softmax(z / T) over the posts.
double softmaxNll(std::span<const float> logits,
                  std::span<const std::int32_t> targets,
                  int labels,
                  double temperature) {
    double sum = 0.0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const float* z = logits.data() + i * static_cast<std::size_t>(labels);
        const double best = *std::max_element(z, z + labels) / temperature;
        double partition = 0.0;
        for (int j = 0; j < labels; ++j) {
            partition += std::exp(z[j] / temperature - best);
        }
        sum += best + std::log(partition) - z[targets[i]] / temperature;
    }
    return sum;
}

// Summed binary NLL of sigmoid(z / T) over every (post, label).
double sigmoidNll(std::span<const float> logits,
                  std::span<const std::uint8_t> targets,
                  double temperature) {
    double sum = 0.0;
    for (std::size_t k = 0; k < logits.size(); ++k) {
        const double x = logits[k] / temperature;
        sum += softplus(x) - (targets[k] != 0 ? x : 0.0);
    }
    return sum;
}

TemperatureFit fit(const std::function<double(double)>& nll, std::size_t posts) {
    TemperatureFit result;
    if (posts == 0) {
        return result;
    }
    const double prior = 1.0 / (2.0 * kLogTemperaturePriorSd * kLogTemperaturePriorSd);
    auto objective = [&](double u) { return nll(std::exp(u)) + prior * u * u; };
    const double low = std::log(double(kMinTemperature));
    const double high = std::log(double(kMaxTemperature));
    const double step = (high - low) / (kGridPoints - 1);
    double bestU = 0.0;
    double bestValue = objective(0.0);
    for (int g = 0; g < kGridPoints; ++g) {
        const double u = low + g * step;
        const double value = objective(u);
        if (value < bestValue) {
            bestValue = value;
            bestU = u;
        }
    }
    // Golden-section search within one grid step either side of the best grid point.
    const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = std::max(low, bestU - step), b = std::min(high, bestU + step);
    double c = b - ratio * (b - a), d = a + ratio * (b - a);
    double fc = objective(c), fd = objective(d);
    for (int k = 0; k < kRefineSteps; ++k) {
        if (fc < fd) {
            b = d;
            d = c;
            fd = fc;
            c = b - ratio * (b - a);
            fc = objective(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + ratio * (b - a);
            fd = objective(d);
        }
    }
    const double refined = 0.5 * (a + b);
    if (objective(refined) < bestValue) {
        bestU = refined;
    }
    result.temperature =
            std::clamp(static_cast<float>(std::exp(bestU)), kMinTemperature, kMaxTemperature);
    result.nllBefore = nll(1.0) / double(posts);
    result.nllAfter = nll(result.temperature) / double(posts);
    return result;
}

}  // namespace

TemperatureFit fitSoftmaxTemperature(std::span<const float> logits,
                                     std::span<const std::int32_t> targets,
                                     int labels) {
    return fit([&](double t) { return softmaxNll(logits, targets, labels, t); }, targets.size());
}

TemperatureFit fitSigmoidTemperature(std::span<const float> logits,
                                     std::span<const std::uint8_t> targets,
                                     int labels) {
    const std::size_t posts = labels > 0 ? targets.size() / static_cast<std::size_t>(labels) : 0;
    return fit([&](double t) { return sigmoidNll(logits, targets, t); }, posts);
}

}  // namespace sentinela::model
