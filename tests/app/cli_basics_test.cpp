// The real `sentinela` binary, run as a user would.
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
