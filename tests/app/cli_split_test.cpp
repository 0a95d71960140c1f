// `sentinela scan --split I/N` end to end: for JSON Lines, CSV and TSV exports (quoted newlines,
// CRLF, BOM, blank lines, a last line without newline), N = 1..7 jobs write together exactly
// what one scan writes, each post once, in order, with the file's line numbers once the merge
// shifts each split's by the summaries; and what cannot be split is refused, pointing to --shard.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using nlohmann::json;
using ::testing::HasSubstr;

namespace {

struct Scan {
    std::vector<json> rows;
    json summary;
};

Scan scan(const std::string& model, const std::filesystem::path& file, const std::string& split) {
    std::vector<std::string> args = {"scan", model,    file.string(), "--all", "--out",
                                     "-",    "--json", "--threads",   "1"};
    if (!split.empty()) {
        args.insert(args.end(), {"--split", split});
    }
    const auto r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << split << ": " << r.err;
    Scan result;
    for (const auto& row : lines(r.out)) {
        result.rows.push_back(json::parse(row));
    }
    result.summary = json::parse(r.err.substr(r.err.find('{')));
    return result;
}

// What a merge of N split outputs does: concatenate them in split order, turning each split's
// line numbers into the file's (split I starts on split I-1's real first line + its lines).
Scan scanInSplits(const std::string& model, const std::filesystem::path& file, int count) {
    Scan merged;
    merged.summary = {{"records_read", 0}, {"rejected", 0}, {"skipped", 0}};
    std::int64_t realFirstLine = 0;
    for (int index = 0; index < count; ++index) {
        auto part = scan(model, file, std::to_string(index) + "/" + std::to_string(count));
        const auto& split = part.summary.at("split");
        if (index == 0) {
            realFirstLine = split["first_line"];
        }
        const std::int64_t shift = realFirstLine - split["first_line"].get<std::int64_t>();
        for (auto& row : part.rows) {
            row["line"] = row["line"].get<std::int64_t>() + shift;
            merged.rows.push_back(std::move(row));
        }
        realFirstLine += split["lines"].get<std::int64_t>();
        for (const char* count : {"records_read", "rejected", "skipped"}) {
            merged.summary[count] =
                    merged.summary[count].get<int>() + part.summary[count].get<int>();
        }
    }
    return merged;
}

class CliSplit : public TinyModelSuite {
protected:
    static std::filesystem::path write(const std::string& name, const std::string& bytes) {
        writeText(*dir_ / name, bytes);
        return *dir_ / name;
    }
};

TEST_F(CliSplit, SplitsTogetherWriteExactlyWhatOneScanWrites) {
    const auto fixtures = sourceDir() / "tests" / "storage" / "fixtures";
    const std::filesystem::path files[] = {
            demoData() / "x_export.jsonl",
            fixtures / "posts_ptbr.csv",
            fixtures / "posts.tsv",
            write("edges.jsonl",
                  "\xEF\xBB\xBF{\"id\": \"a\", \"text\": \"um\"}\r\n\r\n{\"id\": \"b\", \"text\": "
                  "\"dois\"}\nnot json\n\n{\"id\": \"c\", \"text\": \"três\"}"),
            write("edges.csv",
                  "\xEF\xBB\xBFid,text\r\n1,\"first\r\nsecond, \"\"quoted\"\"\r\n\r\nfourth\"\r\n"
                  "\r\n2,plain\r\n3,\"\n4,looks like a record\n\"\n5,\"no final newline\nhere\""),
    };
    for (const auto& file : files) {
        const auto whole = scan(model_, file, "");
        ASSERT_FALSE(whole.rows.empty()) << file;
        for (int count = 1; count <= 7; ++count) {
            SCOPED_TRACE(file.filename().string() + " in " + std::to_string(count) + " splits");
            const auto merged = scanInSplits(model_, file, count);
            EXPECT_EQ(merged.rows, whole.rows);
            for (const char* n : {"records_read", "rejected", "skipped"}) {
                EXPECT_EQ(merged.summary[n], whole.summary[n]) << n;
            }
        }
    }
}

TEST_F(CliSplit, RefusesWhatCannotBeSplitAndRecommendsShard) {
    const auto jsonl = demoData() / "x_export.jsonl";
    const auto piped = runCli({"scan", model_, "-", "--split", "0/2"}, readText(jsonl));
    EXPECT_EQ(piped.exitCode, 2);
    EXPECT_THAT(piped.err, HasSubstr("--shard"));

    EXPECT_EQ(runCli({"scan", model_, jsonl.string(), "--split", "2/2"}).exitCode, 2);

    const auto tweets = sourceDir() / "tests" / "storage" / "fixtures" / "tweets.js";
    const auto document = runCli({"scan", model_, tweets.string(), "--split", "1/2"});
    EXPECT_EQ(document.exitCode, 3);
    EXPECT_THAT(document.err, HasSubstr("cannot be split"));
    EXPECT_THAT(document.err, HasSubstr("--shard"));
}

}  // namespace
