// Regressions from a hostile test of the importers (issue #15): inputs that used to lose posts
// while the import reported success, or kept fewer posts than the damage allowed.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zstd.h>

#include "tests/storage/importers/import_test_support.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

using testing::readAll;
using testing::writeFile;

class HostileInput : public ::testing::Test {
protected:
    void SetUp() override { dir_ = sentinela::testing::makeTempDir(); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

std::string redditLine(int i) {
    // Varied words, so compression leaves each line ~100 bytes, as in a real dump.
    std::string body;
    for (int w = 0; w < 20; ++w) {
        body += std::to_string((i * 7919 + w * 104729) % 100003) + (w % 3 == 0 ? " lorem " : " ");
    }
    nlohmann::json record = {{"id", "c" + std::to_string(i)},
                             {"subreddit", "brasil"},
                             {"author", "user" + std::to_string(i % 17)},
                             {"created_utc", 1600000000 + i},
                             {"body", body}};
    return record.dump() + "\n";
}

// How many complete lines a streaming decoder (what the `zstd` tool does) recovers from `cut`.
std::size_t completeLinesDecodable(const std::string& cut) {
    ZSTD_DStream* stream = ZSTD_createDStream();
    std::string plain;
    std::string chunk(ZSTD_DStreamOutSize(), '\0');
    ZSTD_inBuffer in{cut.data(), cut.size(), 0};
    for (;;) {
        ZSTD_outBuffer out{chunk.data(), chunk.size(), 0};
        std::size_t rc = ZSTD_decompressStream(stream, &out, &in);
        plain.append(chunk.data(), out.pos);
        if (ZSTD_isError(rc) || (in.pos == in.size && out.pos < out.size)) {
            break;
        }
    }
    ZSTD_freeDStream(stream);
    return static_cast<std::size_t>(std::count(plain.begin(), plain.end(), '\n'));
}

TEST_F(HostileInput, FirstJsonLineLongerThanTheDetectionWindowIsImported) {
    // 262,256 bytes used to import "0 imported, 0 rejected" (exit 0); 262,100 bytes worked.
    for (std::size_t textBytes : {262'100u, 262'256u, 3'000'000u}) {
        std::string first = nlohmann::json({{"text", std::string(textBytes, 'a')}}).dump();
        std::string file = first + "\n" + R"({"text": "second"})" + "\n" + R"({"text": "third"})";
        writeFile(dir_ / "long.jsonl", file);
        for (ImportFormat format : {ImportFormat::kJsonLines, ImportFormat::kAuto}) {
            ImportOptions options;
            options.format = format;
            auto r = readAll(dir_ / "long.jsonl", options);
            ASSERT_EQ(r.posts.size(), 3u) << textBytes << " bytes, format " << formatName(format);
            EXPECT_EQ(r.posts[0].text.size(), textBytes);
            EXPECT_EQ(r.posts[2].text, "third");
            EXPECT_EQ(r.posts[2].line, 3);
            EXPECT_EQ(r.report.rejected, 0);
        }
    }
}

TEST_F(HostileInput, TruncatedZstdKeepsEveryCompleteRecordBeforeTheCut) {
    // Several frames, as pzstd and zstd -T write them: a cut leaves whole frames decodable.
    std::string compressed;
    for (int frame = 0; frame < 15; ++frame) {
        std::string lines;
        for (int i = 0; i < 20; ++i) {
            lines += redditLine(frame * 20 + i);
        }
        compressed += testing::zstdBytes(lines);
    }
    std::size_t cutsWithPosts = 0;
    for (std::size_t cutAt = 2'000; cutAt < compressed.size(); cutAt += 1'777) {
        std::string cut = compressed.substr(0, cutAt);
        writeFile(dir_ / "cut.jsonl.zst", cut);
        std::size_t expected = completeLinesDecodable(cut);
        std::size_t kept = 0;
        bool reportedDamage = false;
        try {
            auto reader = openPostReader(dir_ / "cut.jsonl.zst", {});
            std::vector<PostRecord> batch;
            while (reader->nextBatch(batch, 1'000) > 0) {  // one batch would hold them all
                kept += batch.size();
            }
        } catch (const ImportError& e) {
            reportedDamage = std::string(e.what()).find("truncated") != std::string::npos;
        }
        EXPECT_TRUE(reportedDamage) << "cut at " << cutAt;
        EXPECT_EQ(kept, expected) << "cut at " << cutAt;
        cutsWithPosts += expected > 0 ? 1 : 0;
    }
    EXPECT_GT(cutsWithPosts, 5u);  // the cuts fall after some complete frames
}

TEST_F(HostileInput, TruncatedGzipKeepsTheRecordsBeforeTheCut) {
    std::string plain;
    for (int i = 0; i < 300; ++i) {
        plain += redditLine(i);
    }
    std::string compressed = testing::gzipBytes(plain);
    std::string cut = compressed.substr(0, compressed.size() * 2 / 3);
    writeFile(dir_ / "cut.jsonl.gz", cut);
    std::size_t kept = 0;
    try {
        auto reader = openPostReader(dir_ / "cut.jsonl.gz", {});
        std::vector<PostRecord> batch;
        while (reader->nextBatch(batch, 1'000) > 0) {
            kept += batch.size();
        }
        ADD_FAILURE() << "the damage was not reported";
    } catch (const ImportError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
    EXPECT_GT(kept, 100u);  // gzip decodes up to the cut: most of the first two thirds
    EXPECT_LT(kept, 300u);
}

}  // namespace
}  // namespace sentinela::storage
