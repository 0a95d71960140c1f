// Byte-range splits (importer.h, InputSplit): for every splittable format, the splits of a file
// together read exactly the posts, skips and rejections of one whole-file read, each once, with
// the file's line numbers once each split's numbering is shifted as ImportReport::split says.
// Split counts run from 1 to 7 and up to one split per byte, so that every offset of the file,
// inside quoted newlines, CRLF pairs and the BOM included, is a split boundary once.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "storage/import_report.h"
#include "storage/importer.h"
#include "storage/readers/csv_reader.h"
#include "storage/readers/input_buffer.h"
#include "storage/readers/record_boundary.h"
#include "tests/storage/importers/import_test_support.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

using testing::fixture;
using testing::readFile;
using testing::writeFile;

// What a whole-file read and the union of the splits must agree on.
struct Outcome {
    std::vector<PostRecord> posts;
    std::int64_t read = 0, skipped = 0, rejected = 0;
    std::vector<std::pair<std::int64_t, std::string>> rejectedLines;
};

std::string describe(const PostRecord& p) {
    return std::to_string(p.line) + " " + p.source + " id=" + p.externalId + " author=" + p.author +
           " at=" + p.createdAt + " lang=" + p.language + " label=" + p.label.value_or("-") +
           " text=" + p.text + " raw=" + p.raw;
}

void expectSame(const Outcome& whole, const Outcome& splits) {
    ASSERT_EQ(whole.posts.size(), splits.posts.size());
    for (std::size_t i = 0; i < whole.posts.size(); ++i) {
        EXPECT_EQ(describe(whole.posts[i]), describe(splits.posts[i])) << "post " << i;
    }
    EXPECT_EQ(whole.read, splits.read);
    EXPECT_EQ(whole.skipped, splits.skipped);
    EXPECT_EQ(whole.rejected, splits.rejected);
    EXPECT_EQ(whole.rejectedLines, splits.rejectedLines);
}

// Reads `reader` to the end, shifting its line numbers by `lineShift`.
void drain(PostReader& reader, std::int64_t lineShift, Outcome& out) {
    std::vector<PostRecord> batch;
    while (reader.nextBatch(batch, 3) > 0) {
        for (auto& post : batch) {
            post.line += lineShift;
            out.posts.push_back(std::move(post));
        }
    }
    const ImportReport& r = reader.report();
    out.read += r.read;
    out.skipped += r.skipped;
    out.rejected += r.rejected;
    for (const auto& rejected : r.rejectedLines) {
        out.rejectedLines.emplace_back(rejected.line + lineShift, rejected.reason);
    }
}

Outcome readWhole(const std::filesystem::path& file, const ImportOptions& options) {
    Outcome out;
    drain(*openPostReader(file, options), 0, out);
    return out;
}

// The splits in order, each line number turned into the file's: split I's first byte is on
// real line (split I-1's) + (split I-1's line ends), split 0's numbering is already real.
Outcome readSplits(const std::filesystem::path& file,
                   const ImportOptions& options,
                   std::uint64_t count) {
    Outcome out;
    std::int64_t realFirstLine = 0;
    std::int64_t previousEnd = -1;
    for (std::uint64_t index = 0; index < count; ++index) {
        auto reader = openPostReader(file, options, InputSplit{index, count});
        const SplitRange range = reader->report().split.value();
        if (index == 0) {
            realFirstLine = range.firstLine;
        } else {
            EXPECT_EQ(range.firstByte, previousEnd) << "split " << index << " of " << count;
        }
        drain(*reader, realFirstLine - range.firstLine, out);
        realFirstLine += reader->report().split->lines;
        previousEnd = reader->report().split->endByte;
    }
    EXPECT_EQ(previousEnd, static_cast<std::int64_t>(std::filesystem::file_size(file)));
    return out;
}

void expectSplitsReadTheWholeFile(const std::filesystem::path& file,
                                  const ImportOptions& options = {}) {
    const Outcome whole = readWhole(file, options);
    ASSERT_FALSE(whole.posts.empty());
    const auto size = std::filesystem::file_size(file);
    for (std::uint64_t count : {1, 2, 3, 4, 5, 6, 7, 13, 64, static_cast<int>(size)}) {
        SCOPED_TRACE(file.filename().string() + " in " + std::to_string(count) + " splits");
        expectSame(whole, readSplits(file, options, count));
    }
}

