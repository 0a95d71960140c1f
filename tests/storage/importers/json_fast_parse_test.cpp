// Pins storage/readers/json_fast_parse.cpp: what simdjson parses must be exactly the value
// nlohmann would have built (the mappers read types: an id written 5 is unsigned, -5 signed),
// and whatever it cannot reproduce exactly it declines, for nlohmann to parse.
#include "storage/readers/json_fast_parse.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>

namespace sentinela::storage::readers {
namespace {

// The value with every node's type spelled out: operator== would call 5u and 5.0 equal.
std::string typed(const nlohmann::json& value) {
    std::string out = std::string(value.type_name());
    if (value.is_number_unsigned()) {
        out += "(u)";
    } else if (value.is_number_integer()) {
        out += "(i)";
    }
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            out += " " + key + ":" + typed(item);
        }
    } else if (value.is_array()) {
        for (const auto& item : value) {
            out += " [" + typed(item) + "]";
        }
    } else {
        out += "=" + value.dump();
    }
    return out;
}

bool fastParserBuilt() {
    nlohmann::json probe;
    return parseJsonFast("{}", probe);
}

TEST(JsonFastParse, BuildsWhatNlohmannBuilds) {
    if (!fastParserBuilt()) {
        GTEST_SKIP() << "built without simdjson: nlohmann parses everything";
    }
    const struct {
        const char* why;
        const char* json;
    } kCases[] = {
            {"a tweet", R"({"id":"1760000000000000000","text":"não 😡 kkkk","lang":"pt"})"},
            {"integers keep nlohmann's signedness",
             R"({"a":5,"b":-5,"c":0,"d":18446744073709551615})"},
            {"doubles", R"({"a":1.0,"b":-2.5e-3,"c":1e300,"d":0.1})"},
            {"the last duplicate key wins", R"({"k":1,"k":"two"})"},
            {"escapes and NUL", R"({"s":"a\"b\\c\/d\n\u00e9\u0000\ud83d\ude00"})"},
            {"nested arrays and objects", R"({"a":[1,[2,{"b":null}],true,false],"o":{}})"},
            {"a bare array", R"([{"id":1},{"id":2}])"},
            {"scalars at the root", R"("just text")"},
            {"whitespace and CR", "  {\"a\" : [ 1 , 2 ] }\r"},
            {"negative zero as a double", R"({"a":-0.0,"b":-0e0})"},
            {"dates are not negative zeros", R"({"d":"2024-03-01","e":[-5,-0.5]})"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        nlohmann::json fast;
        ASSERT_TRUE(parseJsonFast(c.json, fast));
        EXPECT_EQ(typed(fast), typed(nlohmann::json::parse(c.json)));
    }
}

// The reader parses every record into the same value, which the conversion reuses: what is
// left from the record before must never show through.
TEST(JsonFastParse, ARecordParsedIntoAnEarlierOneIsExactlyItself) {
    if (!fastParserBuilt()) {
        GTEST_SKIP() << "built without simdjson: nlohmann parses everything";
    }
    std::string wide = "{";
    for (int i = 0; i < 70; ++i) {
        wide += (i > 0 ? ",\"k" : "\"k") + std::to_string(i) + "\":" + std::to_string(i);
    }
    wide += "}";
    const std::string kRecords[] = {
            R"({"id":"1","text":"first, a long enough text to live on the heap","lang":"pt"})",
            R"({"id":"2","text":"short"})",                          // a key fewer
            R"({"id":"3","text":"x","lang":"en","extra":[1,2,3]})",  // a key more
            R"({"id":4,"text":null,"extra":[4]})",                   // types change, array shrinks
            R"({"id":"5","id":"6"})",                                // duplicates, stale keys left
            R"({"a":1,"b":2})",
            R"({"a":3,"a":4})",  // as many fields as keys held
            R"({"n":{"x":1,"y":{"z":[true]}}})",
            R"({"n":{"y":{"z":[]},"w":"new"}})",  // nested keys come and go
            R"({"n":[{"x":1}]})",                 // object becomes array
            R"(["top", "level", "array"])",
            R"(["top"])",
            wide,
            R"({"k3":"after a wide one"})",
            R"({})",
            R"("text")",
            R"({"id":"7","text":"back to a tweet"})",
    };
    nlohmann::json reused;
    for (const auto& record : kRecords) {
        SCOPED_TRACE(record);
        ASSERT_TRUE(parseJsonFast(record, reused));
        EXPECT_EQ(typed(reused), typed(nlohmann::json::parse(record)));
    }
}

TEST(JsonFastParse, DeclinesWhatItCannotReproduce) {
    if (!fastParserBuilt()) {
        GTEST_SKIP() << "built without simdjson: nlohmann parses everything";
    }
    const struct {
        const char* why;
        std::string json;
    } kCases[] = {
            {"invalid JSON (nlohmann gives the reason)", R"({"a":)"},
            {"trailing content", R"({"a":1} x)"},
            {"invalid UTF-8 (the lenient parser repairs it)", "{\"a\":\"\xC3\x28\"}"},
            {"a control character in a string", "{\"a\":\"x\ty\"}"},
            {"an integer beyond 64 bits (nlohmann makes it a double)",
             R"({"a":123456789012345678901234567890})"},
            {"integer negative zero (signed for nlohmann)", R"({"a":-0})"},
            {"integer negative zero in an array", R"([1,-0])"},
            {"a record over 1 MiB", "{\"a\":\"" + std::string(std::size_t{1} << 20, 'x') + "\"}"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        nlohmann::json fast;
        EXPECT_FALSE(parseJsonFast(c.json, fast));
    }
}

}  // namespace
}  // namespace sentinela::storage::readers
