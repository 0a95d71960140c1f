// Metrics of a ranking by one score: ROC-AUC, average precision, the precision/recall/flagged
// curve over thresholds and the threshold for a target precision (definitions in metrics.h).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/metrics.h"

namespace sentinela::model {
namespace {

void checkBinaryInput(std::span<const std::uint8_t> gold, std::span<const float> scores) {
    if (gold.size() != scores.size()) {
        throw MetricsError("expected one score per gold flag, got " + std::to_string(gold.size()) +
                           " gold flags and " + std::to_string(scores.size()) + " scores");
    }
    for (std::size_t i = 0; i < gold.size(); ++i) {
        if (gold[i] > 1) {
            throw MetricsError("gold flag of example " + std::to_string(i) + " is " +
                               std::to_string(gold[i]) + "; expected 0 or 1");
        }
        if (std::isnan(scores[i])) {
            throw MetricsError("score of example " + std::to_string(i) +
                               " is NaN; the model diverged or the scores were not filled in");
        }
    }
}

std::int64_t countPositives(std::span<const std::uint8_t> gold) {
    return std::count(gold.begin(), gold.end(), std::uint8_t{1});
}

}  // namespace

double rocAuc(std::span<const std::uint8_t> gold, std::span<const float> scores) {
    checkBinaryInput(gold, scores);
    const std::int64_t positives = countPositives(gold);
    const auto negatives = static_cast<std::int64_t>(gold.size()) - positives;
    if (positives == 0 || negatives == 0) {
        throw MetricsError("ROC-AUC needs both classes in gold; got " + std::to_string(positives) +
                           " positives and " + std::to_string(negatives) + " negatives");
    }
    // Mann-Whitney U: sum of the positives' ranks (tied scores share their mean rank).
    std::vector<std::size_t> order(gold.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
    double positiveRankSum = 0.0;
    for (std::size_t begin = 0; begin < order.size();) {
        std::size_t end = begin;
        std::int64_t tiedPositives = 0;
        while (end < order.size() && scores[order[end]] == scores[order[begin]]) {
            tiedPositives += gold[order[end]];
            ++end;
        }
        const double meanRank = (static_cast<double>(begin + 1) + static_cast<double>(end)) / 2.0;
        positiveRankSum += meanRank * static_cast<double>(tiedPositives);
        begin = end;
    }
    const auto p = static_cast<double>(positives);
    return (positiveRankSum - p * (p + 1.0) / 2.0) / (p * static_cast<double>(negatives));
}

std::vector<CurvePoint> precisionRecallCurve(std::span<const std::uint8_t> gold,
                                             std::span<const float> scores) {
    checkBinaryInput(gold, scores);
    const auto positives = static_cast<double>(countPositives(gold));
    std::vector<std::size_t> order(gold.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    std::vector<CurvePoint> curve;
    CurvePoint point;
    for (std::size_t i = 0; i < order.size(); ++i) {
        point.truePositives += gold[order[i]];
        ++point.flagged;
        // Emit once per distinct score: every post tied at the threshold is flagged with it.
        if (i + 1 == order.size() || scores[order[i + 1]] != scores[order[i]]) {
            point.threshold = scores[order[i]];
            point.precision =
                    static_cast<double>(point.truePositives) / static_cast<double>(point.flagged);
            point.recall =
                    positives > 0 ? static_cast<double>(point.truePositives) / positives : 0.0;
            curve.push_back(point);
        }
    }
    return curve;
}

double averagePrecision(std::span<const std::uint8_t> gold, std::span<const float> scores) {
    checkBinaryInput(gold, scores);
    if (countPositives(gold) == 0) {
        throw MetricsError("average precision needs at least one positive in gold");
    }
    double sum = 0.0;
    double previousRecall = 0.0;
    for (const CurvePoint& point : precisionRecallCurve(gold, scores)) {
        sum += (point.recall - previousRecall) * point.precision;
        previousRecall = point.recall;
    }
    return sum;
}

ThresholdChoice thresholdForPrecision(std::span<const std::uint8_t> gold,
                                      std::span<const float> scores,
                                      double targetPrecision) {
    if (!(targetPrecision >= 0.0 && targetPrecision <= 1.0)) {
        throw MetricsError("target precision must be between 0 and 1, got " +
                           std::to_string(targetPrecision));
    }
    const std::vector<CurvePoint> curve = precisionRecallCurve(gold, scores);
    if (curve.empty()) {
        throw MetricsError("choosing a threshold needs at least one scored example");
    }
    ThresholdChoice best;
    best.targetPrecision = targetPrecision;
    ThresholdChoice fallback = best;
    bool haveFallback = false;
    // The curve runs from the highest threshold down, so ">" keeps the higher threshold on ties.
    for (const CurvePoint& point : curve) {
        if (point.precision >= targetPrecision && (!best.met || point.recall > best.point.recall)) {
            best.met = true;
            best.point = point;
        }
        if (!haveFallback || point.precision > fallback.point.precision ||
            (point.precision == fallback.point.precision && point.recall > fallback.point.recall)) {
            haveFallback = true;
            fallback.point = point;
        }
    }
    return best.met ? best : fallback;
}

}  // namespace sentinela::model