class InputSplits : public ::testing::Test {
protected:
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path write(const std::string& name, const std::string& bytes) {
        const auto file = dir_ / name;
        writeFile(file, bytes);
        return file;
    }
    const std::filesystem::path dir_ = sentinela::testing::makeTempDir();
};

TEST_F(InputSplits, FixtureFormatsSplitIntoExactlyTheWholeRead) {
    for (const char* name : {"generic.jsonl", "x_api.jsonl", "reddit_comments.jsonl",
                             "reddit_submissions.jsonl", "posts_ptbr.csv", "posts.tsv"}) {
        expectSplitsReadTheWholeFile(fixture(name));
    }
}

TEST_F(InputSplits, JsonLinesWithBomCrlfBlankAndBadLinesAndNoFinalNewline) {
    const auto file = write("x.jsonl",
                            "\xEF\xBB\xBF{\"id\": 1, \"text\": \"um\"}\r\n"
                            "\r\n"
                            "{\"id\": 2, \"text\": \"dois\"}\n"
                            "not json at all\n"
                            "\n\n"
                            "{\"id\": 3, \"text\": \"três\"}\r\n"
                            "{\"id\": 4, \"text\": \"\"}\n"
                            "{\"id\": 5, \"text\": \"cinco\"}");
    expectSplitsReadTheWholeFile(file);
}

TEST_F(InputSplits, CsvWithQuotedNewlinesCrlfBomAndBlankLines) {
    const auto file = write("x.csv",
                            "\xEF\xBB\xBFid,text,author\r\n"
                            "1,\"first line\r\nsecond line\r\n\r\nfourth, with a comma\",ana\r\n"
                            "\r\n"
                            "2,plain text,bia\r\n"
                            "3,\"\"\"quoted\"\" at the start\nand a newline\",caio\n"
                            "4,\"ends with a newline\n\",duda\n"
                            "5,too,many,fields\n"
                            "6,\"last record, no final newline\nstill it\",eva");
    expectSplitsReadTheWholeFile(file);
}

// Texts that look like CSV records, lines that start or end with quotes, quote-only lines,
// stray quotes in unquoted fields and an unclosed quote at the end: a parse started in the
// wrong state could believe any of them.
TEST_F(InputSplits, CsvWithPathologicalQuotes) {
    const auto file = write("p.csv",
                            "id,text,author\n"
                            "1,\"7,looks like a record,x\n8,\"\"another\"\",y\n9,z,w\",ana\n"
                            "2,\"\n\"\"\n\"\"\n\",bia\n"
                            "3,say \"hi\" there,caio\n"
                            "4,\"\",duda\n"
                            "\"5\",\"\"\"\n,\n\"\"\",eva\n"
                            "6,\"a\n\"\"b\",\"c\n\"\n"
                            "7,\"never closed\nto the end,fe\n");
    expectSplitsReadTheWholeFile(file);
}

// Lines of `"x`: a parse from the top and one started a line later swap between "inside a
// quoted field" and "at a record start" at every line, so no later boundary can be told
// from the middle. Each split past the first then finds the end of the file, and the first
// split reads everything: slow, but exact.
TEST_F(InputSplits, CsvWhoseQuotesNeverBalanceIsReadByTheFirstSplit) {
    std::string text = "id,text\n";
    for (int i = 0; i < 40; ++i) {
        text += "\"x\n";
    }
    expectSplitsReadTheWholeFile(write("never.csv", text + "1,last\n"));
}

TEST_F(InputSplits, TsvWithLiteralQuotesAndCsvWithoutHeader) {
    expectSplitsReadTheWholeFile(write("q.tsv",
                                       "id\ttext\n"
                                       "1\the said \"no\"\n"
                                       "2\t\"quoted\ttab\nand newline\"\n"
                                       "3\tend\"\n"));
    ImportOptions noHeader;
    noHeader.format = ImportFormat::kCsv;
    noHeader.csvHasHeader = false;
    noHeader.fields.text = "2";
    noHeader.fields.id = "1";
    expectSplitsReadTheWholeFile(write("n.csv", "\n1,\"a\nb\"\n2,c\n\n3,\"d\"\n"), noHeader);
}

