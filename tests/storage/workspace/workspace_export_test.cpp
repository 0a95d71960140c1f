// Exports: the shared-dataset JSONL shape, RFC 4180 CSV, deterministic splits, flagged posts and
// the label history. Also a round trip through a real shared dataset when it is present.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

class ExportTest : public WorkspaceTest {
protected:
    void SetUp() override {
        WorkspaceTest::SetUp();
        ids_ = importPosts({makePost("a-1", "Mais um lixo"),
                            makePost("a-2", "Ele disse \"oi\", e foi"),
                            makePost("", "linha\ncom quebra")});
        ws().setLabel(ids_[0], "offensive", "offensive", "ana");
        ws().setLabel(ids_[1], "offensive", "not-offensive", "ana", "aspas \"e\", vírgula");
    }
    std::vector<std::int64_t> ids_;
};

TEST_F(ExportTest, JsonlHasTheSharedDatasetShape) {
    std::ostringstream out;
    LabeledExportOptions options;
    options.task = "offensive";
    EXPECT_EQ(ws().exportLabeled(options, out), 2);
    EXPECT_EQ(out.str(),
              "{\"id\": \"a-1\", \"text\": \"Mais um lixo\", \"label\": \"offensive\"}\n"
              "{\"id\": \"a-2\", \"text\": \"Ele disse \\\"oi\\\", e foi\", \"label\": "
              "\"not-offensive\"}\n");
}

TEST_F(ExportTest, CsvQuotesPerRfc4180) {
    ws().setLabel(ids_[2], "offensive", "offensive", "ana");
    std::ostringstream out;
    LabeledExportOptions options;
    options.task = "offensive";
    options.format = ExportFormat::kCsv;
    ws().exportLabeled(options, out);
    EXPECT_EQ(out.str(),
              "id,text,label\r\n"
              "a-1,Mais um lixo,offensive\r\n"
              "a-2,\"Ele disse \"\"oi\"\", e foi\",not-offensive\r\n" +
                      std::to_string(ids_[2]) + ",\"linha\ncom quebra\",offensive\r\n");
}

TEST_F(ExportTest, SplitIsDeterministicAndKeepsDuplicateTextsTogether) {
    std::vector<PostRecord> posts;
    for (int i = 0; i < 300; ++i) {
        posts.push_back(
                makePost("s" + std::to_string(i), "post number " + std::to_string(i % 150)));
    }
    const auto ids = importPosts(posts);
    PostFilter all;
    all.text = "post";
    ws().bulkLabel(all, "offensive", {"not-offensive"}, "ana");
    LabeledExportOptions options;
    options.task = "offensive";
    options.split = true;
    std::ostringstream first, second;
    ws().exportLabeled(options, first);
    ws().exportLabeled(options, second);
    EXPECT_EQ(first.str(), second.str());
    std::map<std::string, std::string> splitOfText;
    std::map<std::string, int> sizes;
    std::istringstream lines(first.str());
    for (std::string line; std::getline(lines, line);) {
        const auto j = nlohmann::json::parse(line);
        const auto split = j.at("split").get<std::string>();
        ++sizes[split];
        auto [it, inserted] = splitOfText.emplace(j.at("text").get<std::string>(), split);
        EXPECT_EQ(it->second, split) << "identical texts in different splits";
    }
    EXPECT_GT(sizes["train"], 180);
    EXPECT_GT(sizes["val"], 5);
    EXPECT_GT(sizes["test"], 5);
    options.seed = "other";
    std::ostringstream reseeded;
    ws().exportLabeled(options, reseeded);
    EXPECT_NE(reseeded.str(), first.str());
}

TEST_F(ExportTest, FlaggedPostsWithScores) {
    const auto m = ws().registerModel({"o", "offensive", "", "", "{}", {}}, "ana");
    ws().writePredictions(
            m, std::vector<Prediction>{
                       {ids_[0], {0.1f, 0.9f}}, {ids_[1], {0.4f, 0.6f}}, {ids_[2], {0.8f, 0.2f}}});
    std::ostringstream jsonl;
    EXPECT_EQ(ws().exportFlagged("offensive", 0.5, ExportFormat::kJsonl, jsonl), 2);
    std::istringstream lines(jsonl.str());
    std::string line;
    std::getline(lines, line);
    const auto top = nlohmann::json::parse(line);
    EXPECT_EQ(top.at("external_id"), "a-1");
    EXPECT_NEAR(top.at("scores").at("offensive").get<double>(), 0.9, 1e-6);
    EXPECT_EQ(top.at("human_labels"), nlohmann::json::array({"offensive"}));
    std::ostringstream csv;
    ws().exportFlagged("offensive", 0.5, ExportFormat::kCsv, csv);
    EXPECT_EQ(csv.str().substr(0, csv.str().find("\r\n")),
              "post_id,source,external_id,author,created_at,text,flag_score,predicted,"
              "human_labels,score_not-offensive,score_offensive");
}

TEST_F(ExportTest, LabelHistoryCsv) {
    std::ostringstream out;
    EXPECT_EQ(ws().exportLabelHistory("offensive", out), 2);
    const auto text = out.str();
    EXPECT_EQ(text.substr(0, text.find("\r\n")),
              "event_id,action_id,post_id,source,external_id,task,labels,kind,analyst,created_at,"
              "note");
    EXPECT_NE(text.find(",\"aspas \"\"e\"\", vírgula\"\r\n"), std::string::npos) << text;
    std::ostringstream none;
    EXPECT_EQ(ws().exportLabelHistory("sentiment", none), 0);
}

TEST_F(ExportTest, RoundTripsASharedDataset) {
    if (!sentinela::testing::hasSharedData()) {
        GTEST_SKIP() << "shared datasets not present";
    }
    const auto file = sentinela::testing::sharedDataDir() / "hatebr" / "val.jsonl";
    std::ifstream in(file);
    std::vector<PostRecord> posts;
    std::string original, line;
    std::int64_t lineNumber = 0;
    while (std::getline(in, line)) {
        original += line + "\n";
        const auto j = nlohmann::json::parse(line);
        PostRecord p;
        p.source = "jsonl";
        p.externalId = j.at("id");
        p.text = j.at("text");
        p.label = j.at("label").get<std::string>();
        p.raw = line;
        p.line = ++lineNumber;
        posts.push_back(std::move(p));
    }
    const auto importId = ws().startImport(file.string(), "jsonl", "offensive");
    const auto counts = ws().insertPosts(importId, posts);
    EXPECT_EQ(counts.inserted, 700);
    EXPECT_EQ(counts.labeled, 700);
    std::ostringstream out;
    LabeledExportOptions options;
    options.task = "offensive";
    ws().exportLabeled(options, out);
    // The fixture's two labeled posts come first (lower ids); the rest is the file, byte for byte.
    const auto text = out.str();
    const auto start = text.find("{\"id\": \"hatebr-val-0\"");
    ASSERT_NE(start, std::string::npos);
    EXPECT_EQ(text.substr(start), original);
}

}  // namespace
}  // namespace sentinela::storage::testing
