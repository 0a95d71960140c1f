// `sentinela tokenize`, run as a user would.
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nlp/tokenizer.h"
#include "tests/support/run_process.h"
#include "tests/support/test_paths.h"

using sentinela::testing::runCli;
using ::testing::HasSubstr;
using namespace std::string_literals;

namespace {

std::vector<nlohmann::json> jsonLines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

class TokenizeCommand : public ::testing::Test {
protected:
    void SetUp() override { dir_ = sentinela::testing::makeTempDir(); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path writeFile(const std::string& name, const std::string& bytes) {
        const auto file = dir_ / name;
        std::ofstream(file, std::ios::binary) << bytes;
        return file;
    }

    std::filesystem::path dir_;
};

}  // namespace

TEST_F(TokenizeCommand, ShowsNormalizedWordsWithOffsetsIntoTheOriginal) {
    const auto r = runCli({"tokenize", "Muuuuito BOM!!!! @ana https://t.co/x 😂"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("normalized: muuuito bom!!! <mention> <url> 😂"));
    EXPECT_THAT(r.out, HasSubstr("muuuito\t0-8\t\"Muuuuito\""));
    EXPECT_THAT(r.out, HasSubstr("<url>\t22-36\t\"https://t.co/x\""));
}

TEST_F(TokenizeCommand, JsonOutputHasOneObjectPerText) {
    const auto r = runCli({"tokenize", "--json", "nÃ£o &amp; sim", "#ForaTodos"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["normalized"], "não & sim");
    const struct {
        const char* why;
        std::size_t line, token;
        const char* piece;
        const char* original;
    } kCases[] = {
            {"mojibake repaired, offsets on the broken bytes", 0, 0, "não", "nÃ£o"},
            {"entity decoded", 0, 1, "&", "&amp;"},
            {"hashtag sign", 1, 0, "#", "#"},
            {"camel case split", 1, 2, "todos", "Todos"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        const auto& token = lines[c.line]["tokens"][c.token];
        EXPECT_EQ(token["piece"], c.piece);
        EXPECT_EQ(token["original"], c.original);
    }
}

TEST_F(TokenizeCommand, ReadsLinesFromStdinWithoutTexts) {
    const auto r = runCli({"tokenize", "--json"}, "primeira linha\nsecond LINE\r\n\n");
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0]["normalized"], "primeira linha");
    EXPECT_EQ(lines[1]["normalized"], "second line");
    EXPECT_TRUE(lines[2]["tokens"].empty());
}

TEST_F(TokenizeCommand, UsesATrainedTokenizerFile) {
    std::vector<std::string> posts;
    for (int i = 0; i < 50; ++i) posts.push_back("não acredito que isso aconteceu @fulano 😂");
    sentinela::nlp::TokenizerOptions options;
    options.kind = sentinela::nlp::VocabularyKind::kWord;
    options.wordMinCount = 1;
    const auto tokenizer = sentinela::nlp::Tokenizer::train(posts, options);
    const auto file = writeFile("tokenizer.bin", tokenizer.toBytes());
    const auto r = runCli({"tokenize", "--tokenizer", file.string(), "--json", "NÃO acredito, @x"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto lines = jsonLines(r.out);
    ASSERT_EQ(lines.size(), 1u);
    const auto& tokens = lines[0]["tokens"];
    ASSERT_EQ(tokens.size(), 4u);
    std::vector<std::int32_t> ids;
    tokenizer.encodeIds("NÃO acredito, @x", ids);
    for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(tokens[i]["id"], ids[i]);
    EXPECT_EQ(tokens[0]["original"], "NÃO");
    EXPECT_EQ(tokens[2]["id"], sentinela::nlp::Tokenizer::kUnknownId);  // "," never seen
    EXPECT_EQ(tokens[3]["piece"], "<mention>");
    EXPECT_EQ(tokens[3]["utf16Begin"], 14);
}

TEST_F(TokenizeCommand, BadTokenizerFilesAreReportedWithTheirExitCode) {
    const auto missing = runCli({"tokenize", "--tokenizer", (dir_ / "none.bin").string(), "x"});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_THAT(missing.err, HasSubstr("none.bin"));
    const auto garbage = writeFile("garbage.bin", "SNTLTOK\0garbage"s);
    const auto corrupt = runCli({"tokenize", "--tokenizer", garbage.string(), "x"});
    EXPECT_EQ(corrupt.exitCode, 4);
    EXPECT_THAT(corrupt.err, HasSubstr("garbage.bin"));
    const auto foreign = writeFile("foreign.bin", "not a model at all");
    EXPECT_EQ(runCli({"tokenize", "--tokenizer", foreign.string(), "x"}).exitCode, 4);
}
