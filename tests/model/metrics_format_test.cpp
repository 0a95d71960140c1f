// Pins model/metrics_json.cpp (round trip, null for undefined statistics, errors naming the field)
// and model/metrics_table.cpp (the CLI's table and confusion matrix).
#include <algorithm>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model/metrics.h"
#include "model/metrics_table.h"

namespace sentinela::model {
namespace {

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line.substr(0, line.find('\n')));
    std::vector<std::string> out;
    for (std::string word; in >> word;) {
        out.push_back(word);
    }
    return out;
}

Metrics sampleMetrics() {
    const std::vector<std::int32_t> gold = {0, 1, 1, 0, 1};
    const std::vector<float> scores = {0.8f, 0.2f, 0.3f, 0.7f,  0.6f,
                                       0.4f, 0.7f, 0.3f, 0.45f, 0.55f};
    return computeMetrics({"not-offensive", "offensive"}, gold, scores);
}

TEST(MetricsJson, RoundTripsThroughText) {
    const Metrics m = sampleMetrics();
    const nlohmann::json json = nlohmann::json::parse(toJson(m).dump());
    const Metrics back = metricsFromJson(json);
    EXPECT_EQ(back.labels, m.labels);
    EXPECT_EQ(back.examples, m.examples);
    EXPECT_DOUBLE_EQ(back.accuracy, m.accuracy);
    EXPECT_DOUBLE_EQ(back.macroF1, m.macroF1);
    EXPECT_EQ(back.rocAuc, m.rocAuc);
    EXPECT_EQ(back.confusion, m.confusion);
    ASSERT_EQ(back.perClass.size(), 2u);
    EXPECT_DOUBLE_EQ(back.perClass[1].recall, m.perClass[1].recall);
    EXPECT_EQ(back.perClass[1].prAuc, m.perClass[1].prAuc);
    EXPECT_EQ(json["confusion"][1][1], m.confusion[1][1]);
}

TEST(MetricsJson, UndefinedStatisticsAreNull) {
    const Metrics m = computeMetrics({"no", "yes"}, std::vector<std::int32_t>{1, 1},
                                     std::vector<float>{0.1f, 0.9f, 0.6f, 0.4f});
    const nlohmann::json json = toJson(m);
    EXPECT_TRUE(json["roc_auc"].is_null());
    EXPECT_TRUE(json["per_class"][0]["pr_auc"].is_null());
    EXPECT_FALSE(metricsFromJson(json).rocAuc.has_value());
}

TEST(MetricsJson, BadJsonNamesTheField) {
    nlohmann::json json = toJson(sampleMetrics());
    json["per_class"][1]["recall"] = "high";
    try {
        metricsFromJson(json);
        ADD_FAILURE() << "no MetricsError";
    } catch (const MetricsError& e) {
        EXPECT_NE(std::string(e.what()).find("per_class[1].recall"), std::string::npos) << e.what();
    }
    json = toJson(sampleMetrics());
    json.erase("macro_f1");
    EXPECT_THROW(metricsFromJson(json), MetricsError);
    json = toJson(sampleMetrics());
    json["confusion"] = nlohmann::json::array({nlohmann::json::array({1, 2})});
    EXPECT_THROW(metricsFromJson(json), MetricsError);
    EXPECT_THROW(metricsFromJson(nlohmann::json::array()), MetricsError);
}

TEST(MetricsJson, ThresholdChoiceAndCurve) {
    const std::vector<std::uint8_t> gold = {1, 0, 1};
    const std::vector<float> scores = {0.9f, 0.5f, 0.2f};
    const nlohmann::json choice = toJson(thresholdForPrecision(gold, scores, 0.9));
    EXPECT_TRUE(choice["met"].get<bool>());
    EXPECT_EQ(choice["point"]["flagged"], 1);
    const nlohmann::json curve = toJson(precisionRecallCurve(gold, scores));
    ASSERT_EQ(curve.size(), 3u);
    EXPECT_EQ(curve[2]["true_positives"], 2);
}

TEST(MetricsTable, ShowsEveryLabelTheAveragesAndTheConfusionMatrix) {
    const Metrics m = sampleMetrics();
    const std::string table = formatMetricsTable(m);
    EXPECT_NE(table.find("not-offensive"), std::string::npos);
    EXPECT_NE(table.find("macro avg"), std::string::npos);
    EXPECT_NE(table.find("accuracy 0.800"), std::string::npos) << table;
    EXPECT_NE(table.find("ROC-AUC"), std::string::npos);
    // Gold 0,1,1,0,1 vs predicted 0,0,1,0,1: one offensive post missed.
    const std::string confusion = formatConfusionMatrix(m);
    EXPECT_NE(confusion.find("rows: gold"), std::string::npos);
    EXPECT_NE(confusion.find("\nnot-offensive"), std::string::npos) << confusion;
    const std::vector<std::string> expected = {"offensive", "1", "2"};
    EXPECT_EQ(words(confusion.substr(confusion.rfind("\noffensive") + 1)), expected) << confusion;
}

TEST(MetricsTable, MultiLabelHasThresholdsAndNoConfusionMatrix) {
    const Metrics m = computeMultiLabelMetrics(
            {"insult", "threat"}, std::vector<std::uint8_t>{1, 0, 0, 1},
            std::vector<float>{0.9f, 0.1f, 0.3f, 0.8f}, std::vector<float>{0.6f, 0.4f});
    EXPECT_NE(formatMetricsTable(m).find("threshold"), std::string::npos);
    EXPECT_NE(formatMetricsTable(m).find("exact-match accuracy 1.000"), std::string::npos);
    EXPECT_EQ(formatConfusionMatrix(m), "");
}

TEST(MetricsTable, CurveKeepsFirstAndLastRows) {
    std::vector<std::uint8_t> gold(100);
    std::vector<float> scores(100);
    for (int i = 0; i < 100; ++i) {
        gold[static_cast<std::size_t>(i)] = i % 3 == 0;
        scores[static_cast<std::size_t>(i)] = static_cast<float>(i) / 100.0f;
    }
    const std::string text = formatThresholdCurve(precisionRecallCurve(gold, scores), 5);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 6);  // header + 5 rows
    EXPECT_NE(text.find("0.9900"), std::string::npos);
    EXPECT_NE(text.find("100"), std::string::npos);  // everything flagged at the lowest threshold
}

}  // namespace
}  // namespace sentinela::model
