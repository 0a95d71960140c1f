// The streaming readers under the importers: CSV records, JSON element streaming, lines,
// decompression and lenient JSON parsing.
#include <gtest/gtest.h>
#include <sstream>

#include "storage/import_report.h"
#include "storage/readers/byte_source.h"
#include "storage/readers/csv_reader.h"
#include "storage/readers/input_buffer.h"
#include "storage/readers/json_lenient.h"
#include "storage/readers/json_stream.h"
#include "tests/storage/importers/import_test_support.h"

namespace sentinela::storage::readers {
namespace {

// An InputBuffer over `text`, refilled `chunk` bytes at a time (tiny chunks cross every
// boundary a record can have).
struct TextInput {
    explicit TextInput(const std::string& text, std::size_t chunk = 3)
        : stream(text), input(openStreamSource(stream), chunk) {}
    std::istringstream stream;
    InputBuffer input;
};

std::vector<std::vector<std::string>> csvRecords(const std::string& text,
                                                 char delimiter,
                                                 std::vector<std::int64_t>* lines = nullptr,
                                                 std::vector<std::string>* problems = nullptr) {
    TextInput in(text);
    CsvReader csv(in.input, delimiter);
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> fields;
    std::int64_t line = 0;
    std::string problem;
    while (csv.next(fields, line, problem)) {
        records.push_back(fields);
        if (lines != nullptr) {
            lines->push_back(line);
        }
        if (problems != nullptr) {
            problems->push_back(problem);
        }
    }
    return records;
}

TEST(CsvReader, FollowsRfc4180) {
    const struct {
        const char* why;
        std::string in;
        std::vector<std::vector<std::string>> out;
    } kCases[] = {
            {"plain fields", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
            {"CRLF line ends", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}},
            {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}},
            {"quoted delimiter", "\"x,y\",z\n", {{"x,y", "z"}}},
            {"doubled quotes", "\"say \"\"hi\"\"\",2\n", {{"say \"hi\"", "2"}}},
            {"embedded newline",
             "\"line 1\nline 2\",b\nc,d\n",
             {{"line 1\nline 2", "b"}, {"c", "d"}}},
            {"empty fields", ",,\n", {{"", "", ""}}},
            {"blank lines are not records", "a\n\n\nb\n", {{"a"}, {"b"}}},
            {"empty quoted field", "\"\",x\n", {{"", "x"}}},
            {"stray quote kept as text", "5\" tall,ok\n", {{"5\" tall", "ok"}}},
            {"old Mac line ends", "a,b\r1,2\r", {{"a", "b"}, {"1", "2"}}},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(csvRecords(c.in, ','), c.out);
    }
}

TEST(CsvReader, ReportsStartLinesAndUnclosedQuotes) {
    std::vector<std::int64_t> lines;
    std::vector<std::string> problems;
    auto records = csvRecords("h\n\"two\nlines\"\nthird\n\"never closed\nx\ny,\"\"z\"\"\n", ',',
                              &lines, &problems);
    // The record with the open quote is rejected; the rows it would have swallowed are read as
    // records of their own (their quotes are all doubled, as inside a quoted field).
    ASSERT_EQ(records.size(), 6u);
    EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 2, 4, 5, 6, 7}));
    EXPECT_TRUE(problems[2].empty());
    EXPECT_NE(problems[3].find("not closed"), std::string::npos);
    EXPECT_NE(problems[3].find("the 2 lines after the quote's were read"), std::string::npos)
            << problems[3];
    EXPECT_EQ(records[4], (std::vector<std::string>{"x"}));
    EXPECT_TRUE(problems[4].empty());
    // `""z""` opens and closes an empty quoted field, then keeps the rest as text.
    EXPECT_EQ(records[5], (std::vector<std::string>{"y", "z\"\""}));
}

