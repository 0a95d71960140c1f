// Calibrated scores by temperature scaling (Guo et al. 2017, "On Calibration of Modern Neural
// Networks"): a classifier's scores are softmax(z / T) (single-label) or sigmoid(z / T) per label
// (multi-label) of its final logits z, with one temperature T fitted after training on the
// validation split's logits by minimising the negative log-likelihood. T > 1 softens scores that
// were too confident, T < 1 sharpens them; the argmax of a softmax, the 0.5 decision of a sigmoid
// and the order of one label's scores (two classes) do not change.
//
// Multi-label tasks share one T over all labels rather than a per-label Platt scaling (a z + b):
// a per-label fit has two parameters per label, and the trainer's validation split often holds a
// handful of positives of a rare label, too few to fit them. One T uses every (post, label) pair.
//
// With a few dozen validation posts the NLL's minimum is noisy, so the fit is regularised: a
// Gaussian prior on log T (mean 0, i.e. T = 1; standard deviation kLogTemperaturePriorSd) is
// added to the summed NLL, which matters for small splits and fades for large ones, and T stays
// within [kMinTemperature, kMaxTemperature].
//
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>

namespace sentinela::model {

inline constexpr float kMinTemperature = 0.25f;
inline constexpr float kMaxTemperature = 4.0f;
inline constexpr double kLogTemperaturePriorSd = 0.5;  // T = e^±1 (0.37, 2.7) is 2 sd away

struct Calibration {
    float temperature = 1.0f;  // 1 = the raw scores (models trained before calibration existed)
};

struct TemperatureFit {
    float temperature = 1.0f;
    double nllBefore = 0.0;  // mean negative log-likelihood per post at T = 1
    double nllAfter = 0.0;   // ... at the fitted T (without the prior's term)
};

// Single-label: logits are posts x labels row-major, targets one label index per post.
TemperatureFit fitSoftmaxTemperature(std::span<const float> logits,
                                     std::span<const std::int32_t> targets,
                                     int labels);

// Multi-label: logits and targets (0/1) are both posts x labels row-major.
TemperatureFit fitSigmoidTemperature(std::span<const float> logits,
                                     std::span<const std::uint8_t> targets,
                                     int labels);

}  // namespace sentinela::model
