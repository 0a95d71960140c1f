// The bootstrap interval of a validation figure (model/validation.h): it holds the figure, it
// narrows as the validation set grows, it is reproducible, and a perfect score on few posts is
// not read as certain.
#include <gtest/gtest.h>

#include "model/validation.h"

namespace sentinela::model {
namespace {

// `posts` posts of two labels in turn; the model is right on all but every fifth post.
struct ScoredSet {
    EncodedSet set;
    std::vector<float> scores;
};

ScoredSet scoredSet(int posts, int wrongEvery) {
    ScoredSet s;
    for (int i = 0; i < posts; ++i) {
        const int gold = i % 2;
        const bool right = wrongEvery == 0 || i % wrongEvery != 0;
        const int predicted = right ? gold : 1 - gold;
        s.set.ids.push_back({1});
        s.set.targets.push_back(gold);
        s.scores.push_back(predicted == 0 ? 0.8f : 0.2f);
        s.scores.push_back(predicted == 1 ? 0.8f : 0.2f);
    }
    return s;
}

const std::vector<std::string> kLabels = {"a", "b"};

TEST(ValidationInterval, HoldsTheFigureAndNarrowsWithMorePosts) {
    const auto small = scoredSet(40, 5);
    const auto large = scoredSet(4000, 5);
    const double figure = computeMetrics(kLabels, small.set.targets, small.scores).macroF1;
    const auto a = bootstrapInterval(SelectionMetric::kMacroF1, kLabels, small.set, small.scores,
                                     {}, false);
    const auto b = bootstrapInterval(SelectionMetric::kMacroF1, kLabels, large.set, large.scores,
                                     {}, false, 200);
    EXPECT_LE(a.low, figure);
    EXPECT_GE(a.high, figure);
    EXPECT_GT(a.high - a.low, 0.15) << "40 posts at 80 % right: the figure is rough";
    EXPECT_LT(b.high - b.low, 0.05) << "4,000 posts: it is not";
    EXPECT_LE(b.low, 0.8);
    EXPECT_GE(b.high, 0.8);
}

TEST(ValidationInterval, IsReproducibleAndNeverZeroWidth) {
    const auto s = scoredSet(60, 4);
    const auto first =
            bootstrapInterval(SelectionMetric::kMacroRecall, kLabels, s.set, s.scores, {}, false);
    const auto second =
            bootstrapInterval(SelectionMetric::kMacroRecall, kLabels, s.set, s.scores, {}, false);
    EXPECT_EQ(first.low, second.low);
    EXPECT_EQ(first.high, second.high);
    const auto perfect = scoredSet(60, 0);
    const auto flat = bootstrapInterval(SelectionMetric::kAccuracy, kLabels, perfect.set,
                                        perfect.scores, {}, false);
    // Every resample is perfect, but 60 posts are no proof: at least 3/60 below.
    EXPECT_NEAR(flat.low, 1.0 - 3.0 / 60, 1e-12);
    EXPECT_EQ(flat.high, 1.0);
    EXPECT_EQ(bootstrapInterval(SelectionMetric::kAccuracy, kLabels, EncodedSet{}, {}, {}, false)
                      .high,
              0.0);
}

}  // namespace
}  // namespace sentinela::model
