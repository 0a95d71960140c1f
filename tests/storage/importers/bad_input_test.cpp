// Inputs that are not post exports get one clear ImportError; bad records in a good export are
// reported with their line and the rest is imported.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "tests/storage/importers/import_test_support.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

using testing::fixture;
using testing::readAll;
using testing::writeFile;

class BadInput : public ::testing::Test {
protected:
    void SetUp() override { dir_ = sentinela::testing::makeTempDir(); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // The ImportError thrown by opening and reading `file`, or a failure.
    ImportError errorFor(const std::filesystem::path& file, const ImportOptions& options = {}) {
        try {
            readAll(file, options);
        } catch (const ImportError& e) {
            return e;
        }
        ADD_FAILURE() << file << " was accepted";
        return ImportError({}, "", "");
    }

    std::filesystem::path dir_;
};

TEST_F(BadInput, BinaryFilesAreNamed) {
    const struct {
        const char* file;
        std::string bytes;
        const char* says;
    } kCases[] = {
            {"picture.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "PNG image"},
            {"archive.zip", std::string("PK\x03\x04\x14\0\0\0", 8), "ZIP archive"},
            {"workspace.db", std::string("SQLite format 3\0", 16), "SQLite database"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.file);
        writeFile(dir_ / c.file, c.bytes + std::string(200, '\0'));
        ImportError e = errorFor(dir_ / c.file);
        EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
        EXPECT_NE(e.where().file.string().find(c.file), std::string::npos);
        EXPECT_FALSE(e.remedy().empty());
    }
}

TEST_F(BadInput, RandomBytesAreNotAnExport) {
    std::mt19937 random(7);
    std::string bytes(4096, '\0');
    for (char& b : bytes) {
        b = static_cast<char>(random() & 0xff);
    }
    writeFile(dir_ / "noise.bin", bytes);
    ImportError e = errorFor(dir_ / "noise.bin");
    EXPECT_NE(e.problem().find("binary"), std::string::npos) << e.what();
    EXPECT_NE(e.remedy().find("--format"), std::string::npos);
    EXPECT_THROW(detectFormat(dir_ / "noise.bin"), ImportError);
}

TEST_F(BadInput, JsonWithoutPostsSaysWhereToLook) {
    ImportError e = errorFor(fixture("not_posts.json"));
    EXPECT_NE(e.problem().find("no recognisable posts"), std::string::npos) << e.what();
    EXPECT_NE(e.problem().find("settings"), std::string::npos);  // lists the top-level fields
    EXPECT_NE(e.remedy().find("--text-field"), std::string::npos);
}

TEST_F(BadInput, ProseIsNotACsv) {
    writeFile(dir_ / "notes.txt", "Dear diary,\ntoday I went to the market.\n");
    ImportError e = errorFor(dir_ / "notes.txt");
    EXPECT_NE(e.problem().find("no text column"), std::string::npos) << e.what();
    EXPECT_NE(e.remedy().find("--text-field"), std::string::npos);
}

TEST_F(BadInput, JsonLinesWithoutATextField) {
    writeFile(dir_ / "metrics.jsonl", "{\"cpu\": 0.5, \"mem\": 12}\n{\"cpu\": 0.7, \"mem\": 13}\n");
    ImportError e = errorFor(dir_ / "metrics.jsonl");
    EXPECT_EQ(e.where().line, 1);
    EXPECT_NE(e.problem().find("cpu, mem"), std::string::npos) << e.what();
    ImportOptions named;
    named.fields.text = "cpu";  // a number is not text: each line is rejected, not an error
    auto r = readAll(dir_ / "metrics.jsonl", named);
    EXPECT_EQ(r.report.rejected, 2);
}

TEST_F(BadInput, WrongFormatOverride) {
    ImportOptions reddit;
    reddit.format = ImportFormat::kReddit;
    ImportError e = errorFor(fixture("posts_ptbr.csv"), reddit);
    EXPECT_NE(std::string(e.what()).find("not JSON"), std::string::npos) << e.what();
    ImportOptions telegram;
    telegram.format = ImportFormat::kTelegram;
    EXPECT_NO_THROW(readAll(fixture("outbox.json"), telegram));  // no messages: zero posts
}

TEST_F(BadInput, EmptyMissingAndFolder) {
    writeFile(dir_ / "empty.csv", "");
    EXPECT_NE(std::string(errorFor(dir_ / "empty.csv").what()).find("empty"), std::string::npos);
    EXPECT_NE(std::string(errorFor(dir_ / "missing.csv").what()).find("cannot open"),
              std::string::npos);
    EXPECT_NE(std::string(errorFor(dir_).what()).find("folder"), std::string::npos);
}

TEST_F(BadInput, KeepsTheFirstRejectedLinesAndCountsTheRest) {
    std::string text;
    for (int i = 0; i < 250; ++i) {
        text += i % 25 == 0 ? "{\"text\": \"post " + std::to_string(i) + "\"}\n" : "{broken\n";
    }
    writeFile(dir_ / "mostly_bad.jsonl", text);
    ImportOptions options;
    options.format = ImportFormat::kJsonLines;
    options.maxRejectedKept = 20;
    auto r = readAll(dir_ / "mostly_bad.jsonl", options);
    EXPECT_EQ(r.posts.size(), 10u);
    EXPECT_EQ(r.report.rejected, 240);
    ASSERT_EQ(r.report.rejectedLines.size(), 20u);
    EXPECT_EQ(r.report.rejectedLines[0].line, 2);
    EXPECT_NE(r.report.rejectedLines[0].reason.find("not valid JSON"), std::string::npos);
    EXPECT_EQ(r.report.read, 250);
    auto json = nlohmann::json::parse(r.report.toJson());
    EXPECT_EQ(json["rejected"], 240);
    EXPECT_EQ(json["rejected_lines"].size(), 20u);
    EXPECT_EQ(json["rejected_lines_not_kept"], 220);
}

TEST_F(BadInput, CutShortJsonArrayKeepsTheCompleteRecords) {
    auto r = readAll(fixture("truncated_array.json"));
    EXPECT_EQ(r.posts.size(), 2u);
    ASSERT_EQ(r.report.rejected, 1);
    EXPECT_EQ(r.report.rejectedLines[0].line, 4);
    EXPECT_NE(r.report.rejectedLines[0].reason.find("ends inside"), std::string::npos);
}

TEST(StreamInput, ReadsStdinLikeStreams) {
    std::string text = testing::readFile(fixture("reddit_comments.jsonl"));
    std::istringstream stream(testing::zstdBytes(text));
    auto reader = openPostReader(stream, {}, "-");
    std::vector<PostRecord> batch;
    std::size_t posts = 0;
    while (reader->nextBatch(batch, 100) > 0) {
        posts += batch.size();
    }
    EXPECT_EQ(posts, 2u);
    EXPECT_EQ(reader->format(), ImportFormat::kReddit);
    EXPECT_EQ(reader->totalBytes(), 0);
    EXPECT_EQ(reader->report().file, "-");
}

TEST(WizardHelpers, PreviewAndFields) {
    ImportReport report;
    auto preview = previewPosts(fixture("tweets.js"), {}, 1, &report);
    ASSERT_EQ(preview.size(), 1u);
    EXPECT_EQ(preview[0].externalId, "1050118621198921728");
    EXPECT_EQ(report.format, "x-archive");

    auto csvFields = listFields(fixture("posts_ptbr.csv"), {});
    EXPECT_EQ(csvFields, (std::vector<std::string>{"id", "autor", "data", "texto", "rotulo"}));
    auto jsonFields = listFields(fixture("generic.jsonl"), {});
    EXPECT_NE(std::find(jsonFields.begin(), jsonFields.end(), "user.handle"), jsonFields.end());
    EXPECT_NE(std::find(jsonFields.begin(), jsonFields.end(), "meta.label"), jsonFields.end());
    auto tweetFields = listFields(fixture("tweets.js"), {});
    EXPECT_NE(std::find(tweetFields.begin(), tweetFields.end(), "tweet.full_text"),
              tweetFields.end());
    EXPECT_EQ(listFields(fixture("whatsapp_en.txt"), {}),
              (std::vector<std::string>{"date", "author", "text"}));
}

TEST(FormatNames, RoundTrip) {
    for (ImportFormat f : allFormats()) {
        EXPECT_EQ(parseFormatName(formatName(f)), f);
    }
    EXPECT_EQ(parseFormatName("Twitter"), ImportFormat::kXApi);
    EXPECT_EQ(parseFormatName("ndjson"), ImportFormat::kJsonLines);
    EXPECT_FALSE(parseFormatName("myspace").has_value());
}

}  // namespace
}  // namespace sentinela::storage
