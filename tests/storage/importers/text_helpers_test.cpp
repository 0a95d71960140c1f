// Dates, HTML and text encoding helpers used by the importers.
#include <cstdio>
#include <ctime>
#include <gtest/gtest.h>
#include <random>
#include <vector>

#include "nlp/utf8.h"
#include "storage/importers/html_text.h"
#include "storage/importers/text_cleanup.h"
#include "storage/importers/timestamp.h"
#include "storage/importers/whatsapp_line.h"

namespace sentinela::storage::importers {
namespace {

TEST(Timestamp, NormalisesExportDatesToUtc) {
    const struct {
        const char* why;
        const char* in;
        const char* out;
    } kCases[] = {
            {"epoch seconds", "1710252309", "2024-03-12T14:05:09Z"},
            {"epoch with fraction", "1710252309.0", "2024-03-12T14:05:09Z"},
            {"epoch milliseconds", "1710252309123", "2024-03-12T14:05:09Z"},
            {"ISO with Z and millis", "2024-03-12T14:05:09.000Z", "2024-03-12T14:05:09Z"},
            {"ISO with offset", "2024-03-12T11:05:09-03:00", "2024-03-12T14:05:09Z"},
            {"ISO with compact offset", "2024-03-12T16:05:09+0200", "2024-03-12T14:05:09Z"},
            {"spreadsheet form", "2024-03-12 14:05", "2024-03-12T14:05:00Z"},
            {"date only", "2024-03-12", "2024-03-12T00:00:00Z"},
            {"classic Twitter", "Wed Oct 10 20:19:24 +0000 2018", "2018-10-10T20:19:24Z"},
            {"classic Twitter with offset", "Thu Oct 11 03:00:00 -0300 2018",
             "2018-10-11T06:00:00Z"},
            {"leap day", "2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"},
            {"before 1970", "1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(normalizeTimestamp(c.in).value_or("<none>"), c.out);
    }
    EXPECT_EQ(normalizeTimestamp("12/03/2024 14:05"), "2024-03-12T14:05:00Z");
    EXPECT_EQ(normalizeTimestamp("12.03.2024 14:05:09"), "2024-03-12T14:05:09Z");
    EXPECT_EQ(normalizeTimestamp("3/12/24, 2:05 PM", 0, false), "2024-03-12T14:05:00Z");
    EXPECT_EQ(normalizeTimestamp("3/25/2024", 0, true), "2024-03-25T00:00:00Z");  // 25 is a day
    for (const char* bad :
         {"", "ontem", "2023-02-29", "2024-13-01", "31/02/2024", "Wed Foo 1", "12/03/2024 25:00"}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(normalizeTimestamp(bad).has_value());
    }
    EXPECT_EQ(normalizeTimestamp("2024-03-12 21:00", -180), "2024-03-13T00:00:00Z");
}

// isoFromEpoch writes its digits by hand (the hot path of every import): it must agree with the
// C library on every kind of date, from year 1 to 9999, leap days and the last second of a day.
TEST(Timestamp, EpochToIsoAgreesWithGmtime) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> anySecond(-62135596800, 253402300799);
    std::vector<std::int64_t> epochs = {0,          -1,           86399,       951782400,
                                        1709251199, 253402300799, -62135596800};
    for (int i = 0; i < 20000; ++i) {
        epochs.push_back(anySecond(rng));
    }
    for (const auto epoch : epochs) {
        const auto time = static_cast<std::time_t>(epoch);
        std::tm parts{};
        ASSERT_NE(gmtime_r(&time, &parts), nullptr);
        char expected[96];
        std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02dZ",
                      parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                      parts.tm_min, parts.tm_sec);
        EXPECT_EQ(isoFromEpoch(epoch), expected) << epoch;
    }
}

TEST(HtmlText, MastodonContent) {
    EXPECT_EQ(htmlToText("<p>um</p><p>dois<br>três<br/>quatro</p>"), "um\n\ndois\ntrês\nquatro");
    EXPECT_EQ(htmlToText("<p>a &amp; b &lt;3 &#39;ok&#39;</p>"), "a & b <3 'ok'");
    EXPECT_EQ(htmlToText("<a href=\"x\"><span class=\"invisible\">https://</span>ex.org</a>"),
              "https://ex.org");
    EXPECT_EQ(htmlToText("1 < 2 and <3"), "1 < 2 and <3");
}

TEST(TextCleanup, EncodingRepairs) {
    ImportReport report;
    EXPECT_EQ(cleanText("plain", true, report), "plain");
    EXPECT_EQ(cleanText("n\xc3\x83\xc2\xa3o", true, report), "não");         // "nÃ£o"
    EXPECT_EQ(cleanText("a\xe7\xe3o \x93x\x94", true, report), "ação “x”");  // Windows-1252
    EXPECT_EQ(report.textRepaired, 2);
    EXPECT_EQ(undoLatin1Escapes("n\xc3\x83\xc2\xa3o \xc3\xb0\xc2\x9f\xc2\x98\xc2\x82"), "não 😂");
    EXPECT_EQ(undoLatin1Escapes("já é"), "já é");  // real Latin-1 text is left alone
    EXPECT_EQ(undoLatin1Escapes("€ não"), "€ não");
    EXPECT_TRUE(nlp::utf8::isValid("olá 🙂"));
    EXPECT_FALSE(nlp::utf8::isValid("ol\xe1"));
    EXPECT_FALSE(nlp::utf8::isValid("\xed\xa0\x80"));  // a surrogate
    EXPECT_FALSE(nlp::utf8::isValid("\xc0\xaf"));      // overlong
}

TEST(WhatsAppLine, RecognisesTheDatedLines) {
    WhatsAppLine l;
    ASSERT_TRUE(parseWhatsAppLine("12/03/2024 14:05 - Maria: oi", l));
    EXPECT_EQ(l.first, 12);
    EXPECT_EQ(l.year, 2024);
    EXPECT_EQ(l.rest, "Maria: oi");
    ASSERT_TRUE(parseWhatsAppLine("[12/03/24, 14:05:09] Maria: oi", l));
    EXPECT_EQ(l.second_, 9);
    EXPECT_EQ(l.year, 2024);
    ASSERT_TRUE(parseWhatsAppLine("3/12/24, 2:05 PM - John: hi", l));
    EXPECT_EQ(l.hour, 14);
    EXPECT_TRUE(l.hasAmPm);
    ASSERT_TRUE(
            parseWhatsAppLine("3/12/24, 12:05\xE2\x80\xAF"
                              "AM - John: hi",
                              l));
    EXPECT_EQ(l.hour, 0);
    EXPECT_FALSE(parseWhatsAppLine("continuação da mensagem", l));
    EXPECT_FALSE(parseWhatsAppLine("12/03/2024 é o dia", l));
}

}  // namespace
}  // namespace sentinela::storage::importers
