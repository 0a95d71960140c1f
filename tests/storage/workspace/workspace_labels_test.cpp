// The label history: set, remove, undo, bulk, multi-label, CSV import, counts.
#include <fstream>
#include <gmock/gmock.h>

#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

class LabelsTest : public WorkspaceTest {
protected:
    void SetUp() override {
        WorkspaceTest::SetUp();
        ids_ = importPosts({makePost("1", "um"), makePost("2", "dois"), makePost("3", "três"),
                            makePost("", "sem id")});
    }
    std::vector<std::string> labels(std::size_t i, const std::string& task = "offensive") {
        return ws().currentLabels(ids_.at(i), task);
    }
    std::vector<std::int64_t> ids_;
};

using Labels = std::vector<std::string>;

TEST_F(LabelsTest, CurrentLabelIsTheLatestEntry) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana", "first look");
    ws().setLabel(ids_[0], "offensive", "not-offensive", "bia", "context: a joke");
    EXPECT_EQ(labels(0), Labels{"not-offensive"});
    const auto history = ws().labelHistory(ids_[0]);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].labels, Labels{"offensive"});
    EXPECT_EQ(history[0].analyst, "ana");
    EXPECT_EQ(history[0].note, "first look");
    EXPECT_EQ(history[1].analyst, "bia");
    EXPECT_EQ(history[1].task, "offensive");
    EXPECT_FALSE(history[1].createdAt.empty());
}

TEST_F(LabelsTest, SettingTheSameLabelAddsNoEntry) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    const auto again = ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    EXPECT_EQ(again.count, 0);
    EXPECT_EQ(ws().labelHistory(ids_[0]).size(), 1u);
}

TEST_F(LabelsTest, RemoveIsAnEntryToo) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    ws().setLabels(ids_[0], "offensive", {}, "ana");
    EXPECT_TRUE(labels(0).empty());
    const auto history = ws().labelHistory(ids_[0]);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].kind, "remove");
}

TEST_F(LabelsTest, UndoRestoresThePreviousLabels) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    const auto second = ws().setLabel(ids_[0], "offensive", "not-offensive", "ana");
    const auto undone = ws().undo(second.actionId, "ana");
    EXPECT_EQ(undone.count, 1);
    EXPECT_EQ(labels(0), Labels{"offensive"});
    EXPECT_EQ(ws().labelHistory(ids_[0]).back().kind, "revert");
    EXPECT_THROW(ws().undo(second.actionId, "ana"), WorkspaceError);  // already undone
}

TEST_F(LabelsTest, UndoLastWalksBackThroughTheAnalystsActions) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    ws().setLabel(ids_[1], "offensive", "offensive", "ana");
    ws().setLabel(ids_[2], "offensive", "offensive", "bia");
    EXPECT_EQ(ws().undoLast("ana").count, 1);
    EXPECT_TRUE(labels(1).empty());
    EXPECT_EQ(labels(2), Labels{"offensive"});  // bia's label is not ana's to undo
    EXPECT_EQ(ws().undoLast("ana").count, 1);
    EXPECT_TRUE(labels(0).empty());
    EXPECT_EQ(ws().undoLast("ana").count, 0);  // nothing left
}

TEST_F(LabelsTest, UndoLeavesLaterDecisionsAlone) {
    const auto first = ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    ws().setLabel(ids_[0], "offensive", "not-offensive", "bia");
    EXPECT_EQ(ws().undo(first.actionId, "ana").count, 0);
    EXPECT_EQ(labels(0), Labels{"not-offensive"});
}

TEST_F(LabelsTest, BulkLabelIsOneUndoableAction) {
    ws().setLabel(ids_[0], "offensive", "not-offensive", "ana");
    PostFilter f;
    f.text = "um OR dois OR três";
    const auto bulk = ws().bulkLabel(f, "offensive", {"offensive"}, "ana", "campaign");
    EXPECT_EQ(bulk.count, 3);
    EXPECT_EQ(labels(0), Labels{"offensive"});
    EXPECT_EQ(labels(2), Labels{"offensive"});
    EXPECT_TRUE(labels(3).empty());
    EXPECT_EQ(ws().undo(bulk.actionId, "ana").count, 3);
    EXPECT_EQ(labels(0), Labels{"not-offensive"});
    EXPECT_TRUE(labels(1).empty());
    EXPECT_EQ(ws().auditLog(5).front().action, "label.undo");
}

