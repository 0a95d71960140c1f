#include "app/cli/calibration_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/cli/interrupt.h"
#include "model/metrics.h"

namespace sentinela::cli {

double meanNegLogLikelihood(const ScoredLabeled& scored) {
    const std::size_t posts = scored.posts();
    double sum = 0.0;
    for (std::size_t i = 0; i < posts; ++i) {
        const float* p = scored.scores.data() + i * scored.labelCount;
        if (scored.multiLabel) {
            for (std::size_t j = 0; j < scored.labelCount; ++j) {
                const double q = scored.goldSet[i * scored.labelCount + j] ? p[j] : 1.0 - p[j];
                sum -= std::log(std::max(q, 1e-12));
            }
        } else {
            sum -= std::log(std::max(double(p[scored.gold[i]]), 1e-12));
        }
    }
    return posts == 0 ? 0.0 : sum / double(posts);
}

CalibrationReport compareCalibration(model::Classifier& classifier,
                                     const model::LabeledTexts& labeled,
                                     const ScoredLabeled& calibrated,
                                     std::optional<float> binaryThreshold) {
    CalibrationReport report;
    report.temperature = classifier.calibration().temperature;
    report.bins = model::kCalibrationBins;
    report.eceCalibrated =
            computeScoredMetrics(classifier, calibrated, binaryThreshold).expectedCalibrationError;
    report.nllCalibrated = meanNegLogLikelihood(calibrated);
    if (report.temperature == 1.0f) {
        report.eceRaw = report.eceCalibrated;
        report.nllRaw = report.nllCalibrated;
        return report;
    }
    const auto own = classifier.calibration();
    classifier.setCalibration({});
    const auto raw = scoreLabeled(classifier, labeled, interruptToken());
    classifier.setCalibration(own);
    throwIfInterrupted();
    report.eceRaw = computeScoredMetrics(classifier, raw, binaryThreshold).expectedCalibrationError;
    report.nllRaw = meanNegLogLikelihood(raw);
    return report;
}

nlohmann::json toJson(const CalibrationReport& r) {
    return {{"method", "temperature"},
            {"temperature", r.temperature},
            {"ece_bins", r.bins},
            {"ece_raw", r.eceRaw},
            {"ece_calibrated", r.eceCalibrated},
            {"nll_raw", r.nllRaw},
            {"nll_calibrated", r.nllCalibrated}};
}

std::string formatCalibration(const CalibrationReport& r) {
    char text[320];
    std::snprintf(text, sizeof text,
                  "calibration: temperature %.3f%s\n"
                  "  ECE (%d bins) raw %.3f -> calibrated %.3f   mean NLL raw %.4f -> "
                  "calibrated %.4f\n",
                  static_cast<double>(r.temperature),
                  r.temperature == 1.0f ? " (the raw scores)"
                                        : " (fitted on the training's validation split)",
                  r.bins, r.eceRaw, r.eceCalibrated, r.nllRaw, r.nllCalibrated);
    return text;
}

}  // namespace sentinela::cli
