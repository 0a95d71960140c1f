// Pins nlp/reader_words.cpp: the words an explanation shows, as spans of the original text.
#include "nlp/reader_words.h"

#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <vector>

using sentinela::nlp::readerWords;
using sentinela::nlp::WordKind;

namespace {

// The words of `text` as the substrings their byte spans cover.
std::vector<std::string> wordTexts(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& word : readerWords(text)) {
        out.emplace_back(text.substr(word.byteBegin, word.byteEnd - word.byteBegin));
    }
    return out;
}

// UTF-16 length of a UTF-8 string (valid input): 2 units for 4-byte sequences.
std::int32_t utf16Length(std::string_view utf8) {
    std::int32_t units = 0;
    for (const char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        if ((b & 0xC0) != 0x80) {
            units += b >= 0xF0 ? 2 : 1;
        }
    }
    return units;
}

using Words = std::vector<std::string>;

}  // namespace

TEST(ReaderWords, SplitsPostsIntoTheWordsAReaderSees) {
    const struct {
        const char* why;
        std::string in;
        Words out;
    } kCases[] = {
            {"empty text", "", {}},
            {"only spaces and punctuation", "  !!! ... ?! ", {}},
            {"English with punctuation",
             "shut up ugly, nobody likes you!",
             {"shut", "up", "ugly", "nobody", "likes", "you"}},
            {"apostrophes stay inside words",
             "don't you’re rock'n'roll 'quoted'",
             {"don't", "you’re", "rock'n'roll", "quoted"}},
            {"hyphens between letters stay, dashes do not",
             "guarda-chuva - bem--vindo -x",
             {"guarda-chuva", "bem", "vindo", "x"}},
            {"Portuguese accents", "NÃO é ação, d’água", {"NÃO", "é", "ação", "d’água"}},
            {"combining accent stays with its letter", "cafe\u0301 bom", {"cafe\u0301", "bom"}},
            {"hashtags are one word", "#ForaTemer e #copa2022!", {"#ForaTemer", "e", "#copa2022"}},
            {"a lone # is no word", "# 1", {"1"}},
            {"mentions, also Mastodon's",
             "@ana_b oi @bob@mastodon.social",
             {"@ana_b", "oi", "@bob@mastodon.social"}},
            {"an @ inside a word is no mention", "ab@cd", {"ab", "cd"}},
            {"URLs, without the sentence's full stop",
             "veja https://t.co/abc. e bit.ly/x",
             {"veja", "https://t.co/abc", "e", "bit.ly/x"}},
            {"e-mail addresses", "mail ana@example.com now", {"mail", "ana@example.com", "now"}},
            {"emoji apart from the word they touch", "lindo😍😍", {"lindo", "😍", "😍"}},
            {"ZWJ sequence and skin tone are one emoji",
             "👩🏽‍💻 ok 👍🏻",
             {"👩🏽‍💻", "ok", "👍🏻"}},
            {"flag and keycap", "🇧🇷 1️⃣ vai", {"🇧🇷", "1️⃣", "vai"}},
            {"numbers as one word",
             "R$ 1.000,50 às 10:30 covid19",
             {"R", "1.000,50", "às", "10:30", "covid19"}},
            {"newlines and tabs separate", "oi\nvocê\ttudo", {"oi", "você", "tudo"}},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(wordTexts(c.in), c.out);
    }
}

TEST(ReaderWords, NamesTheKindOfEachWord) {
    const auto words = readerWords("oi #tag @ana https://x.com/a a@b.com 😡");
    std::vector<WordKind> kinds;
    for (const auto& word : words) {
        kinds.push_back(word.kind);
    }
    EXPECT_EQ(kinds, (std::vector<WordKind>{WordKind::kWord, WordKind::kHashtag, WordKind::kMention,
                                            WordKind::kUrl, WordKind::kEmail, WordKind::kEmoji}));
    EXPECT_EQ(sentinela::nlp::wordKindName(WordKind::kHashtag), "hashtag");
}

TEST(ReaderWords, Utf16SpansCountWhatQStringCounts) {
    const std::string text = "ação 😡 é @zé #olá\r\nfim";
    for (const auto& word : readerWords(text)) {
        SCOPED_TRACE(std::string(text.substr(word.byteBegin, word.byteEnd - word.byteBegin)));
        EXPECT_EQ(word.utf16Begin, utf16Length(std::string_view(text).substr(0, word.byteBegin)));
        EXPECT_EQ(word.utf16End, utf16Length(std::string_view(text).substr(0, word.byteEnd)));
    }
    const auto words = readerWords(text);
    ASSERT_EQ(words.size(), 6u);
    EXPECT_EQ(words[1].utf16End - words[1].utf16Begin, 2);  // 😡 is a surrogate pair
}

TEST(ReaderWords, InvalidUtf8IsOneCharacterPerMaximalSubpart) {
    const std::string text = "ol\xE1 mundo \xF0\x9F";  // Latin-1 "olá", then a cut emoji
    const auto words = readerWords(text);
    ASSERT_EQ(words.size(), 2u);  // U+FFFD is no word character: it ends "ol"
    EXPECT_EQ(wordTexts(text), (Words{"ol", "mundo"}));
    EXPECT_EQ(words[1].utf16Begin, 4);  // o l U+FFFD space
}

TEST(ReaderWords, VeryLongTextIsSegmentedLinearlyWithExactSpans) {
    std::string text;
    for (int i = 0; i < 20000; ++i) {
        text += i % 2 ? "palavrão " : "#tag😡 ";
    }
    const auto words = readerWords(text);
    ASSERT_EQ(words.size(), 30000u);  // odd i: 1 word; even i: hashtag + emoji
    std::int32_t previousEnd = 0;
    for (const auto& word : words) {
        ASSERT_GE(word.byteBegin, previousEnd);
        ASSERT_LT(word.byteBegin, word.byteEnd);
        previousEnd = word.byteEnd;
    }
    EXPECT_EQ(previousEnd, static_cast<std::int32_t>(text.size()) - 1);
}

TEST(ReaderWords, WithoutWordsRemovesTheirBytesAndKeepsNeighboursApart) {
    auto without = [](std::string_view text, std::vector<std::size_t> which) {
        const auto words = readerWords(text);
        std::vector<sentinela::nlp::ReaderWord> removed;
        for (const auto i : which) {
            removed.push_back(words.at(i));
        }
        return sentinela::nlp::withoutWords(text, removed);
    };
    EXPECT_EQ(without("shut up ugly, nobody", {2}), "shut up , nobody");
    EXPECT_EQ(without("shut up ugly, nobody", {0, 3}), " up ugly, ");
    EXPECT_EQ(without("lindo😍😍", {1}), "lindo 😍");
    EXPECT_EQ(without("lindo😍😍 x", {1, 2}), "lindo  x");
    EXPECT_EQ(without("ruim😡bom", {1}), "ruim bom");
    EXPECT_EQ(without("a b", {}), "a b");
    EXPECT_EQ(without("a", {0}), "");
}
