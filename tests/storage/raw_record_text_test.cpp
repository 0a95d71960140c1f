// Pins storage/raw_record_text.cpp: JSON records are re-indented without changing a token, and
// everything else is returned byte for byte.
#include "storage/raw_record_text.h"

#include <gtest/gtest.h>
#include <string>

using sentinela::storage::indentJsonRecord;

TEST(RawRecordText, ReindentsJsonKeepingEveryToken) {
    const struct {
        const char* why;
        std::string in, out;
    } kCases[] = {
            {"one member per line, keys in export order", R"({"z":1,"a":"x"})",
             "{\n  \"z\": 1,\n  \"a\": \"x\"\n}"},
            {"numbers keep their spelling", R"({"score":1.50,"big":12345678901234567890123})",
             "{\n  \"score\": 1.50,\n  \"big\": 12345678901234567890123\n}"},
            {"escapes, commas and colons inside strings are text",
             R"({"t":"a, b: \"c\" {d} [e] \\"})",
             "{\n  \"t\": \"a, b: \\\"c\\\" {d} [e] \\\\\"\n}"},
            {"nesting indents, empty containers stay on one line",
             R"({"user":{"name":"ana","tags":[]},"media":{ },"ids":[1,2]})",
             "{\n  \"user\": {\n    \"name\": \"ana\",\n    \"tags\": []\n  },\n"
             "  \"media\": {},\n  \"ids\": [\n    1,\n    2\n  ]\n}"},
            {"existing layout is replaced, UTF-8 kept",
             "{\r\n\t\"text\" :  \"não\" ,\n \"ok\":true, \"n\":null}\n",
             "{\n  \"text\": \"não\",\n  \"ok\": true,\n  \"n\": null\n}"},
            {"a top-level array", R"([{"a":1}])", "[\n  {\n    \"a\": 1\n  }\n]"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(indentJsonRecord(c.in), c.out);
    }
}

TEST(RawRecordText, KeepsAnythingElseByteForByte) {
    const struct {
        const char* why;
        std::string in;
    } kCases[] = {
            {"a CSV row", "42,@ana,\"cala a boca, idiota\",2024-04-01"},
            {"chat lines", "01/04/2024 10:00 - Ana: oi\n01/04/2024 10:01 - Beto: tudo bem?"},
            {"broken JSON", R"({"id": "a3", "text": "this line is broken)"},
            {"JSON with trailing garbage", R"({"a":1} x)"},
            {"a bare JSON scalar", "1.50"},
            {"invalid UTF-8 in a JSON string", "{\"t\":\"\xff\xfe\"}"},
            {"empty", ""},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(indentJsonRecord(c.in), c.in);
    }
}

TEST(RawRecordText, IndentWidthIsAParameter) {
    EXPECT_EQ(indentJsonRecord(R"({"a":[1]})", 4), "{\n    \"a\": [\n        1\n    ]\n}");
}
