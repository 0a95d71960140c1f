// `eval`'s calibration comparison: the expected calibration error (model/metrics.h, 15 bins) and
// the mean negative log-likelihood of the gold labels, for the raw scores (T = 1) and for the
// model's calibrated ones (model/calibration.h), on the same labeled posts. Not thread-safe:
// compareCalibration briefly changes the classifier's calibration.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "app/cli/model_scoring.h"
#include "model/classifier.h"
#include "model/labeled_texts.h"

namespace sentinela::cli {

struct CalibrationReport {
    float temperature = 1.0f;
    int bins = 0;
    double eceRaw = 0.0, eceCalibrated = 0.0;
    double nllRaw = 0.0, nllCalibrated = 0.0;  // mean per post
};

// `calibrated` is scoreLabeled(classifier, labeled) with the model's own calibration; the raw
// scores are computed here (only when T != 1), and the classifier's calibration restored.
CalibrationReport compareCalibration(model::Classifier& classifier,
                                     const model::LabeledTexts& labeled,
                                     const ScoredLabeled& calibrated,
                                     std::optional<float> binaryThreshold);

// Mean over posts of -log p(gold label) (multi-label: summed over the labels' sigmoids).
double meanNegLogLikelihood(const ScoredLabeled& scored);

nlohmann::json toJson(const CalibrationReport& report);
// "calibration (temperature 1.37): ECE raw 0.081 -> calibrated 0.032 ..." lines.
std::string formatCalibration(const CalibrationReport& report);

}  // namespace sentinela::cli
