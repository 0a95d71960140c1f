// Opening, creating and migrating workspaces; refusing foreign and newer files.
#include <fstream>
#include <sqlite3.h>

#include "storage/schema.h"
#include "tests/storage/workspace/workspace_fixture.h"
#include "tests/support/run_sql.h"

namespace sentinela::storage::testing {
namespace {

using sentinela::testing::runSql;

std::string openError(const std::filesystem::path& file, WorkspaceOptions options = {}) {
    try {
        Workspace ws(file, options);
    } catch (const WorkspaceError& e) {
        return e.what();
    }
    return "";
}

class SchemaTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = sentinela::testing::makeTempDir(); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(SchemaTest, NewWorkspaceIsCurrentAndMarked) {
    const auto file = dir_ / "new.sentinela";
    Workspace ws(file);
    EXPECT_EQ(ws.schemaVersion(), Workspace::kSchemaVersion);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &s, nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(s, 0), Workspace::kApplicationId);
    sqlite3_finalize(s);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
    sqlite3_finalize(s);
    sqlite3_close(db);
}

TEST_F(SchemaTest, NewWorkspaceHasThePresetTasks) {
    Workspace ws(dir_ / "w.sentinela");
    ASSERT_EQ(ws.tasks().size(), 3u);
    EXPECT_TRUE(ws.task("sentiment"));
    EXPECT_TRUE(ws.task("offensive"));
    ASSERT_TRUE(ws.task("illegal-content"));
    EXPECT_TRUE(ws.task("illegal-content")->multiLabel);
    EXPECT_FALSE(ws.keywords("illegal-content").empty());
}

TEST_F(SchemaTest, PresetsAreOptional) {
    WorkspaceOptions options;
    options.installPresets = false;
    Workspace ws(dir_ / "w.sentinela", options);
    EXPECT_TRUE(ws.tasks().empty());
}

TEST_F(SchemaTest, MigratesAnEmptyVersionZeroFile) {
    const auto file = dir_ / "v0.sentinela";
    runSql(file, "PRAGMA user_version = 0");  // an empty SQLite file: version 0, no tables
    Workspace ws(file);
    EXPECT_EQ(ws.schemaVersion(), Workspace::kSchemaVersion);
    EXPECT_EQ(ws.stats().posts, 0);
}

// Every schema version an older Sentinela wrote, with data in it, opens as the current one and
// keeps working: old posts are found by search and counted, new posts are indexed exactly once.
TEST_F(SchemaTest, MigratesEveryOlderVersionWithItsData) {
    for (int version = 0; version < Workspace::kSchemaVersion; ++version) {
        SCOPED_TRACE("from version " + std::to_string(version));
        const auto file = dir_ / ("v" + std::to_string(version) + ".sentinela");
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
        if (version > 0) {
            prepareSchema(db, file, false, version);
            // Up to v3 the raw record was a column of posts; v4 kept it in post_raw.
            const char* oldPosts =
                    version < 4 ? "INSERT INTO posts(source, external_id, text, import_id, "
                                  "content_hash, raw) VALUES ('x', 'old-1', 'coração antigo', 1, "
                                  "1, '{\"id\":\"old-1\"}'), ('reddit', 'old-2', 'texto velho', "
                                  "1, 2, '');"
                                : "INSERT INTO posts(source, external_id, text, import_id, "
                                  "content_hash) VALUES ('x', 'old-1', 'coração antigo', 1, 1), "
                                  "('reddit', 'old-2', 'texto velho', 1, 2);"
                                  "INSERT INTO post_raw(post_id, raw) VALUES (1, "
                                  "'{\"id\":\"old-1\"}');";
            ASSERT_EQ(sqlite3_exec(db,
                                   "INSERT INTO imports(file, format, started_at) VALUES ('old', "
                                   "'csv', '2024-01-01');",
                                   nullptr, nullptr, nullptr),
                      SQLITE_OK);
            ASSERT_EQ(sqlite3_exec(db, oldPosts, nullptr, nullptr, nullptr), SQLITE_OK);
            if (version >= 2) {
                // What a version 2 Sentinela kept beside the posts: counts and search index.
                ASSERT_EQ(sqlite3_exec(db,
                                       "INSERT INTO source_counts VALUES ('x', 1), ('reddit', 1);"
                                       "INSERT INTO posts_fts(rowid, text) SELECT id, text FROM "
                                       "posts; UPDATE search_index SET indexed_through = 2;",
                                       nullptr, nullptr, nullptr),
                          SQLITE_OK);
            }
        }
        sqlite3_close(db);

        Workspace ws(file);
        EXPECT_EQ(ws.schemaVersion(), Workspace::kSchemaVersion);
        const std::int64_t old = version > 0 ? 1 : 0;
        PostFilter search;
        search.text = "coracao";
        EXPECT_EQ(ws.countPosts(search).count, old);
        EXPECT_EQ(ws.stats().posts, 2 * old);
        const auto importId = ws.startImport("new", "jsonl", "");
        ws.insertPosts(importId, std::vector<PostRecord>{makePost("new-1", "coração novo")});
        ws.finishImport(importId, {});
        EXPECT_EQ(ws.countPosts(search).count, old + 1);
        EXPECT_EQ(ws.findPosts(search, {}).size(), static_cast<std::size_t>(old + 1));
        EXPECT_EQ(ws.stats().postsBySource["x"], old + 1);
        EXPECT_TRUE(ws.checkIntegrity(true).empty());
        // v4: raw records moved out of `posts`, kept where there was one; v5: new ones are
        // stored in compressed blocks, old ones stay readable where they were.
        EXPECT_EQ(ws.rawRecord(*ws.findPostId("x", "new-1")), "{\"raw\":true}");
        if (version > 0) {
            EXPECT_EQ(ws.rawRecord(*ws.findPostId("x", "old-1")), "{\"id\":\"old-1\"}");
            EXPECT_EQ(ws.rawRecord(*ws.findPostId("reddit", "old-2")), "");
        }
        // v3: the search index buffers 16 MiB of terms before writing a segment.
        sqlite3* check = nullptr;
        ASSERT_EQ(sqlite3_open(file.c_str(), &check), SQLITE_OK);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(check, "SELECT v FROM posts_fts_config WHERE k = 'hashsize'", -1, &s,
                           nullptr);
        ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
        EXPECT_EQ(sqlite3_column_int64(s, 0), 16777216);
        sqlite3_finalize(s);
        // v4: posts no longer has the raw column; post_raw holds only the non-empty old record
        // (the "x" one); v5: the new one is in a block.
        sqlite3_prepare_v2(check,
                           "SELECT count(*) FROM pragma_table_info('posts') WHERE name = 'raw'", -1,
                           &s, nullptr);
        ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
        EXPECT_EQ(sqlite3_column_int64(s, 0), 0);
        sqlite3_finalize(s);
        sqlite3_prepare_v2(check,
                           "SELECT (SELECT count(*) FROM post_raw), (SELECT count(*) FROM "
                           "post_raw_blocks)",
                           -1, &s, nullptr);
        ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
        EXPECT_EQ(sqlite3_column_int64(s, 0), old);
        EXPECT_EQ(sqlite3_column_int64(s, 1), 1);
        sqlite3_finalize(s);
        sqlite3_close(check);
    }
}

TEST_F(SchemaTest, ReopeningKeepsData) {
    const auto file = dir_ / "w.sentinela";
    {
        Workspace ws(file);
        const auto id = ws.startImport("a", "jsonl", "");
        ws.insertPosts(id, std::vector<PostRecord>{makePost("1", "olá")});
    }
    Workspace again(file);
    EXPECT_EQ(again.stats().posts, 1);
    EXPECT_EQ(again.tasks().size(), 3u);  // presets not installed twice
}

TEST_F(SchemaTest, RefusesAFileWrittenByANewerSentinela) {
    const auto file = dir_ / "future.sentinela";
    { Workspace ws(file); }
    runSql(file, "PRAGMA user_version = 99");
    const auto error = openError(file);
    EXPECT_NE(error.find("written by a newer Sentinela"), std::string::npos) << error;
    EXPECT_NE(error.find("future.sentinela"), std::string::npos) << error;
}

TEST_F(SchemaTest, RefusesAnotherProgramsDatabase) {
    const auto marked = dir_ / "other.db";
    runSql(marked, "PRAGMA application_id = 1234; CREATE TABLE t(x)");
    EXPECT_NE(openError(marked).find("another program"), std::string::npos);
    const auto unmarked = dir_ / "plain.db";
    runSql(unmarked, "CREATE TABLE customers(name TEXT)");
    EXPECT_NE(openError(unmarked).find("not a Sentinela workspace"), std::string::npos);
}

TEST_F(SchemaTest, RefusesAFileThatIsNotSqlite) {
    const auto file = dir_ / "notes.txt";
    std::ofstream(file) << "these are not the pages you are looking for, just some text\n"
                        << std::string(4096, 'x');
    const auto error = openError(file);
    EXPECT_FALSE(error.empty());
    EXPECT_NE(error.find("notes.txt"), std::string::npos) << error;
}

TEST_F(SchemaTest, ReadOnlyOpenReadsButRefusesWrites) {
    const auto file = dir_ / "w.sentinela";
    { Workspace ws(file); }
    WorkspaceOptions options;
    options.readOnly = true;
    Workspace ws(file, options);
    EXPECT_EQ(ws.tasks().size(), 3u);
    EXPECT_THROW(ws.startImport("a", "csv", ""), WorkspaceError);
}

// A statement left mid-result would pin a read snapshot: other processes' commits would stay
// invisible and the WAL could never be checkpointed. After any call, a full checkpoint succeeds.
TEST_F(SchemaTest, NoCallLeavesASnapshotOpen) {
    const auto file = dir_ / "w.sentinela";
    Workspace ws(file);
    const auto importId = ws.startImport("a", "jsonl", "offensive");
    auto post = makePost("1", "texto");
    post.label = "offensive";
    ws.insertPosts(importId, std::vector<PostRecord>{post, makePost("2", "outro")});
    ws.finishImport(importId, {});
    const auto action = ws.setLabel(2, "offensive", "offensive", "ana");
    ws.undo(action.actionId, "ana");
    ws.addKeyword("offensive", "offensive", "texto", "ana");
    PostFilter filter;
    filter.task = "offensive";
    ws.findPosts(filter, {});
    ws.post(1, "offensive");
    ws.stats();
    ws.tasks();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &s, nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(s, 0), 0) << "a checkpoint was blocked by an open snapshot";
    EXPECT_EQ(sqlite3_column_int(s, 1), 0);  // the WAL was emptied
    sqlite3_finalize(s);
    sqlite3_close(db);
}

