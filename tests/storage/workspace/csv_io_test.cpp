// RFC 4180 reading and writing.
#include "storage/csv_io.h"

#include <gtest/gtest.h>
#include <sstream>

namespace sentinela::storage {
namespace {

TEST(CsvIo, WritesQuotedFieldsOnlyWhenNeeded) {
    std::ostringstream out;
    writeCsvRecord(out, {"plain", "a,b", "say \"hi\"", "two\nlines", ""});
    EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
}

TEST(CsvIo, ReadsWhatItWrites) {
    const std::vector<std::vector<std::string>> records = {
            {"id", "text"}, {"1", "a,b"}, {"2", "say \"hi\"\r\nbye"}, {"3", ""}};
    std::ostringstream out;
    for (const auto& r : records) {
        writeCsvRecord(out, r);
    }
    std::istringstream in("\xEF\xBB\xBF" + out.str());
    CsvReader reader(in);
    std::vector<std::string> fields;
    std::int64_t line = 0;
    std::vector<std::int64_t> lines;
    for (const auto& expected : records) {
        ASSERT_TRUE(reader.next(fields, line));
        EXPECT_EQ(fields, expected);
        lines.push_back(line);
    }
    EXPECT_FALSE(reader.next(fields, line));
    EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 2, 3, 5}));
}

TEST(CsvIo, AcceptsLfEndingsAndAMissingLastNewline) {
    std::istringstream in("a,b\nc,d");
    CsvReader reader(in);
    std::vector<std::string> fields;
    std::int64_t line = 0;
    ASSERT_TRUE(reader.next(fields, line));
    ASSERT_TRUE(reader.next(fields, line));
    EXPECT_EQ(fields, (std::vector<std::string>{"c", "d"}));
    EXPECT_EQ(line, 2);
    EXPECT_FALSE(reader.next(fields, line));
}

}  // namespace
}  // namespace sentinela::storage
