// Pins storage/bulk_indexes.cpp through the Workspace: a bulk import drops the date and author
// indexes and builds them again when it finishes; a small import into a big workspace keeps
// them; a writable open builds whatever an interrupted import left missing.
#include "storage/bulk_indexes.h"

#include <set>
#include <sqlite3.h>

#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

// The names of the posts table's indexes, read through a second connection (as another
// process would see the file).
std::set<std::string> postIndexes(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                       "'posts' AND sql IS NOT NULL",
                       -1, &s, nullptr);
    std::set<std::string> names;
    while (sqlite3_step(s) == SQLITE_ROW) {
        names.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return names;
}

const std::set<std::string> kAll = {"posts_author", "posts_content", "posts_created",
                                    "posts_external"};
const std::set<std::string> kDedupOnly = {"posts_content", "posts_external"};

std::vector<PostRecord> manyPosts(int first, int count) {
    std::vector<PostRecord> posts;
    for (int i = first; i < first + count; ++i) {
        posts.push_back(makePost(std::to_string(i), "post " + std::to_string(i),
                                 "user" + std::to_string(i % 7),
                                 "2024-03-" + std::to_string(10 + i % 9) + "T12:00:00Z"));
    }
    return posts;
}

using BulkIndexTest = WorkspaceTest;

TEST_F(BulkIndexTest, ImportIntoAnEmptyWorkspaceBuildsTheIndexesAtTheEnd) {
    EXPECT_EQ(postIndexes(file_), kAll);
    const auto id = ws().startImport("big.jsonl", "jsonl", "", 1000);
    EXPECT_EQ(postIndexes(file_), kDedupOnly);
    ws().insertPosts(id, manyPosts(0, 100));
    // Meanwhile every query still answers, by scanning.
    PostFilter byAuthor;
    byAuthor.author = "user3";
    EXPECT_EQ(ws().countPosts(byAuthor).count, 14);
    ws().finishImport(id, {});
    EXPECT_EQ(postIndexes(file_), kAll);
    EXPECT_EQ(ws().countPosts(byAuthor).count, 14);
    EXPECT_TRUE(ws().checkIntegrity(true).empty());
}

TEST_F(BulkIndexTest, SmallImportIntoALargerWorkspaceKeepsTheIndexes) {
    importPosts(manyPosts(0, 100));
    const auto small = ws().startImport("small.jsonl", "jsonl", "", 10);
    EXPECT_EQ(postIndexes(file_), kAll);
    ws().finishImport(small, {});
    const auto unknownSize = ws().startImport("stdin", "jsonl", "");  // 0 = unknown
    EXPECT_EQ(postIndexes(file_), kAll);
    ws().finishImport(unknownSize, {});
    const auto large = ws().startImport("large.jsonl", "jsonl", "", 60);
    EXPECT_EQ(postIndexes(file_), kDedupOnly);
    ws().insertPosts(large, manyPosts(100, 60));
    ws().finishImport(large, {});
    EXPECT_EQ(postIndexes(file_), kAll);
    EXPECT_EQ(ws().stats().posts, 160);
}

TEST_F(BulkIndexTest, AnInterruptedImportsIndexesComeBackOnTheNextOpen) {
    const auto id = ws().startImport("big.jsonl", "jsonl", "", 1000);
    ws().insertPosts(id, manyPosts(0, 50));
    ws_.reset();  // as if the process ended before finishImport
    EXPECT_EQ(postIndexes(file_), kDedupOnly);

    WorkspaceOptions readOnly;
    readOnly.readOnly = true;
    { Workspace reader(file_, readOnly); }  // a read-only open cannot build them: no error
    EXPECT_EQ(postIndexes(file_), kDedupOnly);

    ws_ = std::make_unique<Workspace>(file_);
    EXPECT_EQ(postIndexes(file_), kAll);
    EXPECT_EQ(ws().ensureIndexes(), 0);  // nothing left to build
    PostFilter byAuthor;
    byAuthor.author = "user3";
    EXPECT_EQ(ws().countPosts(byAuthor).count, 7);
}

TEST_F(BulkIndexTest, ReimportingAfterAnInterruptionKeepsDedupAndTheIndexes) {
    const auto first = ws().startImport("big.jsonl", "jsonl", "", 1000);
    ws().insertPosts(first, manyPosts(0, 50));
    ws_ = std::make_unique<Workspace>(file_);
    const auto again = ws().startImport("big.jsonl", "jsonl", "", 1000);
    const auto counts = ws().insertPosts(again, manyPosts(0, 80));
    EXPECT_EQ(counts.inserted, 30);
    EXPECT_EQ(counts.duplicates, 50);
    ws().finishImport(again, {});
    EXPECT_EQ(postIndexes(file_), kAll);
    EXPECT_EQ(ws().stats().posts, 80);
    EXPECT_EQ(ws().unindexedPosts(), 0);
}

// The index builds sort on helper threads through temp files and a small page cache; the
// connection gets its own settings back afterwards (a small cache would slow every query).
TEST_F(BulkIndexTest, BuildingTheIndexesGivesTheConnectionItsSettingsBack) {
    importPosts(manyPosts(0, 500));
    ws_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
    auto pragma = [&](const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, ("PRAGMA " + sql).c_str(), -1, &s, nullptr);
        const std::int64_t value = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
        sqlite3_finalize(s);
        return value;
    };
    pragma("temp_store = MEMORY");
    pragma("cache_size = -4321");
    pragma("threads = 0");
    sqlite3_exec(db, "DROP INDEX posts_created; DROP INDEX posts_author", nullptr, nullptr,
                 nullptr);
    EXPECT_EQ(createMissingIndexes(db, file_), 2);
    EXPECT_EQ(pragma("temp_store"), 2);
    EXPECT_EQ(pragma("cache_size"), -4321);
    EXPECT_EQ(pragma("threads"), 0);
    sqlite3_close(db);
    EXPECT_EQ(postIndexes(file_), kAll);
}

}  // namespace
}  // namespace sentinela::storage::testing
