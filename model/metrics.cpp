// Classification metrics from gold labels and scores (see metrics.h for the definitions).
#include "model/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sentinela::model {
namespace {

// Counts of one label treated as "this label versus the rest".
struct LabelCounts {
    std::int64_t truePositives = 0;
    std::int64_t falsePositives = 0;
    std::int64_t falseNegatives = 0;
};

double safeRatio(double numerator, double denominator) {
    return denominator > 0.0 ? numerator / denominator : 0.0;  // sklearn's zero_division=0
}

void fillPrecisionRecall(const LabelCounts& counts, ClassMetrics& out) {
    const auto tp = static_cast<double>(counts.truePositives);
    out.precision = safeRatio(tp, tp + static_cast<double>(counts.falsePositives));
    out.recall = safeRatio(tp, tp + static_cast<double>(counts.falseNegatives));
    out.f1 = safeRatio(2.0 * tp, 2.0 * tp + static_cast<double>(counts.falsePositives +
                                                                counts.falseNegatives));
    out.support = counts.truePositives + counts.falseNegatives;
    out.predicted = counts.truePositives + counts.falsePositives;
}

void checkScores(std::span<const float> scores, std::size_t labelCount) {
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (std::isnan(scores[i])) {
            throw MetricsError("score of example " + std::to_string(i / labelCount) + ", label " +
                               std::to_string(i % labelCount) +
                               " is NaN; the model diverged or the scores were not filled in");
        }
    }
}

// Expected calibration error over (confidence, correct) pairs in equal-width bins
// [0, 1/b), [1/b, 2/b), ..., [(b-1)/b, 1].
class CalibrationBins {
public:
    explicit CalibrationBins(int binCount)
        : count_(static_cast<std::size_t>(binCount)),
          confidence_(count_),
          correct_(count_),
          members_(count_) {}

    void add(float confidence, bool correct) {
        const double c = std::clamp(static_cast<double>(confidence), 0.0, 1.0);
        // A float score such as 0.9f is just below 0.9; the epsilon puts it in the bin a reader
        // expects (with 10 bins [0.9, 1.0], rather than [0.8, 0.9)).
        const auto bin = std::min(count_ - 1,
                                  static_cast<std::size_t>(c * static_cast<double>(count_) + 1e-6));
        confidence_[bin] += c;
        correct_[bin] += correct ? 1.0 : 0.0;
        ++members_[bin];
        ++total_;
    }

    double error() const {
        double sum = 0.0;
        for (std::size_t b = 0; b < count_ && total_ > 0; ++b) {
            if (members_[b] > 0) {
                sum += std::abs(correct_[b] - confidence_[b]) / static_cast<double>(total_);
            }
        }
        return sum;  // sum_b (n_b/N) * |acc_b - conf_b| with acc_b, conf_b as means over n_b
    }

private:
    std::size_t count_;
    std::vector<double> confidence_;
    std::vector<double> correct_;
    std::vector<std::int64_t> members_;
    std::int64_t total_ = 0;
};

// One label's scores and gold flags as contiguous columns, for the ranking metrics.
void column(std::span<const float> scores,
            std::size_t labelCount,
            std::size_t label,
            std::vector<float>& out) {
    out.resize(scores.size() / labelCount);
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i] = scores[i * labelCount + label];
    }
}

void fillRanking(std::span<const std::uint8_t> gold,
                 std::span<const float> scores,
                 ClassMetrics& out) {
    const auto positives = std::count(gold.begin(), gold.end(), std::uint8_t{1});
    if (positives == 0 || positives == static_cast<std::ptrdiff_t>(gold.size())) {
        return;  // one class only: ROC-AUC and average precision are undefined
    }
    out.rocAuc = rocAuc(gold, scores);
    out.prAuc = averagePrecision(gold, scores);
}

void fillAverages(Metrics& m) {
    const auto n = static_cast<double>(m.perClass.size());
    double rocSum = 0.0, prSum = 0.0;
    int rocCount = 0, prCount = 0;
    for (const ClassMetrics& c : m.perClass) {
        m.macroF1 += c.f1 / n;
        m.macroRecall += c.recall / n;
        m.macroPrecision += c.precision / n;
        if (c.rocAuc) {
            rocSum += *c.rocAuc;
            ++rocCount;
        }
        if (c.prAuc) {
            prSum += *c.prAuc;
            ++prCount;
        }
    }
    if (!m.multiLabel && m.perClass.size() == 2) {
        m.rocAuc = m.perClass[1].rocAuc;  // binary: the positive class
        m.prAuc = m.perClass[1].prAuc;
        return;
    }
    if (rocCount > 0) {
        m.rocAuc = rocSum / rocCount;
    }
    if (prCount > 0) {
        m.prAuc = prSum / prCount;
    }
}

std::int32_t predictClass(std::span<const float> row, const MetricsOptions& options) {
    if (options.binaryThreshold) {
        return row[1] >= *options.binaryThreshold ? 1 : 0;
    }
    return static_cast<std::int32_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

}  // namespace

