// Dictionary matching: folding, whole words, phrases, prefixes, spans in bytes and UTF-16.
#include "storage/keyword_matcher.h"

#include <gtest/gtest.h>

#include "storage/workspace.h"
#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage {
namespace {

std::vector<std::string> hitTexts(const KeywordMatcher& m, std::string_view text) {
    std::vector<std::string> out;
    for (const auto& hit : m.find(text)) {
        out.emplace_back(text.substr(static_cast<std::size_t>(hit.byteBegin),
                                     static_cast<std::size_t>(hit.byteEnd - hit.byteBegin)));
    }
    return out;
}

TEST(KeywordMatcher, FindsTermsRegardlessOfCaseAndAccents) {
    const KeywordMatcher m({{"threat", "vou te matar"}, {"x", "nao"}, {"t", "terroris*"}});
    const struct {
        const char* why;
        std::string_view text;
        std::vector<std::string> hits;
    } kCases[] = {
            {"phrase with capitals", "Eu VOU TE MATAR amanhã", {"VOU TE MATAR"}},
            {"unaccented term finds accented text", "Não!", {"Não"}},
            {"whole words only", "naovai anao", {}},
            {"prefix pattern", "terrorismo e terroristas", {"terrorismo", "terroristas"}},
            {"prefix needs the stem", "terror", {}},
            {"punctuation splits words", "(vou,te-matar)", {"vou,te-matar"}},
            {"invalid UTF-8 is skipped safely", "\xff\xfe nao \xc3", {"nao"}},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(hitTexts(m, c.text), c.hits);
    }
}

TEST(KeywordMatcher, ReportsUtf16SpansAndRules) {
    const KeywordMatcher m({{"a", "ódio"}, {"b", "hate"}});
    const std::string text = "😀 ódio and hate";
    const auto hits = m.find(text);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0].rule, 0);
    EXPECT_EQ(hits[0].utf16Begin, 3);  // the emoji is two UTF-16 units, then a space
    EXPECT_EQ(hits[0].utf16End, 7);
    EXPECT_EQ(hits[0].byteBegin, 5);
    EXPECT_EQ(hits[0].byteEnd, 10);
    EXPECT_EQ(hits[1].rule, 1);
    EXPECT_TRUE(m.matches("I HATE it"));
    EXPECT_FALSE(KeywordMatcher().matches("anything"));
}

TEST(KeywordMatcher, FoldsForMatching) {
    EXPECT_EQ(foldForMatching("AÇÃO Ñandú Œuvre"), "acao nandu oeuvre");
}

using KeywordStoreTest = testing::WorkspaceTest;

TEST_F(KeywordStoreTest, DictionaryIsEditableAndAudited) {
    const auto before = ws().keywords("offensive").size();
    const auto id = ws().addKeyword("offensive", "offensive", "babaca", "ana");
    EXPECT_EQ(ws().keywords("offensive").size(), before + 1);
    EXPECT_EQ(ws().addKeyword("offensive", "offensive", "babaca", "ana"), id);  // no duplicate
    EXPECT_TRUE(ws().keywordMatcher("offensive").matches("que BABACA"));
    ws().removeKeyword(id, "ana");
    EXPECT_FALSE(ws().keywordMatcher("offensive").matches("que BABACA"));
    EXPECT_EQ(ws().auditLog(1).front().action, "keyword.remove");
    EXPECT_THROW(ws().addKeyword("offensive", "rude", "x", "ana"), WorkspaceError);
    EXPECT_THROW(ws().addKeyword("offensive", "offensive", " * ", "ana"), WorkspaceError);
    EXPECT_THROW(ws().removeKeyword(id, "ana"), WorkspaceError);
}

}  // namespace
}  // namespace sentinela::storage
