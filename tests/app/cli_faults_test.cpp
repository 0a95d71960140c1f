// Faults through the real binary (issue #15): `stats --check` tells a healthy workspace from a
// damaged one, a full disk mid-import says what it kept, and `train` never replaces the file of a
// registered model. scripts/fault-injection.sh kills commands at many more points.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <regex>

#include "tests/app/cli_fixture.h"
#include "tests/support/run_sql.h"

using namespace sentinela::testing;
using ::testing::HasSubstr;
using json = nlohmann::json;

namespace {

std::int64_t posts(const std::string& workspace) {
    return json::parse(runCli({"stats", workspace, "--json"}).out)["posts"].get<std::int64_t>();
}

using CliFaults = CliWorkspaceTest;

TEST_F(CliFaults, StatsCheckPassesAndNotesAnImportThatDidNotFinish) {
    ASSERT_EQ(runCli({"import", workspace_, (demoData() / "x_export.jsonl").string()}).exitCode, 0);
    auto r = runCli({"stats", workspace_, "--check"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("check: ok"));
    EXPECT_THAT(r.out, ::testing::Not(HasSubstr("note:")));

    // What a killed import leaves: its record still "running", its posts kept.
    runSql(workspace_,
           "INSERT INTO imports(file, format, started_at) VALUES ('big.jsonl', 'jsonl', 'now');"
           "UPDATE posts SET import_id = last_insert_rowid() WHERE id <= 10");
    r = runCli({"stats", workspace_, "--check", "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    const auto check = json::parse(r.out)["check"];
    EXPECT_TRUE(check["ok"]);
    ASSERT_EQ(check["notes"].size(), 1u);
    EXPECT_THAT(check["notes"][0].get<std::string>(),
                HasSubstr("import 2 of 'big.jsonl' did not finish"));
    EXPECT_THAT(check["notes"][0].get<std::string>(), HasSubstr("10 of its posts are kept"));
}

TEST_F(CliFaults, StatsCheckFailsWithCode3OnADamagedWorkspace) {
    ASSERT_EQ(runCli({"import", workspace_, (demoData() / "x_export.jsonl").string()}).exitCode, 0);
    runSql(workspace_, "UPDATE source_counts SET posts = posts + 1");
    const auto r = runCli({"stats", workspace_, "--check"});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_THAT(r.out, HasSubstr("check: DAMAGED"));
    EXPECT_THAT(r.out, HasSubstr("holds 184 posts but its counter says 185"));
    EXPECT_THAT(r.err, HasSubstr(workspace_ + " is damaged"));
}

// A file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) stands in for a full disk: writes past it
// fail with EFBIG as they would with ENOSPC. scripts/fault-injection.sh uses a real tmpfs.
TEST_F(CliFaults, ImportOntoAFullDiskSaysWhatItKeptAndARerunCompletes) {
    constexpr int kPosts = 30000;
    {
        std::ofstream out(dir_ / "big.jsonl");
        for (int i = 0; i < kPosts; ++i) {
            out << "{\"id\": \"f" << i << "\", \"text\": \"mensagem " << i
                << " sobre a eleição de hoje e de amanhã\"}\n";
        }
    }
    const auto script = "ulimit -f 2048; trap '' XFSZ; exec '" + cliPath().string() + "' import '" +
                        workspace_ + "' '" + (dir_ / "big.jsonl").string() + "'";
    const auto full = runProcess("/bin/sh", {"-c", script});
    EXPECT_EQ(full.exitCode, 5) << full.err;
    EXPECT_THAT(full.err, HasSubstr(workspace_));
    std::smatch kept;
    const std::string err = full.err;
    ASSERT_TRUE(std::regex_search(err, kept, std::regex("the (\\d+) new posts it had committed")))
            << err;
    EXPECT_THAT(err, HasSubstr("Running the same import again skips them and completes it."));
    const auto check = runCli({"stats", workspace_, "--check"});
    EXPECT_EQ(check.exitCode, 0) << check.out;
    EXPECT_EQ(posts(workspace_), std::stoll(kept[1].str()));
    EXPECT_LT(posts(workspace_), kPosts);

    const auto rerun = runCli({"import", workspace_, (dir_ / "big.jsonl").string(), "--json"});
    ASSERT_EQ(rerun.exitCode, 0) << rerun.err;
    EXPECT_EQ(json::parse(rerun.out)["duplicates"].get<std::int64_t>(), std::stoll(kept[1].str()));
    EXPECT_EQ(posts(workspace_), kPosts);
}

TEST_F(CliFaults, TrainNeverReplacesTheFileOfARegisteredModel) {
    ASSERT_EQ(
            runCli({"import", workspace_, (demoData() / "labeled_posts.jsonl").string()}).exitCode,
            0);
    ASSERT_EQ(runCli({"label", workspace_, "--from", (demoData() / "offensive_labels.csv").string(),
                      "--task", "offensive"})
                      .exitCode,
              0);
    const auto config = writeTinyConfig(dir_).string();
    const auto model = (dir_ / "m.model").string();
    const std::vector<std::string> train{"train",    workspace_, "--task", "offensive",
                                         "--config", config,     "--out",  model};
    ASSERT_EQ(runCli(train).exitCode, 0);
    const auto bytes = readText(model);

    // The same command again, and the same file under another name: refused before training.
    for (const auto& extra :
         {std::vector<std::string>{}, std::vector<std::string>{"--name", "b"}}) {
        auto again = train;
        again.insert(again.end(), extra.begin(), extra.end());
        const auto r = runCli(again);
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_THAT(r.err, HasSubstr("already has model 'm'"));
        EXPECT_THAT(r.err, HasSubstr("nothing was trained or replaced"));
        EXPECT_THAT(r.err, ::testing::Not(HasSubstr("epoch")));
        EXPECT_EQ(readText(model), bytes);
    }
    // Another name and another file: a second model.
    auto other = train;
    other.back() = (dir_ / "n.model").string();
    ASSERT_EQ(runCli(other).exitCode, 0);
    EXPECT_EQ(runCli({"models", workspace_}).out.find("n.model") != std::string::npos, true);
}

}  // namespace
