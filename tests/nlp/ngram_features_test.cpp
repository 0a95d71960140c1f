// Pins nlp/ngram_features.cpp: which n-grams a post yields (sklearn's word 1-2 + char_wb 2-5
// counts), the fixed hash, and the bound on the work for hostile posts.
#include "nlp/ngram_features.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>

namespace sentinela::nlp {
namespace {

std::vector<std::uint32_t> ngrams(std::string_view text, NgramOptions options = {}) {
    std::vector<std::uint32_t> buckets;
    hashNgrams(text, options, buckets);
    return buckets;
}

TEST(NgramFeatures, CountsWhatTfidfVectorizerCounts) {
    const struct {
        const char* why;
        std::string_view text;
        std::size_t words, characters;
    } kCases[] = {
            // " ab ": 2-grams " a" "ab" "b ", 3-grams " ab" "ab ", the whole chunk once.
            {"a two-letter word", "ab", 1, 6},
            {"a one-letter word is no word term, but has character n-grams", "a", 0, 3},
            {"two words give a bigram", "ab cd", 3, 12},
            {"punctuation splits words but not character chunks", "ab,cd", 3, 6 + 5 + 4 + 3},
            {"an empty post has nothing", "", 0, 0},
            {"a long word has no whole-chunk term", "abcdefgh", 1, 9 + 8 + 7 + 6},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        NgramOptions wordsOnly, charactersOnly;
        wordsOnly.characters = false;
        charactersOnly.words = false;
        EXPECT_EQ(ngrams(c.text, wordsOnly).size(), c.words);
        EXPECT_EQ(ngrams(c.text, charactersOnly).size(), c.characters);
        EXPECT_EQ(ngrams(c.text).size(), c.words + c.characters);
    }
}

TEST(NgramFeatures, FoldsCaseAndKeepsRepeats) {
    EXPECT_EQ(ngrams("Lixo COMUNISTA"), ngrams("lixo comunista"));
    NgramOptions wordsOnly;
    wordsOnly.characters = false;
    const auto twice = ngrams("lixo lixo", wordsOnly);  // lixo, lixo, "lixo lixo"
    ASSERT_EQ(twice.size(), 3u);
    EXPECT_EQ(twice[0], twice[1]);
    EXPECT_NE(twice[0], twice[2]);
}

TEST(NgramFeatures, WordOrderMattersOnlyToBigrams) {
    NgramOptions wordsOnly;
    wordsOnly.characters = false;
    const auto ab = ngrams("casa verde", wordsOnly), ba = ngrams("verde casa", wordsOnly);
    ASSERT_EQ(ab.size(), 3u);  // casa, verde, "casa verde"
    ASSERT_EQ(ba.size(), 3u);
    EXPECT_EQ(ab[0], ba[1]);  // the unigrams agree
    EXPECT_EQ(ab[1], ba[0]);
    EXPECT_NE(ab[2], ba[2]);  // the bigrams do not
}

TEST(NgramFeatures, HashIsPinned) {
    // Model files store weights per bucket: a change here silently breaks every saved model.
    // The values follow from the documented hash (computed apart, in Python).
    NgramOptions wordsOnly;
    wordsOnly.characters = false;
    const auto buckets = ngrams("lixo comunista", wordsOnly);
    ASSERT_EQ(buckets.size(), 3u);
    EXPECT_EQ(buckets, (std::vector<std::uint32_t>{997952, 789203, 472830}));
}

TEST(NgramFeatures, BucketsStayInRange) {
    NgramOptions options;
    options.buckets = 1 << 10;
    for (const auto b : ngrams("Mais um lixo! Comunista safada... 😍😍 não merece", options)) {
        EXPECT_LT(b, 1u << 10);
    }
}

TEST(NgramFeatures, ReadsOnlyTheFirstMaxBytes) {
    std::string hostile;
    while (hostile.size() < 300000) {
        hostile += "ééé lixo ";
    }
    NgramOptions options;
    options.maxBytes = 1001;  // odd: would split a 2-byte "é"
    const auto all = ngrams(hostile, options);
    EXPECT_EQ(all, ngrams(hostile.substr(0, 1000), options));
    EXPECT_LT(all.size(), 1001u * 5);
}

TEST(NgramFeatures, ValidateNamesTheField) {
    NgramOptions options;
    options.buckets = 1000;
    EXPECT_THROW(validate(options), std::invalid_argument);
    options.buckets = 1 << 18;
    EXPECT_NO_THROW(validate(options));
    options.words = options.characters = false;
    EXPECT_THROW(validate(options), std::invalid_argument);
}

}  // namespace
}  // namespace sentinela::nlp
