// Golden expectations per import format: every fixture in tests/storage/fixtures is read with
// the options below and compared with fixtures/golden/<name>.golden (posts, then the report).
// After an intended change, regenerate with SENTINELA_UPDATE_GOLDEN=1 and review the diff.
#include <cstdlib>
#include <gtest/gtest.h>

#include "tests/storage/importers/import_test_support.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

using testing::canonical;
using testing::fixture;
using testing::readAll;
using testing::readFile;

struct GoldenCase {
    const char* fixture;
    const char* golden;
    ImportFormat expectedFormat;
    ImportOptions options;
};

ImportOptions mapped(FieldMapping fields) {
    ImportOptions options;
    options.fields = std::move(fields);
    return options;
}

std::vector<GoldenCase> cases() {
    FieldMapping generic;
    generic.author = "user.handle";
    generic.label = "meta.label";
    FieldMapping csvLabel;
    csvLabel.label = "rotulo";
    return {
            {"posts_ptbr.csv", "posts_ptbr.csv", ImportFormat::kCsv, mapped(csvLabel)},
            {"posts.tsv", "posts.tsv", ImportFormat::kCsv, {}},
            {"generic.jsonl", "generic.jsonl", ImportFormat::kJsonLines, mapped(generic)},
            {"generic_array.json", "generic_array.json", ImportFormat::kJsonArray, {}},
            {"x_api.jsonl", "x_api.jsonl", ImportFormat::kXApi, {}},
            {"x_api_response.json", "x_api_response.json", ImportFormat::kXApi, {}},
            {"tweets.js", "tweets.js", ImportFormat::kXArchive, {}},
            {"reddit_comments.jsonl", "reddit_comments.jsonl", ImportFormat::kReddit, {}},
            {"reddit_submissions.jsonl", "reddit_submissions.jsonl", ImportFormat::kReddit, {}},
            {"outbox.json", "outbox.json", ImportFormat::kMastodon, {}},
            {"telegram_result.json", "telegram_result.json", ImportFormat::kTelegram, {}},
            {"facebook_posts.json", "facebook_posts.json", ImportFormat::kFacebook, {}},
            {"facebook_comments.json", "facebook_comments.json", ImportFormat::kFacebook, {}},
            {"instagram_comments.json", "instagram_comments.json", ImportFormat::kInstagram, {}},
            {"whatsapp_android_ptbr.txt", "whatsapp_android_ptbr.txt", ImportFormat::kWhatsApp, {}},
            {"whatsapp_ios_ptbr.txt", "whatsapp_ios_ptbr.txt", ImportFormat::kWhatsApp, {}},
            {"whatsapp_en.txt", "whatsapp_en.txt", ImportFormat::kWhatsApp, {}},
            {"truncated_array.json", "truncated_array.json", ImportFormat::kJsonArray, {}},
    };
}

TEST(ImportFormatsGolden, EveryFixtureMatchesItsGoldenFile) {
    const bool update = std::getenv("SENTINELA_UPDATE_GOLDEN") != nullptr;
    for (const GoldenCase& c : cases()) {
        SCOPED_TRACE(c.fixture);
        testing::ReadAll result = readAll(fixture(c.fixture), c.options);
        EXPECT_EQ(result.format, c.expectedFormat);
        const auto goldenFile = fixture("golden") / (std::string(c.golden) + ".golden");
        const std::string got = canonical(result);
        if (update) {
            std::filesystem::create_directories(goldenFile.parent_path());
            testing::writeFile(goldenFile, got);
            continue;
        }
        ASSERT_TRUE(std::filesystem::exists(goldenFile)) << goldenFile;
        EXPECT_EQ(got, readFile(goldenFile));
    }
}

TEST(ImportFormatsGolden, DetectionAgreesWithTheReader) {
    for (const GoldenCase& c : cases()) {
        SCOPED_TRACE(c.fixture);
        EXPECT_EQ(detectFormat(fixture(c.fixture)).format, c.expectedFormat);
    }
}

TEST(ImportFormatsGolden, CompressedCopiesReadTheSame) {
    auto dir = sentinela::testing::makeTempDir();
    for (const char* name : {"reddit_comments.jsonl", "tweets.js", "posts_ptbr.csv"}) {
        SCOPED_TRACE(name);
        const std::string plain = readFile(fixture(name));
        ImportOptions options;
        if (std::string(name) == "posts_ptbr.csv") {
            options.fields.label = "rotulo";
        }
        const std::string expected = canonical(readAll(fixture(name), options));
        testing::writeFile(dir / "copy.gz", testing::gzipBytes(plain));
        testing::writeFile(dir / "copy.zst", testing::zstdBytes(plain, 31));
        auto gz = readAll(dir / "copy.gz", options);
        auto zst = readAll(dir / "copy.zst", options);
        EXPECT_EQ(canonical(gz), expected);
        EXPECT_EQ(canonical(zst), expected);
        EXPECT_EQ(gz.report.compression, "gzip");
        EXPECT_EQ(zst.report.compression, "zstd");
        EXPECT_EQ(detectFormat(dir / "copy.zst").compression, "zstd");
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sentinela::storage