// A quote never closed within 16 MiB: its record is rejected, and every line after the quote's
// is read again, through to the rows past the 16 MiB, each with its own line number.
TEST(CsvReader, RecoversTheRowsAfterAQuoteOpenFor16MiB) {
    std::string text = "id,text\n1,\"opens here\n";
    const int rows = 18 * 1024 * 1024 / 14;  // 14 bytes a row: 18 MiB in all
    for (int i = 0; i < rows; ++i) {
        text += std::to_string(100000000 + i) + ",row\n";
    }
    std::vector<std::int64_t> lines;
    std::vector<std::string> problems;
    const auto records = csvRecords(text, ',', &lines, &problems);
    ASSERT_EQ(records.size(), std::size_t(rows) + 2);
    EXPECT_NE(problems[1].find("longer than 16 MiB"), std::string::npos) << problems[1];
    EXPECT_EQ(lines[1], 2);
    for (std::size_t r = 2; r < records.size(); ++r) {
        ASSERT_TRUE(problems[r].empty()) << "record " << r << ": " << problems[r];
        ASSERT_EQ(lines[r], std::int64_t(r) + 1);
        ASSERT_EQ(records[r][0], std::to_string(100000000 + r - 2));
    }
}

TEST(CsvReader, SniffsTheDelimiter) {
    EXPECT_EQ(sniffDelimiter("id;texto;autor\n1;olá, mundo;ana\n2;tudo bem;bia\n"), ';');
    EXPECT_EQ(sniffDelimiter("id\ttext\n1\ta, b, c\n"), '\t');
    EXPECT_EQ(sniffDelimiter("id,text\n1,\"a; b; c\"\n2,x\n"), ',');
    EXPECT_EQ(sniffDelimiter("a|b|c\n1|2|3\n"), '|');
    EXPECT_EQ(sniffDelimiter("just text\n"), ',');
}

TEST(InputBuffer, ReadsLinesAndCountsThem) {
    TextInput in("\xEF\xBB\xBFone\r\ntwo\n\nlast", 2);
    in.input.skipByteOrderMark();
    std::string line;
    std::vector<std::string> lines;
    while (in.input.readLine(line)) {
        lines.push_back(line);
    }
    EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "", "last"}));
    EXPECT_EQ(in.input.line(), 4);
}

std::vector<std::pair<std::int64_t, std::string>> elements(const std::string& text,
                                                           JsonStreamOptions options,
                                                           std::string* endProblem = nullptr) {
    TextInput in(text, 5);
    JsonValueStreamer streamer(in.input, std::move(options));
    std::vector<std::pair<std::int64_t, std::string>> out;
    std::string value, problem;
    std::int64_t line = 0;
    while (streamer.next(value, line, problem)) {
        out.emplace_back(line, problem.empty() ? value : "!" + problem);
    }
    if (endProblem != nullptr) {
        *endProblem = problem;
    }
    return out;
}

TEST(JsonValueStreamer, StreamsTopLevelArrayElements) {
    JsonStreamOptions options;
    options.elementPaths = {"[]"};
    auto got = elements("[\n {\"a\": \"x]}\\\"\"},\n [1, 2],\n \"s\", 3, null\n]", options);
    ASSERT_EQ(got.size(), 5u);
    EXPECT_EQ(got[0], (std::pair<std::int64_t, std::string>{2, "{\"a\": \"x]}\\\"\"}"}));
    EXPECT_EQ(got[1].second, "[1, 2]");
    EXPECT_EQ(got[2].second, "\"s\"");
    EXPECT_EQ(got[3].second, "3");
    EXPECT_EQ(got[4].second, "null");
}

TEST(JsonValueStreamer, FindsNestedRecordsAndRemembersContext) {
    JsonStreamOptions options;
    options.elementPaths = {"chats.list.[].messages.[]"};
    options.contextPaths = {"chats.list.[].id"};
    std::string doc = R"({"about": "x", "chats": {"list": [
        {"id": 7, "messages": [{"id": 1}, {"id": 2}]},
        {"id": 8, "messages": [], "other": [{"id": 99}]},
        {"id": 9, "messages": [{"id": 3}]}]}})";
    TextInput in(doc, 4);
    JsonValueStreamer streamer(in.input, options);
    std::string value, problem;
    std::int64_t line = 0;
    std::vector<std::string> seen;
    while (streamer.next(value, line, problem)) {
        seen.push_back(streamer.context("chats.list.[].id") + ":" + value);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"7:{\"id\": 1}", "7:{\"id\": 2}", "9:{\"id\": 3}"}));
    EXPECT_TRUE(problem.empty());
}

TEST(JsonValueStreamer, SkipsTheTweetsJsPrefix) {
    JsonStreamOptions options;
    options.elementPaths = {"[]"};
    options.skipScriptPrefix = true;
    auto got = elements("window.YTD.tweets.part0 = [ {\"tweet\": {}} ];\n", options);
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].second, "{\"tweet\": {}}");
}

