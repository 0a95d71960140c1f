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
    EXPECT_EQ(imported["imported"], 525);
    EXPECT_EQ(imported["rejected"], 0);

    // Importing again adds nothing: every post is a duplicate.
    const auto again = json::parse(
            run({"import", workspace_, (demoData() / "labeled_posts.jsonl").string(), "--json"})
                    .out);
    EXPECT_EQ(again["imported"], 0);
    EXPECT_EQ(again["duplicates"], 525);

    const auto labeled = json::parse(
            run({"label", workspace_, "--from", (demoData() / "offensive_labels.csv").string(),
                 "--task", "offensive", "--json"})
                    .out);
    EXPECT_EQ(labeled["applied"], 525);

    auto stats = json::parse(run({"stats", workspace_, "--json"}).out);
    EXPECT_EQ(stats["posts"], 525);
    for (const auto& task : stats["tasks"]) {
        if (task["task"] == "offensive") {
            EXPECT_EQ(task["labeled_posts"], 525);
            EXPECT_EQ(task["labels"]["offensive"], 131);
        }
    }

    const auto trained = json::parse(run({"train", workspace_, "--task", "offensive", "--config",
                                          config_, "--out", model_, "--json"})
                                             .out);
    EXPECT_EQ(trained["task"], "offensive");
    EXPECT_EQ(trained["train_examples"].get<int>() + trained["val_examples"].get<int>(), 525);
    EXPECT_TRUE(std::filesystem::exists(model_));
    // How far to trust the validation figure: a bootstrap interval around it.
    const auto& selected = trained["selected_metric"];
    ASSERT_EQ(selected["interval95"].size(), 2u);
    EXPECT_LE(selected["interval95"][0].get<double>(), selected["value"].get<double>());
    EXPECT_GE(selected["interval95"][1].get<double>(), selected["value"].get<double>());
    EXPECT_LT(selected["interval95"][0].get<double>(), selected["interval95"][1].get<double>());

    // The same workspace, split and seed give the same split.
    const auto retrained =
            json::parse(run({"train", workspace_, "--task", "offensive", "--config", config_,
                             "--out", model_ + ".2", "--name", "second", "--json"})
                                .out);
    EXPECT_EQ(retrained["val_examples"], trained["val_examples"]);

    const auto eval = json::parse(run({"eval", model_, workspace_, "--json"}).out);
    EXPECT_EQ(eval["metrics"]["examples"], 525);
    EXPECT_EQ(eval["metrics"]["confusion"].size(), 2u);
    // The model's scores are calibrated; eval compares the ECE of the raw and calibrated ones.
    const auto& calibration = eval["calibration"];
    EXPECT_EQ(calibration["method"], "temperature");
    EXPECT_EQ(calibration["ece_bins"], 15);
    EXPECT_FLOAT_EQ(calibration["temperature"].get<float>(),
                    trained["calibration"]["temperature"].get<float>());
    EXPECT_DOUBLE_EQ(calibration["ece_calibrated"].get<double>(),
                     eval["metrics"]["expected_calibration_error"].get<double>());
    EXPECT_GE(calibration["ece_raw"].get<double>(), 0.0);
    EXPECT_THAT(run({"eval", model_, workspace_}).out, HasSubstr("ECE (15 bins) raw "));

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
    EXPECT_EQ(stats["posts"], 525 + 184);
    const auto models = json::parse(run({"models", workspace_, "--json"}).out);
    ASSERT_GE(models.size(), 2u);

    const auto exported = *dir_ / "labeled.jsonl";
    run({"export", workspace_, "--task", "offensive", "--split", "--out", exported.string()});
    EXPECT_EQ(lines(readText(exported)).size(), 525u);
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
    EXPECT_EQ(json::parse(trained.out)["val_examples"], 105);

    const auto predicted =
            runCli({"predict", model, "-", "--json"}, "que dia lindo\ncala a boca seu idiota\n");
    ASSERT_EQ(predicted.exitCode, 0) << predicted.err;
    const auto rows = lines(predicted.out);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(json::parse(rows[1])["text"], "cala a boca seu idiota");
    EXPECT_EQ(json::parse(rows[1])["labels"].size(), 1u);

    const std::string text = "cala a boca seu idiota 🙄 @ana #fora";
    const auto explained = runCli({"explain", model, text, "--json"});
    ASSERT_EQ(explained.exitCode, 0) << explained.err;
    const auto explanation = json::parse(explained.out);
    // Whole words as a reader sees them, with spans that give them back from the original text.
    std::vector<std::string> words;
    int top = 0;
    for (const auto& word : explanation["words"]) {
        const auto begin = word["byte_begin"].get<std::size_t>();
        const auto end = word["byte_end"].get<std::size_t>();
        ASSERT_LE(end, text.size());
        EXPECT_EQ(text.substr(begin, end - begin), word["text"]);
        words.push_back(word["text"]);
        top += word["top"].get<bool>() ? 1 : 0;
    }
    EXPECT_EQ(words, (std::vector<std::string>{"cala", "a", "boca", "seu", "idiota", "🙄", "@ana",
                                               "#fora"}));
    EXPECT_EQ(explanation["words"][5]["kind"], "emoji");
    EXPECT_EQ(explanation["words"][5]["utf16_end"].get<int>() -
                      explanation["words"][5]["utf16_begin"].get<int>(),
              2);
    EXPECT_EQ(top, 3);  // --top defaults to 3
    EXPECT_EQ(explanation["words_not_explained"], 0);
    // The effects are score differences: score minus the score of the text without the word.
    const auto score = explanation["scores"][explanation["label"].get<std::string>()].get<double>();
    const auto without =
            runCli({"predict", model, "-", "--json"}, "a boca seu idiota 🙄 @ana #fora\n");
    ASSERT_EQ(without.exitCode, 0) << without.err;
    const auto scoreWithout =
            json::parse(without.out)["scores"][explanation["label"].get<std::string>()]
                    .get<double>();
    EXPECT_NEAR(explanation["words"][0]["attribution"].get<double>(), score - scoreWithout, 1e-5);

    // Without a terminal there is no colour in the plain output; unquoted words are joined.
    const auto plain = runCli({"explain", model, "cala", "a", "boca", "--top", "1"});
    ASSERT_EQ(plain.exitCode, 0) << plain.err;
    EXPECT_EQ(plain.out.find("\033["), std::string::npos);
    EXPECT_NE(plain.out.find("cala a boca\n"), std::string::npos) << plain.out;
    EXPECT_EQ(std::count(plain.out.begin(), plain.out.end(), '*'), 2) << plain.out;  // legend + 1
    std::filesystem::remove_all(dir);
}

}  // namespace

