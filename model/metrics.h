// Evaluation metrics for the classifier: from gold labels and predicted scores to accuracy,
// per-class precision/recall/F1, macro-F1, macro recall, confusion matrix, ROC-AUC, PR-AUC
// (average precision), expected calibration error, the precision/recall/flagged curve over
// thresholds, and the choice of a threshold for a target precision.
//
// Definitions follow scikit-learn, so numbers can be compared with published results:
//   - precision/recall/F1 of a class that is never predicted / absent from gold are 0, not NaN
//     (sklearn's zero_division=0);
//   - ROC-AUC is the Mann-Whitney statistic with tied scores counted as half (roc_auc_score);
//   - PR-AUC is average precision, sum over distinct thresholds of (R_n - R_{n-1}) * P_n
//     (average_precision_score), so tied scores form one step;
//   - ECE (expected calibration error, Guo et al. 2017) uses 15 equal-width confidence bins
//     [0, 1/15), [1/15, 2/15), ..., [14/15, 1]; single-label, the confidence of an example is the
//     score of its predicted label (the top label, unless a binary threshold other than 0.5
//     decides), and it is correct when that label is the gold one. ECE = sum over bins of
//     (n_b / N) * |accuracy_b - conf_b|, accuracy_b and conf_b the bin's means (a score within
//     1e-6 below an edge counts as on it: a float written as 0.8 may be stored just below 12/15).
//     Multi-label: every (example, label) score is a confidence, correct when the label is
//     present.
//
// Scores are a flat row-major matrix: scores[example * labels.size() + label], i.e. one row of
// per-label probabilities per example (an Eigen labels x examples column-major matrix has this
// layout). Every function is pure and thread-safe. Bad input (sizes that disagree, a gold index
// out of range, a NaN score) throws MetricsError naming the example and what to fix.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace sentinela::model {

class MetricsError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

inline constexpr int kCalibrationBins = 15;  // of the ECE, as Guo et al.

struct ClassMetrics {
    std::string label;
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::int64_t support = 0;    // examples whose gold set contains this label
    std::int64_t predicted = 0;  // examples predicted as this label
    // One-vs-rest ranking quality of this label's score; empty when gold has only one class
    // for this label (the statistic is undefined).
    std::optional<double> rocAuc;
    std::optional<double> prAuc;
    float threshold = 0.5f;  // multi-label: the decision threshold used; single-label: unused
};

struct Metrics {
    std::vector<std::string> labels;
    bool multiLabel = false;
    std::int64_t examples = 0;
    // Single-label: fraction of examples whose predicted class is the gold class.
    // Multi-label: exact-match (subset) accuracy, every label right.
    double accuracy = 0.0;
    std::vector<ClassMetrics> perClass;  // same order as labels
    double macroF1 = 0.0;
    double macroRecall = 0.0;     // balanced accuracy for single-label tasks
    double macroPrecision = 0.0;  //
    double microF1 = 0.0;         // single-label: equals accuracy
    // Binary (two labels, single-label): of the positive class (index 1). Otherwise the mean of
    // the defined per-class values. Empty when no class has a defined value.
    std::optional<double> rocAuc;
    std::optional<double> prAuc;
    // Single-label: top-label calibration (confidence = highest score). Multi-label: calibration
    // of every (example, label) score against the label's presence.
    double expectedCalibrationError = 0.0;
    // Single-label only (empty for multi-label): confusion[gold][predicted] counts.
    std::vector<std::vector<std::int64_t>> confusion;
};

struct MetricsOptions {
    // Binary single-label tasks: predict the positive class (index 1) when its score is >= this;
    // empty = argmax (ties go to the lower index, like numpy.argmax).
    std::optional<float> binaryThreshold;
    int calibrationBins = kCalibrationBins;
};

// Single-label: gold[i] is the index into labels of example i's class; scores has
// gold.size() * labels.size() entries. Needs at least one example and two labels.
Metrics computeMetrics(const std::vector<std::string>& labels,
                       std::span<const std::int32_t> gold,
                       std::span<const float> scores,
                       const MetricsOptions& options = {});

// Multi-label: gold and scores are both examples x labels row-major; gold entries are 0 or 1.
// thresholds has one entry per label (empty = 0.5 for every label); label j is predicted when
// scores[i * L + j] >= thresholds[j].
Metrics computeMultiLabelMetrics(const std::vector<std::string>& labels,
                                 std::span<const std::uint8_t> gold,
                                 std::span<const float> scores,
                                 std::span<const float> thresholds = {},
                                 int calibrationBins = kCalibrationBins);

// ---- Binary score lists (one label's score per example; gold 1 = positive) ----

double rocAuc(std::span<const std::uint8_t> gold,
              std::span<const float> scores);  // throws if one class
double averagePrecision(std::span<const std::uint8_t> gold,
                        std::span<const float> scores);  // throws if no positive

// One point per distinct score, highest threshold first: flagging every example whose score is
// >= threshold flags `flagged` examples, of which `truePositives` are gold positives. This is
// "how many posts an analyst would read at each threshold". Precision is 1 when nothing is
// flagged; recall is 0 when gold has no positives.
struct CurvePoint {
    float threshold = 0.0f;
    std::int64_t flagged = 0;
    std::int64_t truePositives = 0;
    double precision = 0.0;
    double recall = 0.0;
};
std::vector<CurvePoint> precisionRecallCurve(std::span<const std::uint8_t> gold,
                                             std::span<const float> scores);

// The threshold (one of the scores) with the highest recall among those whose precision is
// >= targetPrecision (recall ties: the higher threshold, fewer posts to read). When none meets
// the target, met is false and the point is the one with the highest precision (precision ties:
// highest recall), so the caller can say "best reachable precision is 0.83 at threshold 0.97".
struct ThresholdChoice {
    bool met = false;
    double targetPrecision = 0.0;
    CurvePoint point;
};
ThresholdChoice thresholdForPrecision(std::span<const std::uint8_t> gold,
                                      std::span<const float> scores,
                                      double targetPrecision);

// ---- JSON, for --json output and model metadata (field names are the struct's, snake_case) ----
nlohmann::json toJson(const Metrics& metrics);
nlohmann::json toJson(const ThresholdChoice& choice);
nlohmann::json toJson(const std::vector<CurvePoint>& curve);
Metrics metricsFromJson(const nlohmann::json& json);  // throws MetricsError naming the field

}  // namespace sentinela::model