TEST_F(LabelsTest, MultiLabelTaskKeepsTheSet) {
    ws().setLabels(ids_[0], "illegal-content", {"threat", "discrimination"}, "ana");
    EXPECT_EQ(labels(0, "illegal-content"), (Labels{"threat", "discrimination"}));
    PostFilter f;
    f.task = "illegal-content";
    f.labels = {"discrimination"};
    EXPECT_EQ(ws().countPosts(f).count, 1);
    EXPECT_THROW(ws().setLabels(ids_[0], "offensive", {"offensive", "not-offensive"}, "ana"),
                 WorkspaceError);
}

TEST_F(LabelsTest, RejectsUnknownLabelsTasksAndPosts) {
    EXPECT_THROW(ws().setLabel(ids_[0], "offensive", "rude", "ana"), WorkspaceError);
    EXPECT_THROW(ws().setLabel(ids_[0], "spam", "spam", "ana"), WorkspaceError);
    EXPECT_THROW(ws().setLabel(999999, "offensive", "offensive", "ana"), WorkspaceError);
    try {
        ws().setLabel(ids_[0], "offensive", "rude", "ana");
    } catch (const WorkspaceError& e) {
        EXPECT_NE(std::string(e.what()).find("not-offensive, offensive"), std::string::npos);
    }
}

TEST_F(LabelsTest, CountsPerLabelIncludeZeros) {
    ws().setLabel(ids_[0], "sentiment", "negative", "ana");
    ws().setLabel(ids_[1], "sentiment", "negative", "ana");
    const auto counts = ws().labelCounts("sentiment");
    ASSERT_EQ(counts.size(), 3u);
    EXPECT_EQ(counts[0].label, "negative");
    EXPECT_EQ(counts[0].count, 2);
    EXPECT_EQ(counts[2].count, 0);
}

TEST_F(LabelsTest, ImportsLabelsFromCsvAndReportsBadRows) {
    const auto csv = dir_ / "labels.csv";
    std::ofstream(csv) << "id,label\n"
                       << "1,offensive\n"
                       << "\"2\",\"not-offensive\"\n"
                       << "404,offensive\n"
                       << "3,rude\n"
                       << ids_[3] << ",offensive\n";  // a post without platform id, by its id
    const auto report = ws().importLabelsCsv(csv, "offensive", "ana");
    EXPECT_EQ(report.applied, 3);
    ASSERT_EQ(report.rejected.size(), 2u);
    EXPECT_EQ(report.rejected[0].line, 4);
    EXPECT_EQ(report.rejected[1].line, 5);
    EXPECT_EQ(labels(1), Labels{"not-offensive"});
    EXPECT_EQ(labels(3), Labels{"offensive"});
    EXPECT_EQ(ws().undo(report.actionId, "ana").count, 3);
}

TEST_F(LabelsTest, CsvWithoutTheNeededColumnsIsAnError) {
    const auto csv = dir_ / "labels.csv";
    std::ofstream(csv) << "text,category\nx,y\n";
    EXPECT_THROW(ws().importLabelsCsv(csv, "offensive", "ana"), WorkspaceError);
    EXPECT_THROW(ws().importLabelsCsv(dir_ / "missing.csv", "offensive", "ana"), WorkspaceError);
}

// Predicted labels are the bits of one signed 64-bit integer: 63 labels at most, and a task
// beyond that is refused by name rather than scored wrongly.
TEST_F(WorkspaceTest, ATaskTakesAtMost63Labels) {
    TaskSchema schema;
    schema.name = "many";
    for (std::size_t i = 0; i < TaskSchema::kMaxLabels; ++i) {
        schema.labels.push_back({"label-" + std::to_string(i), "", "", false, ""});
    }
    ws().createTask(schema, "ana");
    EXPECT_EQ(ws().task("many")->labels.size(), 63u);
    try {
        ws().addTaskLabel("many", {"one-more", "", "", false, ""}, "ana");
        ADD_FAILURE() << "a 64th label was added";
    } catch (const WorkspaceError& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("already has 63 labels, the most a task takes; "
                                                   "\"one-more\" was not added"));
    }
    EXPECT_EQ(ws().task("many")->labels.size(), 63u);

    schema.name = "too-many";
    schema.labels.push_back({"one-more", "", "", false, ""});
    try {
        ws().createTask(schema, "ana");
        ADD_FAILURE() << "a task with 64 labels was created";
    } catch (const WorkspaceError& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr("task \"too-many\" lists 64 labels; a task "
                                                   "takes at most 63"));
    }
    EXPECT_FALSE(ws().task("too-many").has_value());
}

}  // namespace
}  // namespace sentinela::storage::testing
