// Exit codes and messages scripts rely on (README.md, "Exit codes"), for commands other than scan.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using ::testing::HasSubstr;

TEST(CliErrors, WorkspaceCommandsNeedAnExistingWorkspace) {
    const auto dir = makeTempDir();
    const auto missing = (dir / "typo.sentinela").string();
    const auto r = runCli({"import", missing, (demoData() / "x_export.jsonl").string()});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_THAT(r.err, HasSubstr("sentinela init"));
    EXPECT_FALSE(std::filesystem::exists(missing));  // a typo never creates a workspace
    EXPECT_EQ(runCli({"stats", missing}).exitCode, 3);
    std::filesystem::remove_all(dir);
}

TEST(CliErrors, UsageErrorsAreCode2) {
    const auto dir = makeTempDir();
    const auto workspace = (dir / "w.sentinela").string();
    ASSERT_EQ(runCli({"init", workspace}).exitCode, 0);
    EXPECT_EQ(runCli({"init", workspace, "--task", "no-such-preset"}).exitCode, 2);
    EXPECT_EQ(runCli({"train", workspace, "--task", "offensive"}).exitCode, 2);  // no --out
    EXPECT_EQ(runCli({"train", "--out", (dir / "m").string()}).exitCode, 2);     // no data
    EXPECT_EQ(runCli({"label", workspace}).exitCode, 2);                         // no mode
    EXPECT_EQ(runCli({"import", workspace, (demoData() / "labeled_posts.jsonl").string(),
                      "--label-field", "sentiment"})
                      .exitCode,
              2);  // labels without --task
    std::filesystem::remove_all(dir);
}

TEST(CliErrors, BadDataIsCode3WithThePlace) {
    const auto dir = makeTempDir();
    writeText(dir / "bad.jsonl", "{\"text\": \"ok\", \"label\": \"a\"}\nnot json\n");
    const auto r = runCli({"train", "--train", (dir / "bad.jsonl").string(), "--out",
                           (dir / "m.model").string()});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_THAT(r.err, HasSubstr(":2"));  // the line
    EXPECT_FALSE(std::filesystem::exists(dir / "m.model"));

    const auto workspace = (dir / "w.sentinela").string();
    ASSERT_EQ(runCli({"init", workspace}).exitCode, 0);
    const auto untrained = runCli(
            {"train", workspace, "--task", "offensive", "--out", (dir / "m.model").string()});
    EXPECT_EQ(untrained.exitCode, 3);
    EXPECT_THAT(untrained.err, HasSubstr("no labeled posts"));

    writeText(dir / "notaworkspace.sentinela", "hello");
    EXPECT_NE(runCli({"stats", (dir / "notaworkspace.sentinela").string()}).exitCode, 0);
    std::filesystem::remove_all(dir);
}

TEST(CliErrors, EveryCommandHasHelp) {
    for (const char* command : {"init", "import", "label", "train", "eval", "predict", "explain",
                                "scan", "export", "models", "stats", "demo"}) {
        const auto r = runCli({command, "--help"});
        EXPECT_EQ(r.exitCode, 0) << command;
        EXPECT_THAT(r.out, HasSubstr("sentinela " + std::string(command))) << command;
    }
}
