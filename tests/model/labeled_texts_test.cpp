// readLabeledJsonl: the limit on different labels stops at the line that passes it.
#include "model/labeled_texts.h"

#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/test_paths.h"

namespace sentinela::model {
namespace {

// One line per label "l0", "l1", ...: `labels` lines in all.
std::filesystem::path writeLabels(const std::filesystem::path& dir, std::size_t labels) {
    const auto file = dir / "many.jsonl";
    std::ofstream out(file);
    for (std::size_t i = 0; i < labels; ++i) {
        out << "{\"text\": \"post " << i << "\", \"label\": \"l" << i << "\"}\n";
    }
    return file;
}

TEST(LabeledTexts, TakesAsManyLabelsAsAClassifier) {
    const auto dir = sentinela::testing::makeTempDir();
    EXPECT_EQ(readLabeledJsonl(writeLabels(dir, kMaxLabels)).size(), kMaxLabels);
    std::filesystem::remove_all(dir);
}

TEST(LabeledTexts, ALabelBeyondTheLimitNamesItsLine) {
    const auto dir = sentinela::testing::makeTempDir();
    const auto file = writeLabels(dir, kMaxLabels + 1);
    try {
        readLabeledJsonl(file);
        ADD_FAILURE() << "64 labels were read";
    } catch (const LabeledTextsError& e) {
        EXPECT_THAT(e.what(), ::testing::HasSubstr(file.string() + ":64 field label: \"l63\" is "
                                                                   "label number 64; a classifier "
                                                                   "takes at most 63"));
    }
    std::filesystem::remove_all(dir);
}

TEST(LabeledTexts, MultiLabelArraysCountEveryLabel) {
    const auto dir = sentinela::testing::makeTempDir();
    const auto file = dir / "multi.jsonl";
    {
        std::ofstream out(file);
        out << "{\"text\": \"a\", \"label\": [";
        for (std::size_t i = 0; i < kMaxLabels; ++i) {
            out << (i == 0 ? "" : ", ") << "\"m" << i << "\"";
        }
        out << "]}\n{\"text\": \"b\", \"label\": [\"m0\", \"extra\"]}\n";
    }
    EXPECT_THROW(
            {
                try {
                    readLabeledJsonl(file);
                } catch (const LabeledTextsError& e) {
                    EXPECT_THAT(e.what(), ::testing::HasSubstr(":2 field label: \"extra\""));
                    throw;
                }
            },
            LabeledTextsError);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sentinela::model
