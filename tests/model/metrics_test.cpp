// Pins model/metrics.cpp and model/ranking_metrics.cpp against values computed by hand and the
// examples of scikit-learn's documentation (classification_report, roc_auc_score,
// average_precision_score), plus the edge cases: a class never predicted, a class absent from
// gold, tied scores, all one class, and bad input.
#include "model/metrics.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

namespace sentinela::model {
namespace {

// Rows of two-class scores [1 - p, p] from the positive-class probabilities.
std::vector<float> binaryRows(const std::vector<float>& positive) {
    std::vector<float> rows;
    for (float p : positive) {
        rows.insert(rows.end(), {1.0f - p, p});
    }
    return rows;
}

// One-hot-ish rows that make `predicted` the argmax of each example.
std::vector<float> rowsPredicting(const std::vector<std::int32_t>& predicted, int labels) {
    std::vector<float> rows;
    for (std::int32_t p : predicted) {
        for (int j = 0; j < labels; ++j) {
            rows.push_back(j == p ? 0.8f : 0.2f / static_cast<float>(labels - 1));
        }
    }
    return rows;
}

TEST(Metrics, MatchesScikitLearnClassificationReportExample) {
    // sklearn docs: y_true = [0, 1, 2, 2, 2], y_pred = [0, 0, 2, 2, 1].
    const std::vector<std::int32_t> gold = {0, 1, 2, 2, 2};
    const auto scores = rowsPredicting({0, 0, 2, 2, 1}, 3);
    const Metrics m = computeMetrics({"class 0", "class 1", "class 2"}, gold, scores);
    EXPECT_DOUBLE_EQ(m.accuracy, 0.6);
    EXPECT_DOUBLE_EQ(m.microF1, 0.6);
    EXPECT_DOUBLE_EQ(m.perClass[0].precision, 0.5);
    EXPECT_DOUBLE_EQ(m.perClass[0].recall, 1.0);
    EXPECT_NEAR(m.perClass[0].f1, 2.0 / 3.0, 1e-12);
    EXPECT_DOUBLE_EQ(m.perClass[1].precision, 0.0);  // predicted once, wrongly
    EXPECT_DOUBLE_EQ(m.perClass[1].f1, 0.0);
    EXPECT_DOUBLE_EQ(m.perClass[2].precision, 1.0);
    EXPECT_NEAR(m.perClass[2].recall, 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(m.perClass[2].f1, 0.8, 1e-12);
    EXPECT_EQ(m.perClass[2].support, 3);
    EXPECT_EQ(m.perClass[0].predicted, 2);
    EXPECT_NEAR(m.macroPrecision, 0.5, 1e-12);
    EXPECT_NEAR(m.macroRecall, (1.0 + 0.0 + 2.0 / 3.0) / 3.0, 1e-12);  // 0.56 in the docs
    EXPECT_NEAR(m.macroF1, (2.0 / 3.0 + 0.0 + 0.8) / 3.0, 1e-12);      // 0.49 in the docs
    const std::vector<std::vector<std::int64_t>> confusion = {{1, 0, 0}, {1, 0, 0}, {0, 1, 2}};
    EXPECT_EQ(m.confusion, confusion);
}

TEST(Metrics, BinaryRankingMatchesScikitLearnExamples) {
    // roc_auc_score / average_precision_score docs: y = [0, 0, 1, 1], s = [0.1, 0.4, 0.35, 0.8].
    const std::vector<std::uint8_t> gold = {0, 0, 1, 1};
    const std::vector<float> scores = {0.1f, 0.4f, 0.35f, 0.8f};
    EXPECT_NEAR(rocAuc(gold, scores), 0.75, 1e-12);
    EXPECT_NEAR(averagePrecision(gold, scores), 0.8333333333333333, 1e-12);

    // By hand: positives at ranks 1, 2, 5, 6 of 8 by descending score.
    const std::vector<std::int32_t> gold8 = {0, 0, 1, 1, 1, 0, 1, 0};
    const std::vector<float> p8 = {0.1f, 0.4f, 0.35f, 0.8f, 0.7f, 0.6f, 0.2f, 0.05f};
    const Metrics m = computeMetrics({"no", "yes"}, gold8, binaryRows(p8));
    ASSERT_TRUE(m.rocAuc && m.prAuc);
    EXPECT_NEAR(*m.rocAuc, 0.75, 1e-12);
    EXPECT_NEAR(*m.prAuc, 0.25 + 0.25 + 0.25 * 0.6 + 0.25 * 4.0 / 6.0, 1e-12);
    EXPECT_EQ(m.rocAuc, m.perClass[1].rocAuc);
}

TEST(Metrics, TiedScoresCountHalfInRocAndOneStepInAveragePrecision) {
    const std::vector<std::uint8_t> allTied = {0, 1, 0, 1};
    const std::vector<float> same(4, 0.5f);
    EXPECT_DOUBLE_EQ(rocAuc(allTied, same), 0.5);
    EXPECT_DOUBLE_EQ(averagePrecision(allTied, same), 0.5);

    const std::vector<std::uint8_t> gold = {1, 0, 1, 0};
    const std::vector<float> scores = {0.9f, 0.9f, 0.3f, 0.1f};
    EXPECT_DOUBLE_EQ(rocAuc(gold, scores), (0.5 + 1.0 + 0.0 + 1.0) / 4.0);
    EXPECT_NEAR(averagePrecision(gold, scores), 0.5 * 0.5 + 0.5 * 2.0 / 3.0, 1e-12);
}

TEST(Metrics, RankingAgreesWithBruteForceOnRandomTiedScores) {
    std::mt19937 random(7);
    for (int trial = 0; trial < 50; ++trial) {
        SCOPED_TRACE(trial);
        std::vector<std::uint8_t> gold(40);
        std::vector<float> scores(40);
        for (std::size_t i = 0; i < gold.size(); ++i) {
            gold[i] = static_cast<std::uint8_t>(random() % 2);
            scores[i] = static_cast<float>(random() % 7) / 6.0f;  // many ties
        }
        gold[0] = 0;
        gold[1] = 1;
        double pairs = 0.0, wins = 0.0;
        for (std::size_t a = 0; a < gold.size(); ++a) {
            for (std::size_t b = 0; b < gold.size(); ++b) {
                if (gold[a] == 1 && gold[b] == 0) {
                    pairs += 1.0;
                    wins += scores[a] > scores[b] ? 1.0 : (scores[a] == scores[b] ? 0.5 : 0.0);
                }
            }
        }
        EXPECT_NEAR(rocAuc(gold, scores), wins / pairs, 1e-12);
        // AP as the definition reads: at each distinct threshold, precision times recall gained.
        double ap = 0.0, lastRecall = 0.0;
        const double positives = std::count(gold.begin(), gold.end(), 1);
        for (int level = 6; level >= 0; --level) {
            const float t = static_cast<float>(level) / 6.0f;
            double flagged = 0.0, hits = 0.0;
            for (std::size_t i = 0; i < gold.size(); ++i) {
                flagged += scores[i] >= t ? 1.0 : 0.0;
                hits += (scores[i] >= t && gold[i] == 1) ? 1.0 : 0.0;
            }
            if (flagged > 0) {
                ap += (hits / positives - lastRecall) * hits / flagged;
                lastRecall = hits / positives;
            }
        }
        EXPECT_NEAR(averagePrecision(gold, scores), ap, 1e-12);
    }
}

TEST(Metrics, ClassNeverPredictedAndClassAbsentFromGoldScoreZeroNotNaN) {
    // Gold never holds "c"; the model never predicts "b".
    const std::vector<std::int32_t> gold = {0, 1, 1, 0};
    const auto scores = rowsPredicting({0, 0, 2, 0}, 3);
    const Metrics m = computeMetrics({"a", "b", "c"}, gold, scores);
    EXPECT_EQ(m.perClass[1].predicted, 0);
    EXPECT_DOUBLE_EQ(m.perClass[1].precision, 0.0);
    EXPECT_DOUBLE_EQ(m.perClass[1].recall, 0.0);
    EXPECT_EQ(m.perClass[2].support, 0);
    EXPECT_DOUBLE_EQ(m.perClass[2].recall, 0.0);
    EXPECT_DOUBLE_EQ(m.perClass[2].f1, 0.0);
    EXPECT_FALSE(m.perClass[2].rocAuc.has_value());  // one class in gold for "c"
    EXPECT_TRUE(m.perClass[0].rocAuc.has_value());
    EXPECT_NEAR(m.macroF1, (2.0 * 2.0 / (4.0 + 1.0)) / 3.0, 1e-12);  // a: P 2/3, R 1
    EXPECT_FALSE(std::isnan(m.macroF1));
}

TEST(Metrics, AllOneClassHasNoRankingMetricsButStillAccuracy) {
    const std::vector<std::int32_t> gold = {1, 1, 1};
    const Metrics m = computeMetrics({"no", "yes"}, gold, binaryRows({0.9f, 0.2f, 0.7f}));
    EXPECT_NEAR(m.accuracy, 2.0 / 3.0, 1e-12);
    EXPECT_FALSE(m.rocAuc.has_value());
    EXPECT_FALSE(m.prAuc.has_value());
    EXPECT_THROW(rocAuc(std::vector<std::uint8_t>{1, 1}, std::vector<float>{0.1f, 0.2f}),
                 MetricsError);
    EXPECT_THROW(averagePrecision(std::vector<std::uint8_t>{0, 0}, std::vector<float>{0.1f, 0.2f}),
                 MetricsError);
}

TEST(Metrics, BinaryThresholdMovesTheDecision) {
    const std::vector<std::int32_t> gold = {1, 0, 1};
    const auto rows = binaryRows({0.4f, 0.2f, 0.9f});
    EXPECT_NEAR(computeMetrics({"no", "yes"}, gold, rows).accuracy, 2.0 / 3.0, 1e-12);
    MetricsOptions low;
    low.binaryThreshold = 0.3f;
    EXPECT_DOUBLE_EQ(computeMetrics({"no", "yes"}, gold, rows, low).accuracy, 1.0);
}

TEST(Metrics, ExpectedCalibrationErrorByHand) {
    // Predicted 1,1,0,0 with confidence 0.9,0.8,0.7,0.55, right/wrong/right/wrong: each in its own
    // bin, ECE = (0.1 + 0.8 + 0.3 + 0.55) / 4.
    const std::vector<std::int32_t> gold = {1, 0, 0, 1};
    const Metrics m = computeMetrics({"no", "yes"}, gold, binaryRows({0.9f, 0.8f, 0.3f, 0.45f}));
    EXPECT_NEAR(m.expectedCalibrationError, 1.75 / 4.0, 1e-6);
    // Two examples sharing a bin average first: confidences 0.9 and 0.92 both fall in
    // [13/15, 14/15), one right: |0.5 - 0.91|.
    const std::vector<std::int32_t> rightWrong = {1, 0};
    const Metrics shared = computeMetrics({"no", "yes"}, rightWrong, binaryRows({0.9f, 0.92f}));
    EXPECT_NEAR(shared.expectedCalibrationError, 0.41, 1e-6);
    // 0.9 and 0.95 share [0.9, 1] with 10 bins (|0.5 - 0.925|) but not with the default 15
    // ([13/15, 14/15) and [14/15, 1]: (0.1 + 0.95) / 2).
    const auto rows = binaryRows({0.9f, 0.95f});
    EXPECT_NEAR(computeMetrics({"no", "yes"}, rightWrong, rows).expectedCalibrationError, 0.525,
                1e-6);
    MetricsOptions tenBins;
    tenBins.calibrationBins = 10;
    EXPECT_NEAR(computeMetrics({"no", "yes"}, rightWrong, rows, tenBins).expectedCalibrationError,
                0.425, 1e-6);
}

TEST(Metrics, ExpectedCalibrationErrorOfThreeClassesByHand) {
    // Top-label confidence with 15 bins of width 1/15:
    //   0.5 (bin 7, right), 0.6 (bin 9, wrong), 0.34 (bin 5, right), 0.8 and 0.8 (bin 12, one
    //   right): ECE = (|1 - 0.5| + |0 - 0.6| + |1 - 0.34|) / 5 + (2 / 5) |0.5 - 0.8| = 0.472.
    const std::vector<float> scores = {0.2f,  0.5f, 0.3f, 0.6f, 0.3f,  0.1f,  0.34f, 0.33f,
                                       0.33f, 0.1f, 0.1f, 0.8f, 0.05f, 0.15f, 0.8f};
    const std::vector<std::int32_t> gold = {1, 1, 0, 2, 0};
    const Metrics m = computeMetrics({"a", "b", "c"}, gold, scores);
    EXPECT_NEAR(m.expectedCalibrationError, 0.472, 1e-6);
}

TEST(Metrics, MultiLabelPerLabelThresholdsAndMicroMacroF1) {
    // 4 posts x labels {insult, threat, spam}.
    const std::vector<std::uint8_t> gold = {1, 0, 0,  //
                                            1, 1, 0,  //
                                            0, 0, 0,  //
                                            0, 1, 1};
    const std::vector<float> scores = {0.9f, 0.1f, 0.2f,  //
                                       0.6f, 0.3f, 0.1f,  //
                                       0.4f, 0.2f, 0.6f,  //
                                       0.2f, 0.7f, 0.8f};
    const std::vector<float> thresholds = {0.5f, 0.25f, 0.7f};
    const Metrics m =
            computeMultiLabelMetrics({"insult", "threat", "spam"}, gold, scores, thresholds);
    // insult: TP 2. threat (>= 0.25): TP 2. spam (>= 0.7): TP 1. Every prediction right.
    EXPECT_DOUBLE_EQ(m.microF1, 1.0);
    EXPECT_DOUBLE_EQ(m.accuracy, 1.0);
    EXPECT_TRUE(m.multiLabel);
    EXPECT_TRUE(m.confusion.empty());
    EXPECT_FLOAT_EQ(m.perClass[1].threshold, 0.25f);

    // At 0.5 everywhere: insult TP2; threat TP1 FN1; spam TP1 FP1. Micro: TP4 FP1 FN1.
    const Metrics half = computeMultiLabelMetrics({"insult", "threat", "spam"}, gold, scores);
    EXPECT_NEAR(half.microF1, 8.0 / 10.0, 1e-12);
    EXPECT_NEAR(half.macroF1, (1.0 + 2.0 / 3.0 + 2.0 / 3.0) / 3.0, 1e-12);
    EXPECT_DOUBLE_EQ(half.accuracy, 0.5);  // post 1 misses threat, post 2 flags spam
    ASSERT_TRUE(half.perClass[0].rocAuc.has_value());
    EXPECT_DOUBLE_EQ(*half.perClass[0].rocAuc, 1.0);
}

TEST(Metrics, CurveCountsFlaggedPostsPerDistinctThreshold) {
    const std::vector<std::uint8_t> gold = {1, 0, 1, 1};
    const std::vector<float> scores = {0.9f, 0.5f, 0.5f, 0.1f};
    const auto curve = precisionRecallCurve(gold, scores);
    ASSERT_EQ(curve.size(), 3u);
    EXPECT_FLOAT_EQ(curve[0].threshold, 0.9f);
    EXPECT_EQ(curve[0].flagged, 1);
    EXPECT_EQ(curve[1].flagged, 3);  // both tied posts at 0.5
    EXPECT_EQ(curve[1].truePositives, 2);
    EXPECT_NEAR(curve[1].precision, 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(curve[1].recall, 2.0 / 3.0, 1e-12);
    EXPECT_EQ(curve[2].flagged, 4);
    EXPECT_DOUBLE_EQ(curve[2].recall, 1.0);
}

const std::vector<std::uint8_t> kRankedGold = {1, 1, 0, 1, 0, 0, 1, 0};
const std::vector<float> kRankedScores = {0.95f, 0.9f, 0.85f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f};

TEST(Metrics, ThresholdForPrecisionTakesHighestRecallMeetingTheTarget) {
    const struct {
        const char* why;
        double target;
        float threshold;
        double recall;
    } kCases[] = {
            {"precision 0.75 first reached with recall 0.75", 0.75, 0.8f, 0.75},
            {"0.7 is met by the same point", 0.7, 0.8f, 0.75},
            {"perfect precision: the higher-recall of two", 1.0, 0.9f, 0.5},
            {"recall tie at 1: the higher threshold, fewer posts", 0.5, 0.5f, 1.0},
            {"no target", 0.0, 0.5f, 1.0},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        const ThresholdChoice choice = thresholdForPrecision(kRankedGold, kRankedScores, c.target);
        EXPECT_TRUE(choice.met);
        EXPECT_FLOAT_EQ(choice.point.threshold, c.threshold);
        EXPECT_DOUBLE_EQ(choice.point.recall, c.recall);
    }
}

TEST(Metrics, ThresholdForPrecisionSaysWhenNoThresholdMeetsIt) {
    const ThresholdChoice choice = thresholdForPrecision(std::vector<std::uint8_t>{0, 0, 1},
                                                         std::vector<float>{0.9f, 0.8f, 0.1f}, 0.9);
    EXPECT_FALSE(choice.met);
    EXPECT_NEAR(choice.point.precision, 1.0 / 3.0, 1e-12);  // the best reachable
    EXPECT_FLOAT_EQ(choice.point.threshold, 0.1f);
    EXPECT_THROW(thresholdForPrecision(kRankedGold, kRankedScores, 1.5), MetricsError);
}

TEST(Metrics, BadInputThrowsNamingTheExample) {
    const std::vector<std::string> labels = {"no", "yes"};
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const struct {
        const char* why;
        std::vector<std::int32_t> gold;
        std::vector<float> scores;
        const char* mentions;
    } kCases[] = {
            {"too few scores", {0, 1}, {0.5f, 0.5f}, "4 scores"},
            {"gold out of range", {0, 2}, {0.5f, 0.5f, 0.5f, 0.5f}, "example 1"},
            {"NaN score", {0, 1}, {0.5f, 0.5f, nan, 0.5f}, "example 1"},
            {"no examples", {}, {}, "at least one"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        try {
            computeMetrics(labels, c.gold, c.scores);
            ADD_FAILURE() << "no MetricsError";
        } catch (const MetricsError& e) {
            EXPECT_NE(std::string(e.what()).find(c.mentions), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW(computeMetrics({"only"}, std::vector<std::int32_t>{0}, std::vector<float>{1.0f}),
                 MetricsError);
    EXPECT_THROW(
            computeMultiLabelMetrics({"a"}, std::vector<std::uint8_t>{2}, std::vector<float>{0.5f}),
            MetricsError);
}

}  // namespace
}  // namespace sentinela::model
