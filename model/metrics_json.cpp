// Metrics <-> JSON for `--json` output and the model file's metadata. Undefined statistics
// (ROC-AUC of a label with one class in gold) are null, never NaN, so the JSON stays valid.
#include <nlohmann/json.hpp>

#include "model/metrics.h"

namespace sentinela::model {
namespace {

using nlohmann::json;

json optionalNumber(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

json toJson(const ClassMetrics& c) {
    return json{{"label", c.label},
                {"precision", c.precision},
                {"recall", c.recall},
                {"f1", c.f1},
                {"support", c.support},
                {"predicted", c.predicted},
                {"roc_auc", optionalNumber(c.rocAuc)},
                {"pr_auc", optionalNumber(c.prAuc)},
                {"threshold", c.threshold}};
}

json toJson(const CurvePoint& p) {
    return json{{"threshold", p.threshold},
                {"flagged", p.flagged},
                {"true_positives", p.truePositives},
                {"precision", p.precision},
                {"recall", p.recall}};
}

// Reads json[key] as T; a missing key or a wrong type becomes a MetricsError naming the field.
template <typename T>
T field(const json& object, const std::string& key, const std::string& path) {
    if (!object.is_object() || !object.contains(key)) {
        throw MetricsError("metrics JSON: missing field '" + path + key + "'");
    }
    try {
        return object.at(key).get<T>();
    } catch (const json::exception& e) {
        throw MetricsError("metrics JSON field '" + path + key + "': " + e.what());
    }
}

std::optional<double> optionalField(const json& object,
                                    const std::string& key,
                                    const std::string& path) {
    if (object.contains(key) && object.at(key).is_null()) {
        return std::nullopt;
    }
    return field<double>(object, key, path);
}

ClassMetrics classFromJson(const json& object, const std::string& path) {
    ClassMetrics c;
    c.label = field<std::string>(object, "label", path);
    c.precision = field<double>(object, "precision", path);
    c.recall = field<double>(object, "recall", path);
    c.f1 = field<double>(object, "f1", path);
    c.support = field<std::int64_t>(object, "support", path);
    c.predicted = field<std::int64_t>(object, "predicted", path);
    c.rocAuc = optionalField(object, "roc_auc", path);
    c.prAuc = optionalField(object, "pr_auc", path);
    c.threshold = field<float>(object, "threshold", path);
    return c;
}

}  // namespace

json toJson(const Metrics& m) {
    json perClass = json::array();
    for (const ClassMetrics& c : m.perClass) {
        perClass.push_back(toJson(c));
    }
    return json{{"labels", m.labels},
                {"multi_label", m.multiLabel},
                {"examples", m.examples},
                {"accuracy", m.accuracy},
                {"macro_f1", m.macroF1},
                {"macro_recall", m.macroRecall},
                {"macro_precision", m.macroPrecision},
                {"micro_f1", m.microF1},
                {"roc_auc", optionalNumber(m.rocAuc)},
                {"pr_auc", optionalNumber(m.prAuc)},
                {"expected_calibration_error", m.expectedCalibrationError},
                {"per_class", perClass},
                {"confusion", m.confusion}};
}

json toJson(const ThresholdChoice& choice) {
    return json{{"met", choice.met},
                {"target_precision", choice.targetPrecision},
                {"point", toJson(choice.point)}};
}

json toJson(const std::vector<CurvePoint>& curve) {
    json points = json::array();
    for (const CurvePoint& p : curve) {
        points.push_back(toJson(p));
    }
    return points;
}

Metrics metricsFromJson(const json& object) {
    Metrics m;
    m.labels = field<std::vector<std::string>>(object, "labels", "");
    m.multiLabel = field<bool>(object, "multi_label", "");
    m.examples = field<std::int64_t>(object, "examples", "");
    m.accuracy = field<double>(object, "accuracy", "");
    m.macroF1 = field<double>(object, "macro_f1", "");
    m.macroRecall = field<double>(object, "macro_recall", "");
    m.macroPrecision = field<double>(object, "macro_precision", "");
    m.microF1 = field<double>(object, "micro_f1", "");
    m.rocAuc = optionalField(object, "roc_auc", "");
    m.prAuc = optionalField(object, "pr_auc", "");
    m.expectedCalibrationError = field<double>(object, "expected_calibration_error", "");
    const auto perClass = field<json>(object, "per_class", "");
    if (!perClass.is_array() || perClass.size() != m.labels.size()) {
        throw MetricsError("metrics JSON field 'per_class': expected an array of " +
                           std::to_string(m.labels.size()) + " entries, one per label");
    }
    for (std::size_t i = 0; i < perClass.size(); ++i) {
        m.perClass.push_back(classFromJson(perClass[i], "per_class[" + std::to_string(i) + "]."));
    }
    m.confusion = field<std::vector<std::vector<std::int64_t>>>(object, "confusion", "");
    const std::size_t expectedRows = m.multiLabel ? 0 : m.labels.size();
    bool square = m.confusion.size() == expectedRows;
    for (const auto& row : m.confusion) {
        square = square && row.size() == m.labels.size();
    }
    if (!square) {
        throw MetricsError("metrics JSON field 'confusion': expected " +
                           std::to_string(expectedRows) + " rows of " +
                           std::to_string(m.labels.size()) + " counts");
    }
    return m;
}

}  // namespace sentinela::model
