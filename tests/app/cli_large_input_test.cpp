// The largest input has no limit of its own: readers stream, and byte counts and line numbers
// are 64-bit. Tried with 4.4 GB on stdin (blank lines, which cost no workspace space) between
// three records: the posts around it are kept and the broken record after it is named by its
// line, past 2^32 bytes. Label `slow`: 20-40 s on two cores.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using json = nlohmann::json;

TEST(CliLargeInput, MoreThan4GiBOnStdinIsReadToTheEnd) {
    const auto dir = makeTempDir();
    const auto workspace = (dir / "w.sentinela").string();
    ASSERT_EQ(runCli({"init", workspace}).exitCode, 0);
    constexpr long long kBlankLines = 4400000;  // of 1,001 bytes: 4.4 GB
    const std::string script =
            "{ echo '{\"id\": \"first\", \"text\": \"antes\"}'; "
            "yes \"$(printf '%1000s' '')\" | head -n " +
            std::to_string(kBlankLines) +
            "; echo '{\"id\": \"last\", \"text\": \"depois\"}'; "
            "echo '{\"id\": \"broken\", \"text\": '; } | '" +
            cliPath().string() + "' import '" + workspace + "' - --format jsonl --json";
    const auto r = runProcess("/bin/sh", {"-c", script});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto report = json::parse(r.out);
    EXPECT_GT(report["bytes_read"].get<long long>(), 4LL << 30);
    EXPECT_EQ(report["imported"], 2);
    ASSERT_EQ(report["rejected_lines"].size(), 1u);
    EXPECT_EQ(report["rejected_lines"][0]["line"].get<long long>(), kBlankLines + 3);
    std::filesystem::remove_all(dir);
}