TEST_F(SchemaTest, QuickCheckPassesOnAHealthyFile) {
    Workspace ws(dir_ / "w.sentinela");
    EXPECT_TRUE(ws.checkIntegrity().empty());
    EXPECT_TRUE(ws.checkIntegrity(true).empty());
}

// Two posts from source "x" in one finished import; returns the import's id.
std::int64_t importTwoPosts(Workspace& ws) {
    const auto importId = ws.startImport("a.jsonl", "jsonl", "");
    ws.insertPosts(importId, std::vector<PostRecord>{makePost("1", "um"), makePost("2", "dois")});
    ws.finishImport(importId, {});
    return importId;
}

TEST_F(SchemaTest, FullCheckOfAReadOnlyWorkspaceReportsNoFalseDamage) {
    const auto file = dir_ / "w.sentinela";
    {
        Workspace ws(file);
        importTwoPosts(ws);
    }
    // FTS5 runs its check as an INSERT, which a read-only connection refuses: not damage.
    Workspace reader(file, {.installPresets = false, .readOnly = true});
    EXPECT_TRUE(reader.checkIntegrity(true).empty());
}

TEST_F(SchemaTest, FullCheckFindsPostCountersThatDisagreeWithThePosts) {
    const auto file = dir_ / "w.sentinela";
    {
        Workspace ws(file);
        const auto importId = importTwoPosts(ws);
        EXPECT_EQ(ws.postsFromImport(importId), 2);
        EXPECT_EQ(ws.postsFromImport(importId + 1), 0);
    }
    runSql(file, "UPDATE source_counts SET posts = 5 WHERE source = 'x'");
    Workspace ws(file);
    EXPECT_TRUE(ws.checkIntegrity(false).empty()) << "quick_check does not count posts";
    const auto problems = ws.checkIntegrity(true);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], "source \"x\" holds 2 posts but its counter says 5");
}

TEST_F(SchemaTest, AuditLogRecordsActions) {
    Workspace ws(dir_ / "w.sentinela");
    ws.audit("ana", "test.action", "{\"x\":1}");
    const auto log = ws.auditLog(1);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].analyst, "ana");
    EXPECT_EQ(log[0].action, "test.action");
}

}  // namespace
}  // namespace sentinela::storage::testing
