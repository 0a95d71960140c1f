#include "nlp/text_repair.h"

#include <gtest/gtest.h>
#include <string>
#include <string_view>

#include "nlp/repair_steps.h"

using namespace sentinela::nlp;
using namespace std::string_literals;

TEST(ToValidUtf8, ReplacesInvalidSequencesAndCountsThem) {
    const struct {
        const char* why;
        std::string in, out;
        int replaced;
    } kCases[] = {
            {"valid text is unchanged", "não é 😀", "não é 😀", 0},
            {"empty stays empty", "", "", 0},
            {"lone continuation byte", "a\x80z", "a\uFFFDz", 1},
            {"Latin-1 byte in UTF-8 text", "n\xE3o", "n\uFFFDo", 1},
            {"truncated 3-byte sequence is one replacement", "a\xE2\x82", "a\uFFFD", 1},
            {"truncated sequence then ASCII", "\xE2\x82z", "\uFFFDz", 1},
            {"overlong encoding of slash", "\xC0\xAF", "\uFFFD\uFFFD", 2},
            {"UTF-16 surrogate encoded in UTF-8", "\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD", 3},
            {"above U+10FFFF", "\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD", 4},
            {"NUL byte is valid UTF-8", "a\0b"s, "a\0b"s, 0},
            {"0xFF byte", "\xFF", "\uFFFD", 1},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        int replaced = -1;
        EXPECT_EQ(toValidUtf8(c.in, &replaced), c.out);
        EXPECT_EQ(replaced, c.replaced);
    }
}

TEST(RepairMojibake, FixesUtf8DecodedAsLatin1AndLeavesCorrectTextAlone) {
    const struct {
        const char* why;
        std::string_view in, out;
    } kCases[] = {
            {"Portuguese tilde", "nÃ£o", "não"},
            {"acute and cedilla", "Ã© uma situaÃ§Ã£o", "é uma situação"},
            {"uppercase accent", "Ã‰ VERDADE", "É VERDADE"},
            {"crase, NBSP byte", "vou \u00C3\u00A0 praia", "vou à praia"},
            {"Windows-1252 curly quote", "itâ€™s", "it’s"},
            {"Windows-1252 ellipsis", "espereâ€¦", "espere…"},
            {"emoji from a Facebook export", "kkk ðŸ˜‚", "kkk 😂"},
            {"double mojibake", "nÃƒÂ£o", "não"},
            {"mixed correct and broken", "não e nÃ£o", "não e não"},
            {"correct Portuguese untouched", "ação, não, você, é, à, pôr",
             "ação, não, você, é, à, pôr"},
            {"correct uppercase untouched", "AÇÃO NÃO ÀS", "AÇÃO NÃO ÀS"},
            {"uppercase word before a closing quote", "“SÓ”", "“SÓ”"},
            {"uppercase tilde before ellipsis", "MAÇÃ…", "MAÇÃ…"},
            {"English untouched", "plain English text", "plain English text"},
            {"lead without continuation untouched", "Ã", "Ã"},
            {"degree sign after a capital", "É°", "É°"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(repairMojibake(c.in), c.out);
    }
}

TEST(DecodeHtmlEntities, DecodesNamedAndNumericReferences) {
    const struct {
        const char* why;
        std::string_view in, out;
    } kCases[] = {
            {"ampersand", "a &amp; b", "a & b"},
            {"angle brackets", "&lt;3 &gt;:(", "<3 >:("},
            {"quotes", "&quot;hi&quot; &#39;x&#39; &apos;y&apos;", "\"hi\" 'x' 'y'"},
            {"hex emoji", "&#x1F600;", "😀"},
            {"decimal accent", "n&#227;o", "não"},
            {"named Portuguese accents", "n&atilde;o &eacute; a&ccedil;&atilde;o", "não é ação"},
            {"typographic punctuation", "&ldquo;ok&rdquo;&hellip;", "“ok”…"},
            {"HTML5 Windows-1252 numeric", "it&#146;s", "it’s"},
            {"NUL reference", "&#0;", "\uFFFD"},
            {"surrogate reference", "&#xD800;", "\uFFFD"},
            {"beyond Unicode", "&#x110000;", "\uFFFD"},
            {"unknown name kept", "&bogus; &", "&bogus; &"},
            {"missing semicolon kept", "AT&T &amp", "AT&T &amp"},
            {"decoded once, not twice", "&amp;gt;", "&gt;"},
            {"bad digits kept", "&#12a; &#x; &#;", "&#12a; &#x; &#;"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(decodeHtmlEntities(c.in), c.out);
    }
}

TEST(RepairText, AppliesAllRepairsAndMapsBytesToTheOriginal) {
    const std::string original =
            "n\xC3\x83\xC2\xA3o &amp; \xFF!";  // double mojibake, entity, bad byte
    MappedText out;
    int replaced = 0;
    ASSERT_TRUE(repairTextMapped(original, out, &replaced));
    EXPECT_EQ(out.text, "não & \uFFFD!");
    EXPECT_EQ(replaced, 1);
    ASSERT_EQ(out.source.size(), out.text.size());
    const struct {
        const char* why;
        std::size_t outByte;
        std::string_view sourceText;
    } kCases[] = {
            {"the n", 0, "n"},
            {"the ã covers its four mojibake characters", 1, "\xC3\x83\xC2\xA3"},
            {"the & covers the whole entity", 5, "&amp;"},
            {"U+FFFD covers the bad byte", 7, "\xFF"},
            {"the final !", 10, "!"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        const auto span = out.source[c.outByte];
        EXPECT_EQ(std::string_view(original).substr(span.begin, span.end - span.begin),
                  c.sourceText);
    }
}

TEST(RepairText, LeavesCleanTextUntouched) {
    MappedText out;
    int replaced = -1;
    EXPECT_FALSE(repairTextMapped("tudo certo, nada a reparar", out, &replaced));
    EXPECT_EQ(replaced, 0);
    EXPECT_EQ(repairText("tudo certo"), "tudo certo");
}
