// Models: register, list, activate; predictions and their derived columns; statistics.
#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

class ModelsTest : public WorkspaceTest {
protected:
    void SetUp() override {
        WorkspaceTest::SetUp();
        ids_ = importPosts({makePost("1", "um"), makePost("2", "dois"), makePost("3", "três")});
    }
    std::vector<std::int64_t> ids_;
};

TEST_F(ModelsTest, FirstModelOfATaskIsActive) {
    const auto a = ws().registerModel({"a", "offensive", "a.model", "", "{\"f1\":0.7}", {}}, "ana");
    const auto b = ws().registerModel({"b", "offensive", "", "BLOB\0BYTES", "{}", {}}, "ana");
    auto models = ws().models("offensive");
    ASSERT_EQ(models.size(), 2u);
    EXPECT_TRUE(models[0].active);
    EXPECT_FALSE(models[1].active);
    EXPECT_EQ(models[0].file, "a.model");
    EXPECT_NE(models[0].metricsJson.find("0.7"), std::string::npos);
    EXPECT_TRUE(models[1].hasBlob);
    EXPECT_EQ(ws().modelBlob(b), "BLOB");
    ws().activateModel(b, "ana");
    EXPECT_FALSE(ws().model(a)->active);
    EXPECT_TRUE(ws().model(b)->active);
    EXPECT_THROW(ws().registerModel({"a", "offensive", "", "", "{}", {}}, "ana"), WorkspaceError);
    EXPECT_THROW(ws().registerModel({"c", "offensive", "", "", "not json", {}}, "ana"),
                 WorkspaceError);
    EXPECT_THROW(ws().activateModel(9999, "ana"), WorkspaceError);
}

TEST_F(ModelsTest, PredictionsDeriveLabelsScoresAndMargins) {
    const auto m = ws().registerModel({"s", "sentiment", "", "", "{}", {}}, "ana");
    ws().writePredictions(m, std::vector<Prediction>{{ids_[0], {0.7f, 0.2f, 0.1f}},
                                                     {ids_[1], {0.1f, 0.45f, 0.45f}}});
    const auto row = ws().post(ids_[0], "sentiment");
    ASSERT_TRUE(row && row->prediction);
    EXPECT_EQ(row->prediction->predictedLabels, std::vector<std::string>{"negative"});
    EXPECT_FLOAT_EQ(row->prediction->flagScore, 0.7f);  // negative is sentiment's flagged label
    EXPECT_NEAR(row->prediction->margin, 0.5f, 1e-6);
    EXPECT_EQ(row->prediction->scores.size(), 3u);
    EXPECT_NEAR(ws().post(ids_[1], "sentiment")->prediction->margin, 0.0f, 1e-6);
    // Rescoring replaces: latest per post and model.
    ws().writePredictions(m, std::vector<Prediction>{{ids_[0], {0.1f, 0.1f, 0.8f}}});
    EXPECT_EQ(ws().post(ids_[0], "sentiment")->prediction->predictedLabels,
              std::vector<std::string>{"positive"});
    EXPECT_EQ(ws().model(m)->predictedPosts, 2);
    EXPECT_FALSE(ws().model(m)->lastScanAt.empty());
}

TEST_F(ModelsTest, MultiLabelPredictionsUseThresholds) {
    const auto task = *ws().task("illegal-content");
    std::vector<float> thresholds(task.labels.size(), 0.5f);
    thresholds[static_cast<std::size_t>(task.labelIndex("threat"))] = 0.3f;
    const auto m = ws().registerModel({"il", "illegal-content", "", "", "{}", thresholds}, "ana");
    std::vector<float> scores(task.labels.size(), 0.1f);
    scores[static_cast<std::size_t>(task.labelIndex("threat"))] = 0.35f;
    scores[static_cast<std::size_t>(task.labelIndex("fraud"))] = 0.8f;
    ws().writePredictions(m, std::vector<Prediction>{{ids_[0], scores}});
    const auto p = *ws().post(ids_[0], "illegal-content")->prediction;
    EXPECT_EQ(p.predictedLabels, (std::vector<std::string>{"threat", "fraud"}));
    EXPECT_FLOAT_EQ(p.flagScore, 0.8f);
    PostFilter f;
    f.task = "illegal-content";
    f.predictedLabel = "threat";
    EXPECT_EQ(ws().countPosts(f).count, 1);
}

TEST_F(ModelsTest, BadPredictionsAreRejectedWholeBatch) {
    const auto m = ws().registerModel({"o", "offensive", "", "", "{}", {}}, "ana");
    EXPECT_THROW(ws().writePredictions(m, std::vector<Prediction>{{ids_[0], {0.5f}}}),
                 WorkspaceError);
    EXPECT_THROW(ws().writePredictions(m, std::vector<Prediction>{{ids_[0], {0.5f, 0.5f}},
                                                                  {424242, {0.5f, 0.5f}}}),
                 WorkspaceError);
    EXPECT_FALSE(ws().post(ids_[0], "offensive")->prediction);  // rolled back
    EXPECT_THROW(ws().writePredictions(777, std::vector<Prediction>{}), WorkspaceError);
}

TEST_F(ModelsTest, StatsSummariseTheWorkspace) {
    const auto m = ws().registerModel({"o", "offensive", "", "", "{}", {}}, "ana");
    ws().writePredictions(
            m, std::vector<Prediction>{
                       {ids_[0], {0.1f, 0.9f}}, {ids_[1], {0.2f, 0.8f}}, {ids_[2], {0.9f, 0.1f}}});
    ws().setLabel(ids_[1], "offensive", "offensive", "ana");
    const auto stats = ws().stats();
    EXPECT_EQ(stats.posts, 3);
    EXPECT_EQ(stats.imports, 1);
    EXPECT_EQ(stats.models, 1);
    EXPECT_FALSE(stats.lastScanAt.empty());
    EXPECT_EQ(stats.postsBySource.at("x"), 3);
    const auto& offensive = stats.tasks.at(1);
    EXPECT_EQ(offensive.task, "offensive");
    EXPECT_EQ(offensive.labeledPosts, 1);
    EXPECT_EQ(offensive.flagged, 1);  // ids_[1] is decided, ids_[2] scores low
    EXPECT_EQ(offensive.activeModel, "o");
    EXPECT_EQ(offensive.labels.at(1).count, 1);
}

}  // namespace
}  // namespace sentinela::storage::testing