namespace {

// A single-label validation file without one of the labels is refused (the epoch selection's
// macro-F1 would be meaningless); the message names the label and what to do.
TEST(CliFiles, TrainRefusesAValidationFileMissingALabel) {
    const auto dir = makeTempDir();
    writeOffensiveJsonl(dir / "train.jsonl", dir / "val.jsonl");
    writeText(dir / "val-clean.jsonl",
              "{\"text\": \"que dia lindo\", \"label\": \"not-offensive\"}\n"
              "{\"text\": \"bom dia\", \"label\": \"not-offensive\"}\n");
    const auto r = runCli({"train", "--train", (dir / "train.jsonl").string(), "--val",
                           (dir / "val-clean.jsonl").string(), "--config",
                           writeTinyConfig(dir).string(), "--out", (dir / "m.model").string()});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_THAT(r.err, HasSubstr("no post labeled 'offensive'"));
    EXPECT_THAT(r.err, HasSubstr("Label more posts"));
    EXPECT_FALSE(std::filesystem::exists(dir / "m.model"));
    std::filesystem::remove_all(dir);
}

// The stratified split keeps every label with two or more distinct texts on both sides, even
// with a tiny label and a validation fraction that rounds it all into one side.
TEST(CliFiles, SplitKeepsEveryLabelInTrainingAndValidation) {
    const auto dir = makeTempDir();
    writeOffensiveJsonl(dir / "train.jsonl", dir / "val.jsonl");
    std::ofstream(dir / "train.jsonl", std::ios::app)
            << "{\"text\": \"vou te pegar na saída\", \"label\": \"threat\"}\n"
            << "{\"text\": \"you'll regret this tonight\", \"label\": \"threat\"}\n";
    for (const char* fraction : {"0.01", "0.9"}) {
        SCOPED_TRACE(fraction);
        const auto r = runCli({"train", "--train", (dir / "train.jsonl").string(), "--val-fraction",
                               fraction, "--epochs", "1", "--config", writeTinyConfig(dir).string(),
                               "--out", (dir / "m.model").string(), "--json"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        const auto perClass = json::parse(r.out)["val_metrics"]["per_class"];
        ASSERT_EQ(perClass.size(), 3u);
        for (const auto& c : perClass) {
            EXPECT_GE(c["support"].get<int>(), 1) << c["label"];
        }
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
