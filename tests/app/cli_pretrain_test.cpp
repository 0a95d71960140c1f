// `sentinela pretrain` and `train --encoder` through the real binary: pretraining on a JSON Lines
// file, continuing on a workspace's posts, fine-tuning from the result, and the errors a user
// meets (nothing to resume, a classifier given as an encoder).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

class CliPretrain : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = makeTempDir();
        config_ = (dir_ / "pretrain.json").string();
        writeText(config_, R"({"tokenizer": {"vocabularySize": 400}, "tokenizerPosts": 400,
                              "network": {"embeddingDim": 16, "hiddenSize": 16},
                              "sampledDraws": 64, "heldOutPosts": 40, "threads": 2})");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    ProcessResult run(const std::vector<std::string>& args) {
        auto result = runCli(args);
        EXPECT_EQ(result.exitCode, 0) << "sentinela " << args.front() << "\n" << result.err;
        return result;
    }
    std::filesystem::path dir_;
    std::string config_;
};

TEST_F(CliPretrain, PretrainsContinuesOnAWorkspaceAndFineTunes) {
    const auto base = (dir_ / "base.encoder").string();
    const auto first =
            json::parse(run({"pretrain", (demoData() / "labeled_posts.jsonl").string(), "--out",
                             base, "--config", config_, "--epochs", "2", "--json"})
                                .out);
    const auto demoPosts = lines(readText(demoData() / "labeled_posts.jsonl")).size();
    EXPECT_EQ(first["posts"].get<std::size_t>() + first["held_out_posts"].get<std::size_t>(),
              demoPosts)
            << "every demo post has two tokens or more";
    EXPECT_GT(first["forward_perplexity"].get<double>(), 1.0);
    EXPECT_LT(first["forward_perplexity"].get<double>(), 400.0);
    EXPECT_THAT(first["name"].get<std::string>(), HasSubstr("base@"));

    const auto workspace = (dir_ / "case.sentinela").string();
    run({"init", workspace});
    run({"import", workspace, (demoData() / "x_export.jsonl").string()});
    const auto caseEncoder = (dir_ / "case.encoder").string();
    const auto continued = json::parse(run({"pretrain", workspace, "--from", base, "--out",
                                            caseEncoder, "--config", config_, "--json"})
                                               .out);
    EXPECT_EQ(continued["continued_from"], first["name"]);
    EXPECT_GT(continued["posts"].get<int>(), 0);

    const auto train = dir_ / "train.jsonl", val = dir_ / "val.jsonl";
    writeOffensiveJsonl(train, val);
    const auto model = (dir_ / "m.model").string();
    const auto trained = json::parse(
            run({"train", "--train", train.string(), "--val", val.string(), "--task", "offensive",
                 "--encoder", caseEncoder, "--epochs", "2", "--out", model, "--json"})
                    .out);
    EXPECT_EQ(trained["encoder"], continued["name"]);
    EXPECT_THAT(run({"predict", model, "que jogo lindo"}).out, HasSubstr("offensive"));

    // A classifier is not an encoder: the error says which file is which.
    const auto wrong = runCli({"train", "--train", train.string(), "--val", val.string(),
                               "--encoder", model, "--out", (dir_ / "x.model").string()});
    EXPECT_EQ(wrong.exitCode, 4);
    EXPECT_THAT(wrong.err, HasSubstr("not a pretrained encoder"));
}

TEST_F(CliPretrain, ResumeWithoutACheckpointSaysSo) {
    const auto result = runCli({"pretrain", (demoData() / "labeled_posts.jsonl").string(), "--out",
                                (dir_ / "e.encoder").string(), "--resume"});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_THAT(result.err, HasSubstr("no checkpoint to resume"));
}

}  // namespace
