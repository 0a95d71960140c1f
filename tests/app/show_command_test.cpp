// `sentinela show` through the real binary: a post imported from a JSONL export, shown as text,
// as --json and with --raw (the export's line byte for byte); found by --external; a post kept
// without its record; unknown ids and bad arguments with the documented exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/workspace.h"
#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// 1.50 and the key order must survive in --raw: it is the export's own text.
const std::string kSecondLine =
        R"({"id": "b2", "user": "@beto", "created_at": "2024-04-01T11:00:00Z", )"
        R"("text": "cala a boca seu idiota", "label": "offensive", "score": 1.50})";

class CliShow : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new std::filesystem::path(makeTempDir());
        workspace_ = (*dir_ / "case.sentinela").string();
        writeText(*dir_ / "posts.jsonl",
                  R"({"id": "b1", "user": "@ana", "text": "que dia lindo", "label": )"
                  R"("not-offensive"})"
                  "\n" + kSecondLine +
                          "\n");
        ASSERT_EQ(runCli({"init", workspace_}).exitCode, 0);
        const auto imported =
                runCli({"import", workspace_, (*dir_ / "posts.jsonl").string(), "--format", "jsonl",
                        "--author-field", "user", "--date-field", "created_at", "--label-field",
                        "label", "--task", "offensive"});
        ASSERT_EQ(imported.exitCode, 0) << imported.err;

        // A scored post and one stored without its record (as before schema v4), through the
        // library: the CLI has no flag that drops records.
        sentinela::storage::Workspace store(workspace_);
        secondId_ = *store.findPostId("jsonl", "b2");
        sentinela::storage::ModelRegistration model;
        model.name = "offensive-v1";
        model.task = "offensive";
        model.blob = "not a real model: show only reads its scores";
        const auto modelId = store.registerModel(model, "test");
        store.activateModel(modelId, "test");
        const sentinela::storage::Prediction scores[] = {{secondId_, {0.1f, 0.9f}}};
        store.writePredictions(modelId, scores);
        const auto importId = store.startImport("old.jsonl", "jsonl", "");
        sentinela::storage::PostRecord old;
        old.source = "jsonl";
        old.externalId = "c1";
        old.text = "an old post";
        store.insertPosts(importId, {&old, 1});
        store.finishImport(importId, {});
        withoutRecordId_ = *store.findPostId("jsonl", "c1");
    }
    static void TearDownTestSuite() {
        std::filesystem::remove_all(*dir_);
        delete dir_;
    }
    static ProcessResult run(const std::vector<std::string>& args) {
        auto result = runCli(args);
        EXPECT_EQ(result.exitCode, 0) << "sentinela show\n" << result.err;
        return result;
    }
    static inline std::filesystem::path* dir_ = nullptr;
    static inline std::string workspace_;
    static inline std::int64_t secondId_ = 0, withoutRecordId_ = 0;
};

TEST_F(CliShow, PrintsThePostItsLabelsAndPrediction) {
    const auto r = run({"show", workspace_, std::to_string(secondId_)});
    EXPECT_THAT(r.out, HasSubstr("post " + std::to_string(secondId_) + "\n"));
    EXPECT_THAT(r.out, HasSubstr("external id b2"));
    EXPECT_THAT(r.out, HasSubstr("author      @beto"));
    EXPECT_THAT(r.out, HasSubstr("2024-04-01T11:00:00Z"));
    EXPECT_THAT(r.out, HasSubstr("posts.jsonl"));
    EXPECT_THAT(r.out, HasSubstr("task offensive\n  labels      offensive\n"));
    EXPECT_THAT(r.out, HasSubstr("offensive-v1: offensive (not-offensive 0.100, offensive 0.900)"));
    EXPECT_THAT(r.out, HasSubstr("text\ncala a boca seu idiota\n"));
    EXPECT_THAT(r.out, Not(HasSubstr("original record")));
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliShow, RawPrintsTheExportLineByteForByte) {
    const auto r = run({"show", workspace_, std::to_string(secondId_), "--raw"});
    EXPECT_THAT(r.out, HasSubstr("original record\n" + kSecondLine + "\n"));

    const auto none = run({"show", workspace_, std::to_string(withoutRecordId_), "--raw"});
    EXPECT_THAT(none.out, HasSubstr("text\nan old post\n"));
    EXPECT_THAT(none.out, HasSubstr("original record\n(none kept"));
}