Metrics computeMetrics(const std::vector<std::string>& labels,
                       std::span<const std::int32_t> gold,
                       std::span<const float> scores,
                       const MetricsOptions& options) {
    const std::size_t k = labels.size();
    if (k < 2) {
        throw MetricsError("a single-label task needs at least two labels, got " +
                           std::to_string(k));
    }
    if (gold.empty() || scores.size() != gold.size() * k) {
        throw MetricsError("expected " + std::to_string(gold.size()) + " examples x " +
                           std::to_string(k) + " labels = " + std::to_string(gold.size() * k) +
                           " scores (and at least one example), got " +
                           std::to_string(scores.size()));
    }
    if (options.binaryThreshold && k != 2) {
        throw MetricsError("binaryThreshold applies to two-label tasks only; this one has " +
                           std::to_string(k) + " labels");
    }
    if (options.calibrationBins < 1) {
        throw MetricsError("calibrationBins must be at least 1");
    }
    checkScores(scores, k);

    Metrics m;
    m.labels = labels;
    m.examples = static_cast<std::int64_t>(gold.size());
    m.confusion.assign(k, std::vector<std::int64_t>(k, 0));
    CalibrationBins calibration(options.calibrationBins);
    std::int64_t correct = 0;
    for (std::size_t i = 0; i < gold.size(); ++i) {
        if (gold[i] < 0 || static_cast<std::size_t>(gold[i]) >= k) {
            throw MetricsError("gold label of example " + std::to_string(i) + " is " +
                               std::to_string(gold[i]) + ", outside 0.." + std::to_string(k - 1));
        }
        const auto row = scores.subspan(i * k, k);
        const std::int32_t predicted = predictClass(row, options);
        ++m.confusion[static_cast<std::size_t>(gold[i])][static_cast<std::size_t>(predicted)];
        correct += predicted == gold[i] ? 1 : 0;
        calibration.add(row[static_cast<std::size_t>(predicted)], predicted == gold[i]);
    }
    m.accuracy = static_cast<double>(correct) / static_cast<double>(gold.size());
    m.microF1 = m.accuracy;  // each example is one prediction: micro P = micro R = accuracy
    m.expectedCalibrationError = calibration.error();

    std::vector<std::uint8_t> isClass(gold.size());
    std::vector<float> classScores;
    for (std::size_t c = 0; c < k; ++c) {
        LabelCounts counts;
        for (std::size_t other = 0; other < k; ++other) {
            if (other != c) {
                counts.falseNegatives += m.confusion[c][other];
                counts.falsePositives += m.confusion[other][c];
            }
        }
        counts.truePositives = m.confusion[c][c];
        ClassMetrics& out = m.perClass.emplace_back();
        out.label = labels[c];
        fillPrecisionRecall(counts, out);
        for (std::size_t i = 0; i < gold.size(); ++i) {
            isClass[i] = static_cast<std::size_t>(gold[i]) == c ? 1 : 0;
        }
        column(scores, k, c, classScores);
        fillRanking(isClass, classScores, out);
    }
    fillAverages(m);
    return m;
}

Metrics computeMultiLabelMetrics(const std::vector<std::string>& labels,
                                 std::span<const std::uint8_t> gold,
                                 std::span<const float> scores,
                                 std::span<const float> thresholds,
                                 int calibrationBins) {
    const std::size_t k = labels.size();
    if (k < 1 || gold.empty() || gold.size() % k != 0 || scores.size() != gold.size()) {
        throw MetricsError("expected gold and scores of examples x " + std::to_string(k) +
                           " labels (at least one of each), got " + std::to_string(gold.size()) +
                           " gold flags and " + std::to_string(scores.size()) + " scores");
    }
    if (!thresholds.empty() && thresholds.size() != k) {
        throw MetricsError("expected one threshold per label (" + std::to_string(k) + "), got " +
                           std::to_string(thresholds.size()));
    }
    if (calibrationBins < 1) {
        throw MetricsError("calibrationBins must be at least 1");
    }
    checkScores(scores, k);
    const std::size_t n = gold.size() / k;

    Metrics m;
    m.labels = labels;
    m.multiLabel = true;
    m.examples = static_cast<std::int64_t>(n);
    std::vector<LabelCounts> counts(k);
    CalibrationBins calibration(calibrationBins);
    std::int64_t exactMatches = 0;
    for (std::size_t i = 0; i < n; ++i) {
        bool allRight = true;
        for (std::size_t j = 0; j < k; ++j) {
            const std::uint8_t g = gold[i * k + j];
            if (g > 1) {
                throw MetricsError("gold flag of example " + std::to_string(i) + ", label '" +
                                   labels[j] + "' is " + std::to_string(g) + "; expected 0 or 1");
            }
            const float score = scores[i * k + j];
            const bool predicted = score >= (thresholds.empty() ? 0.5f : thresholds[j]);
            counts[j].truePositives += (predicted && g == 1) ? 1 : 0;
            counts[j].falsePositives += (predicted && g == 0) ? 1 : 0;
            counts[j].falseNegatives += (!predicted && g == 1) ? 1 : 0;
            allRight = allRight && (predicted == (g == 1));
            calibration.add(score, g == 1);  // a marginal probability against presence
        }
        exactMatches += allRight ? 1 : 0;
    }
    m.accuracy = static_cast<double>(exactMatches) / static_cast<double>(n);
    m.expectedCalibrationError = calibration.error();

    LabelCounts total;
    std::vector<std::uint8_t> labelGold(n);
    std::vector<float> labelScores;
    for (std::size_t j = 0; j < k; ++j) {
        ClassMetrics& out = m.perClass.emplace_back();
        out.label = labels[j];
        out.threshold = thresholds.empty() ? 0.5f : thresholds[j];
        fillPrecisionRecall(counts[j], out);
        total.truePositives += counts[j].truePositives;
        total.falsePositives += counts[j].falsePositives;
        total.falseNegatives += counts[j].falseNegatives;
        for (std::size_t i = 0; i < n; ++i) {
            labelGold[i] = gold[i * k + j];
        }
        column(scores, k, j, labelScores);
        fillRanking(labelGold, labelScores, out);
    }
    ClassMetrics micro;
    fillPrecisionRecall(total, micro);
    m.microF1 = micro.f1;
    fillAverages(m);
    return m;
}

}  // namespace sentinela::model