TEST(JsonValueStreamer, ReportsACutShortDocument) {
    JsonStreamOptions options;
    options.elementPaths = {"[]"};
    std::string endProblem;
    auto got = elements("[{\"a\": 1},\n{\"b\": \"cut", options, &endProblem);
    ASSERT_EQ(got.size(), 2u);
    EXPECT_EQ(got[0].second, "{\"a\": 1}");
    EXPECT_EQ(got[1].first, 2);
    EXPECT_NE(got[1].second.find("ends inside"), std::string::npos);
}

TEST(JsonValueStreamer, RejectsWhatIsNotJson) {
    JsonStreamOptions options;
    options.elementPaths = {"[]"};
    std::string endProblem;
    auto got = elements("hello world", options, &endProblem);
    EXPECT_TRUE(got.empty());
    EXPECT_NE(endProblem.find("not valid JSON"), std::string::npos);
}

TEST(LenientJson, RepairsWhatRealExportsBreak) {
    nlohmann::json out;
    auto strict = parseJsonLeniently(R"({"t": "ok"})", out);
    EXPECT_TRUE(strict.ok);
    EXPECT_FALSE(strict.repaired);

    auto hexEscape = parseJsonLeniently(R"({"t": "Caf\xe9"})", out);
    EXPECT_TRUE(hexEscape.ok);
    EXPECT_TRUE(hexEscape.repaired);
    EXPECT_EQ(out["t"], "Caf\u00e9");

    auto badUtf8 = parseJsonLeniently(
            "{\"t\": \"a\xff"
            "b\"}",
            out);
    EXPECT_TRUE(badUtf8.ok);
    EXPECT_EQ(out["t"],
              "a\xEF\xBF\xBD"
              "b");

    auto rawTab = parseJsonLeniently("{\"t\": \"a\tb\"}", out);
    EXPECT_TRUE(rawTab.ok);
    EXPECT_EQ(out["t"], "a\tb");

    auto broken = parseJsonLeniently(R"({"t": "never closed)", out);
    EXPECT_FALSE(broken.ok);
    EXPECT_NE(broken.problem.find("line 1"), std::string::npos);
}

std::string readAllBytes(ByteSource& source) {
    std::string out;
    char buffer[7];
    while (std::size_t n = source.read(buffer, sizeof buffer)) {
        out.append(buffer, n);
    }
    return out;
}

TEST(Decompression, DetectsAndInflatesGzipAndZstd) {
    std::string plain;
    for (int i = 0; i < 2000; ++i) {
        plain += "{\"id\": " + std::to_string(i) + ", \"text\": \"olá mundo\"}\n";
    }
    for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"plain", plain},
                                      {"gzip", storage::testing::gzipBytes(plain)},
                                      {"gzip twice (concatenated members)",
                                       storage::testing::gzipBytes(plain.substr(0, 100)) +
                                               storage::testing::gzipBytes(plain.substr(100))},
                                      {"zstd", storage::testing::zstdBytes(plain)}}) {
        SCOPED_TRACE(name);
        std::istringstream stream(bytes);
        OpenedInput opened = openDecompressed(openStreamSource(stream), name);
        EXPECT_EQ(readAllBytes(*opened.source), plain);
        EXPECT_EQ(opened.source->rawBytesRead(), static_cast<std::int64_t>(bytes.size()));
    }
}

TEST(Decompression, AcceptsTheTwoGibibyteWindowOfRedditDumps) {
    std::string plain(100000, 'r');
    std::string bytes = storage::testing::zstdBytes(plain, 31);
    std::istringstream stream(bytes);
    OpenedInput opened = openDecompressed(openStreamSource(stream), "RC_2024-01.zst");
    EXPECT_EQ(opened.compression, Compression::kZstd);
    EXPECT_EQ(readAllBytes(*opened.source), plain);
}

TEST(Decompression, TruncatedDataIsAnImportError) {
    std::string plain(50000, 'x');
    for (const auto& bytes :
         {storage::testing::gzipBytes(plain), storage::testing::zstdBytes(plain)}) {
        std::istringstream stream(bytes.substr(0, bytes.size() / 2));
        OpenedInput opened = openDecompressed(openStreamSource(stream), "cut.gz");
        EXPECT_THROW(readAllBytes(*opened.source), ImportError);
    }
}

}  // namespace
}  // namespace sentinela::storage::readers
