// The main workflow through the real binary: init -> import -> label -> train -> eval -> scan,
// with --json output checked field by field.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

class CliWorkflow : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new std::filesystem::path(makeTempDir());
        workspace_ = (*dir_ / "case.sentinela").string();
        model_ = (*dir_ / "offensive.model").string();
        config_ = writeTinyConfig(*dir_).string();
    }
    static void TearDownTestSuite() {
        std::filesystem::remove_all(*dir_);
        delete dir_;
    }
    static ProcessResult run(const std::vector<std::string>& args) {
        auto result = runCli(args);
        EXPECT_EQ(result.exitCode, 0) << "sentinela " << args.front() << "\n" << result.err;
        return result;
    }
    static inline std::filesystem::path* dir_ = nullptr;
    static inline std::string workspace_, model_, config_;
};

TEST_F(CliWorkflow, FromAnEmptyWorkspaceToFlaggedPosts) {
    const auto init = json::parse(run({"init", workspace_, "--json"}).out);
    EXPECT_TRUE(init["created"].get<bool>());
    EXPECT_GE(init["tasks"].size(), 3u);

    const auto imported = json::parse(
            run({"import", workspace_, (demoData() / "labeled_posts.jsonl").string(), "--format",
                 "jsonl", "--label-field", "sentiment", "--task", "sentiment", "--json"})
                    .out);
    EXPECT_EQ(imported["imported"], 438);
    EXPECT_EQ(imported["rejected"], 0);

    // Importing again adds nothing: every post is a duplicate.
    const auto again = json::parse(
            run({"import", workspace_, (demoData() / "labeled_posts.jsonl").string(), "--json"})
                    .out);
    EXPECT_EQ(again["imported"], 0);
    EXPECT_EQ(again["duplicates"], 438);

    const auto labeled = json::parse(
            run({"label", workspace_, "--from", (demoData() / "offensive_labels.csv").string(),
                 "--task", "offensive", "--json"})
                    .out);
    EXPECT_EQ(labeled["applied"], 438);

    auto stats = json::parse(run({"stats", workspace_, "--json"}).out);
    EXPECT_EQ(stats["posts"], 438);
    for (const auto& task : stats["tasks"]) {
        if (task["task"] == "offensive") {
            EXPECT_EQ(task["labeled_posts"], 438);
            EXPECT_EQ(task["labels"]["offensive"], 98);
        }
    }

    const auto trained = json::parse(run({"train", workspace_, "--task", "offensive", "--config",
                                          config_, "--out", model_, "--json"})
                                             .out);
    EXPECT_EQ(trained["task"], "offensive");
    EXPECT_EQ(trained["train_examples"].get<int>() + trained["val_examples"].get<int>(), 438);
    EXPECT_TRUE(std::filesystem::exists(model_));

    // The same workspace, split and seed give the same split.
    const auto retrained =
            json::parse(run({"train", workspace_, "--task", "offensive", "--config", config_,
                             "--out", model_ + ".2", "--name", "second", "--json"})
                                .out);
    EXPECT_EQ(retrained["val_examples"], trained["val_examples"]);

    const auto eval = json::parse(run({"eval", model_, workspace_, "--json"}).out);
    EXPECT_EQ(eval["metrics"]["examples"], 438);
    EXPECT_EQ(eval["metrics"]["confusion"].size(), 2u);

    const auto flagged = (*dir_ / "flagged.csv").string();
    const auto scan = json::parse(
            run({"scan", model_, (demoData() / "x_export.jsonl").string(), "--workspace",
                 workspace_, "--out", flagged, "--threshold", "0.3", "--json", "--timings"})
                    .out);
    EXPECT_EQ(scan["format"], "x-api");
    EXPECT_EQ(scan["posts_scanned"], 184);
    EXPECT_EQ(scan["workspace"]["stored"], 184);
    EXPECT_TRUE(scan.contains("timings"));
    const auto rows = lines(readText(flagged));
    ASSERT_FALSE(rows.empty());
    EXPECT_THAT(rows.front(), HasSubstr("id,source,author,created_at,line,flagged"));
    EXPECT_EQ(static_cast<int>(rows.size()) - 1, scan["flagged_posts"].get<int>());

    stats = json::parse(run({"stats", workspace_, "--json"}).out);
    EXPECT_EQ(stats["posts"], 438 + 184);
    const auto models = json::parse(run({"models", workspace_, "--json"}).out);
    ASSERT_GE(models.size(), 2u);

    const auto exported = *dir_ / "labeled.jsonl";
    run({"export", workspace_, "--task", "offensive", "--split", "--out", exported.string()});
    EXPECT_EQ(lines(readText(exported)).size(), 438u);
}

TEST(CliFiles, WideFlagSwitchesTheWideBranchOverTheConfig) {
    const auto dir = makeTempDir();
    writeOffensiveJsonl(dir / "train.jsonl", dir / "val.jsonl");
    const auto config = writeTinyConfig(dir).string();
    for (const std::string wide : {"on", "off"}) {
        SCOPED_TRACE(wide);
        const auto model = (dir / ("m-" + wide + ".model")).string();
        const auto trained = runCli({"train", "--train", (dir / "train.jsonl").string(), "--val",
                                     (dir / "val.jsonl").string(), "--task", "offensive",
                                     "--config", config, "--wide", wide, "--out", model});
        ASSERT_EQ(trained.exitCode, 0) << trained.err;
        // The wide branch's weights are the tensor "wide.w" of the model file.
        EXPECT_EQ(readText(model).find("wide.w") != std::string::npos, wide == "on");
        const auto predicted =
                runCli({"predict", model, "-", "--json"}, "cala a boca seu idiota\n");
        ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
    }
    const auto bad = runCli({"train", "--train", (dir / "train.jsonl").string(), "--val",
                             (dir / "val.jsonl").string(), "--wide", "yes", "--out",
                             (dir / "x.model").string()});
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.err.find("--wide"), std::string::npos) << bad.err;
    std::filesystem::remove_all(dir);
}

TEST(CliFiles, TrainFromJsonlThenPredictAndExplain) {
    const auto dir = makeTempDir();
    writeOffensiveJsonl(dir / "train.jsonl", dir / "val.jsonl");
    const auto model = (dir / "m.model").string();
    const auto trained = runCli({"train", "--train", (dir / "train.jsonl").string(), "--val",
                                 (dir / "val.jsonl").string(), "--task", "offensive", "--config",
                                 writeTinyConfig(dir).string(), "--out", model, "--json"});
    ASSERT_EQ(trained.exitCode, 0) << trained.err;
    EXPECT_EQ(json::parse(trained.out)["val_examples"], 88);

    const auto predicted =
            runCli({"predict", model, "-", "--json"}, "que dia lindo\ncala a boca seu idiota\n");
    ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
    const auto rows = lines(predicted.out);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(json::parse(rows[1])["text"], "cala a boca seu idiota");
    EXPECT_EQ(json::parse(rows[1])["labels"].size(), 1u);

    const std::string text = "cala a boca seu idiota 🙄";
    const auto explained = runCli({"explain", model, text, "--json"});
    ASSERT_EQ(explained.exitCode, 0) << explained.err;
    const auto explanation = json::parse(explained.out);
    ASSERT_FALSE(explanation["tokens"].empty());
    for (const auto& token : explanation["tokens"]) {
        EXPECT_LE(token["byte_end"].get<int>(), static_cast<int>(text.size()));
    }
    // Without a terminal there is no colour in the plain output.
    const auto plain = runCli({"explain", model, text});
    EXPECT_EQ(plain.out.find("\033["), std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // namespace