TEST_F(CliShow, JsonIsOneObject) {
    const auto out = json::parse(run({"show", workspace_, std::to_string(secondId_), "--json",
                                      "--raw", "--task", "offensive"})
                                         .out);
    EXPECT_EQ(out["id"], secondId_);
    EXPECT_EQ(out["source"], "jsonl");
    EXPECT_EQ(out["external_id"], "b2");
    EXPECT_EQ(out["author"], "@beto");
    EXPECT_EQ(out["text"], "cala a boca seu idiota");
    EXPECT_EQ(out["import"]["format"], "jsonl");
    EXPECT_EQ(out["raw_record"], kSecondLine);
    ASSERT_EQ(out["tasks"].size(), 1u);
    const auto& task = out["tasks"][0];
    EXPECT_EQ(task["task"], "offensive");
    EXPECT_EQ(task["labels"], json::array({"offensive"}));
    EXPECT_EQ(task["prediction"]["model"], "offensive-v1");
    EXPECT_NEAR(task["prediction"]["scores"]["offensive"].get<double>(), 0.9, 1e-6);
    EXPECT_EQ(task["prediction"]["predicted_labels"], json::array({"offensive"}));

    const auto none = json::parse(
            run({"show", workspace_, std::to_string(withoutRecordId_), "--json", "--raw"}).out);
    EXPECT_TRUE(none["raw_record"].is_null());
    EXPECT_TRUE(none["tasks"].empty());  // no labels, no prediction
    const auto noRaw = json::parse(run({"show", workspace_, "1", "--json"}).out);
    EXPECT_FALSE(noRaw.contains("raw_record"));
}

TEST_F(CliShow, FindsAPostByTheExportsId) {
    const auto out = json::parse(run({"show", workspace_, "--external", "b2", "--json"}).out);
    EXPECT_EQ(out["id"], secondId_);
    const auto inSource = json::parse(
            run({"show", workspace_, "--external", "b2", "--source", "jsonl", "--json"}).out);
    EXPECT_EQ(inSource["id"], secondId_);
}

TEST_F(CliShow, UnknownPostsAndBadArgumentsSayWhatToDo) {
    const auto unknown = runCli({"show", workspace_, "999999"});
    EXPECT_EQ(unknown.exitCode, 3);
    EXPECT_THAT(unknown.err, HasSubstr("no post 999999"));
    EXPECT_TRUE(unknown.out.empty());

    const auto external = runCli({"show", workspace_, "--external", "zz", "--source", "x"});
    EXPECT_EQ(external.exitCode, 3);
    EXPECT_THAT(external.err, HasSubstr("no post with external id 'zz' in source 'x'"));

    const auto notNumber = runCli({"show", workspace_, "b2"});
    EXPECT_EQ(notNumber.exitCode, 2);
    EXPECT_THAT(notNumber.err, HasSubstr("--external b2"));

    EXPECT_EQ(runCli({"show", workspace_}).exitCode, 2);  // neither POST_ID nor --external
    EXPECT_EQ(runCli({"show", workspace_, "1", "--external", "b2"}).exitCode, 2);
    EXPECT_EQ(runCli({"show", workspace_, "1", "--task", "no-such-task"}).exitCode, 2);
    EXPECT_EQ(runCli({"show", (*dir_ / "typo.sentinela").string(), "1"}).exitCode, 3);
}

}  // namespace