TEST_F(InputSplits, RefusesWhatCannotBeSplitAndSaysToUseShard) {
    const auto gz = write("x.jsonl.gz", testing::gzipBytes(readFile(fixture("x_api.jsonl"))));
    const auto fifo = dir_ / "pipe";
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    const struct {
        const char* why;
        std::filesystem::path file;
        std::string says;
    } kCases[] = {
            {"compressed", gz, "gzip-compressed"},
            {"a pipe", fifo, "not a regular file"},
            {"a JSON document", fixture("x_api_response.json"), "cannot be split"},
            {"the X archive's tweets.js", fixture("tweets.js"), "cannot be split"},
            {"a WhatsApp chat", fixture("whatsapp_en.txt"), "cannot be split"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        try {
            openPostReader(c.file, {}, InputSplit{1, 2});
            ADD_FAILURE() << "no error";
        } catch (const ImportError& e) {
            EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
            EXPECT_NE(e.remedy().find("--shard"), std::string::npos) << e.remedy();
        }
    }
}

// An InputBuffer over a file holding `text` (seeking needs a file), read `chunk` bytes at a time.
struct FileInput {
    FileInput(const std::string& text, std::size_t chunk) {
        writeFile(dir / "input.csv", text);
        input = std::make_unique<readers::InputBuffer>(readers::openFileSource(dir / "input.csv"),
                                                       chunk);
    }
    ~FileInput() { std::filesystem::remove_all(dir); }
    const std::filesystem::path dir = sentinela::testing::makeTempDir();
    std::unique_ptr<readers::InputBuffer> input;
};

// The search's claim: from inside a quoted field it finds the end of that record, not a line
// inside the field that merely looks like a record.
TEST(CsvRecordStart, SkipsLinesInsideAQuotedFieldThatLookLikeRecords) {
    const std::string text = "id,text\n1,\"a\n2,b\n3,c\"\n4,d\n";
    const FileInput file(text, 4);
    readers::InputBuffer& probe = *file.input;
    const auto inside = static_cast<std::int64_t>(text.find("2,b"));
    EXPECT_EQ(readers::findCsvRecordStart(probe, inside, ',', "x.csv"),
              static_cast<std::int64_t>(text.find("4,d")));
    EXPECT_EQ(readers::findLineStart(probe, inside + 1),
              static_cast<std::int64_t>(text.find("3,c")));
}

TEST(CsvRecordStart, GivesUpWhenQuotesNeverBalanceWithinTheLimit) {
    std::string text = "id,text\n";
    for (int i = 0; i < 400; ++i) {
        text += "\"x\n";
    }
    const FileInput file(text, 64);
    try {
        readers::findCsvRecordStart(*file.input, 20, ',', "x.csv", 1024);
        ADD_FAILURE() << "no error";
    } catch (const ImportError& e) {
        EXPECT_NE(std::string(e.what()).find("no CSV record boundary found"), std::string::npos);
        EXPECT_NE(e.remedy().find("--shard"), std::string::npos);
    }
}

// A split's end that is not a record boundary is caught, never read as a shorter record.
TEST(CsvRecordStart, AReaderStoppedInsideARecordSaysSo) {
    const std::string text = "1,\"a\nb\",c\n";
    const FileInput file(text, 2);
    readers::InputBuffer& input = *file.input;
    input.limitTo(static_cast<std::int64_t>(text.find('b')));
    readers::CsvReader csv(input, ',');
    std::vector<std::string> fields;
    std::int64_t line = 0;
    std::string problem;
    ASSERT_TRUE(csv.next(fields, line, problem));
    EXPECT_TRUE(csv.crossedLimit());
    EXPECT_FALSE(problem.empty());
}

}  // namespace
}  // namespace sentinela::storage
