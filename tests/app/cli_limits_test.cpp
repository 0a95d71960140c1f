// The input limits of docs/robustness.md ("Limits"), each tried just beyond through the real
// binary: the record past a limit is rejected with its line and the reason, and every other
// record of the file is kept.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using ::testing::HasSubstr;
using json = nlohmann::json;

namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

// Length in bytes of each stored post's text, by external id.
std::map<std::string, std::int64_t> textLengths(const std::string& workspace) {
    std::map<std::string, std::int64_t> lengths;
    sqlite3* db = nullptr;
    sqlite3_open_v2(workspace.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT external_id, length(CAST(text AS BLOB)) FROM posts", -1, &s,
                       nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
        lengths[reinterpret_cast<const char*>(sqlite3_column_text(s, 0))] =
                sqlite3_column_int64(s, 1);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return lengths;
}

class CliLimits : public CliWorkspaceTest {
protected:
    // Imports `text` as the file `name`; returns the --json report.
    json import(const std::string& name, const std::string& text) {
        writeText(dir_ / name, text);
        const auto r = runCli({"import", workspace_, (dir_ / name).string(), "--json"});
        EXPECT_EQ(r.exitCode, 0) << r.err;
        return json::parse(r.out);
    }
};

std::string jsonlPost(const std::string& id, const std::string& text) {
    return "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}\n";
}

TEST_F(CliLimits, AJsonLineOver64MiBIsRejectedByLineAndTheRestKept) {
    // The longest post a JSON Lines export can hold is its line: 64 MiB with the JSON around it.
    const std::string within(64 * kMiB - 64, 'x');
    const std::string beyond(64 * kMiB, 'y');  // with its JSON, 64 MiB + 32 bytes
    const auto report =
            import("long.jsonl", jsonlPost("a1", "first") + jsonlPost("a2", within) +
                                         jsonlPost("a3", beyond) + jsonlPost("a4", "last"));
    EXPECT_EQ(report["imported"], 3);
    ASSERT_EQ(report["rejected_lines"].size(), 1u);
    EXPECT_EQ(report["rejected_lines"][0]["line"], 3);
    EXPECT_EQ(report["rejected_lines"][0]["reason"], "line longer than 64 MiB");
    const auto lengths = textLengths(workspace_);
    EXPECT_EQ(lengths.at("a2"), static_cast<std::int64_t>(within.size())) << "kept whole";
    EXPECT_FALSE(lengths.contains("a3"));
    EXPECT_EQ(lengths.at("a4"), 4);
}

TEST_F(CliLimits, ACsvRecordOver16MiBIsRejectedByLineAndTheRestKept) {
    // The reader checks the size after each 1 MiB read, so the record goes a read beyond.
    const std::string beyond(17 * kMiB + 1, 'z');
    const auto report =
            import("long.csv", "id,text\nc1,first\nc2,\"" + beyond + "\"\nc3,\"last\"\n");
    EXPECT_EQ(report["imported"], 2);
    ASSERT_EQ(report["rejected_lines"].size(), 1u);
    EXPECT_EQ(report["rejected_lines"][0]["line"], 3);
    EXPECT_THAT(report["rejected_lines"][0]["reason"].get<std::string>(),
                HasSubstr("longer than 16 MiB"));
    EXPECT_EQ(textLengths(workspace_).at("c3"), 4);
}

TEST_F(CliLimits, AQuoteNeverClosedCostsItsRowNotTheRowsAfterIt) {
    const auto report = import("open.csv",
                               "id,text\nq1,first\nq2,\"opens and never closes\nq3,third\n"
                               "q4,say \"\"hi\"\"\nq5,last\n");
    EXPECT_EQ(report["imported"], 4);
    ASSERT_EQ(report["rejected_lines"].size(), 1u);
    EXPECT_EQ(report["rejected_lines"][0]["line"], 3);
    EXPECT_THAT(report["rejected_lines"][0]["reason"].get<std::string>(),
                HasSubstr("the 3 lines after the quote's were read as records of their own"));
    EXPECT_EQ(textLengths(workspace_).at("q5"), 4);
}

TEST_F(CliLimits, NestingDeeperThan1024LevelsIsRejectedByLineAndTheRestKept) {
    // A million levels (2 MB of brackets) used to parse into ~76 MB; 1,024 levels still import.
    auto nested = [](const char* id, std::size_t depth) {
        return "{\"id\": \"" + std::string(id) +
               "\", \"text\": \"deep\", \"x\": " + std::string(depth, '[') +
               std::string(depth, ']') + "}\n";
    };
    const auto report = import("deep.jsonl", jsonlPost("d1", "first") + nested("d2", 1'000'000) +
                                                     nested("d3", 1'023) + jsonlPost("d4", "last"));
    EXPECT_EQ(report["imported"], 3);
    ASSERT_EQ(report["rejected"], 1);
    EXPECT_EQ(report["rejected_lines"][0]["line"], 2);
    EXPECT_THAT(report["rejected_lines"][0]["reason"].get<std::string>(),
                HasSubstr("nested deeper than 1024 levels"));
}

TEST_F(CliLimits, ATrainingFileWithMoreThan63LabelsNamesTheLineOfThe64th) {
    std::string lines;
    for (int i = 0; i < 70; ++i) {
        lines += "{\"text\": \"post " + std::to_string(i) + "\", \"label\": \"id-" +
                 std::to_string(i) + "\"}\n";
    }
    writeText(dir_ / "ids.jsonl", lines);
    const auto r = runCli({"train", "--train", (dir_ / "ids.jsonl").string(), "--out",
                           (dir_ / "m.model").string()});
    EXPECT_EQ(r.exitCode, 3);
    EXPECT_THAT(r.err, HasSubstr("ids.jsonl:64 field label: \"id-63\" is label number 64; a "
                                 "classifier takes at most 63"));
    EXPECT_FALSE(std::filesystem::exists(dir_ / "m.model"));
}

}  // namespace
