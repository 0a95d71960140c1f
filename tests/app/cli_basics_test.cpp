// The real `sentinela` binary, run as a user would.
#include <cstdlib>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/run_process.h"

using sentinela::testing::runCli;
using ::testing::HasSubstr;

TEST(CliBasics, VersionNamesSentinelaAndItsLibraries) {
    const auto r = runCli({"--version"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("sentinela 0."));
    EXPECT_THAT(r.out, HasSubstr("ICU 72"));
    EXPECT_THAT(r.out, HasSubstr("sentencepiece 0."));
    EXPECT_THAT(r.out, HasSubstr("SQLite 3."));
    EXPECT_THAT(r.out, HasSubstr("Eigen 3.4"));
}

TEST(CliBasics, HelpDescribesTheProgram) {
    const auto r = runCli({"--help"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("social media posts"));
}

TEST(CliBasics, UnknownCommandIsAUsageError) {
    const auto r = runCli({"no-such-command"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_FALSE(r.err.empty());
}

// The packaged binary chooses its LSTM kernel at run time; --version names it, and
// SENTINELA_KERNEL narrows the choice or is refused with a warning naming what can run.
TEST(CliBasics, VersionNamesTheLstmKernelAndTheOverrideIsHonoured) {
    const auto automatic = runCli({"--version"});
    EXPECT_THAT(automatic.out, HasSubstr("LSTM kernel "));
    ::setenv("SENTINELA_KERNEL", "reference", 1);
    const auto reference = runCli({"--version"});
    EXPECT_THAT(reference.out, HasSubstr("LSTM kernel reference"));
    ::setenv("SENTINELA_KERNEL", "sse9", 1);
    const auto unknownRun = runCli({"stats", "/nonexistent/w.sentinela"});
    ::unsetenv("SENTINELA_KERNEL");
    EXPECT_THAT(unknownRun.err, HasSubstr("warning: SENTINELA_KERNEL=sse9 is not a kernel"));
    EXPECT_THAT(unknownRun.err, HasSubstr("it can run reference"));
    const auto plain = runCli({"stats", "/nonexistent/w.sentinela"});
    EXPECT_THAT(plain.err, ::testing::Not(HasSubstr("SENTINELA_KERNEL")));
}
