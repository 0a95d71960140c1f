#include "storage/schema.h"

#include <string>

#include "storage/sqlite_statement.h"
#include "storage/workspace.h"

namespace sentinela::storage {
namespace {

// Version 1. Times are ISO 8601 UTC text unless the column says _unix. Posts keep an
// INTEGER PRIMARY KEY (the stable post id) so FTS and joins use the rowid directly.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE tasks(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    multi_label INTEGER NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE task_labels(
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    colour TEXT NOT NULL,
    key TEXT NOT NULL,
    flagged INTEGER NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY(task_id, idx),
    UNIQUE(task_id, name)) WITHOUT ROWID;
CREATE TABLE imports(
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    format TEXT NOT NULL,
    label_task_id INTEGER REFERENCES tasks(id),
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'running',
    counts TEXT NOT NULL DEFAULT '{}',
    errors TEXT NOT NULL DEFAULT '[]');
CREATE TABLE posts(
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_id TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    import_id INTEGER REFERENCES imports(id),
    content_hash INTEGER NOT NULL,
    raw TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX posts_external ON posts(source, external_id) WHERE external_id <> '';
CREATE UNIQUE INDEX posts_content ON posts(content_hash, source, author, created_at)
    WHERE external_id = '';
CREATE INDEX posts_created ON posts(created_at);
CREATE INDEX posts_author ON posts(author);
CREATE VIRTUAL TABLE posts_fts USING fts5(
    text, content='posts', content_rowid='id', columnsize=0,
    tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF text ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO posts_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TABLE label_actions(
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    kind TEXT NOT NULL,
    analyst TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reverts INTEGER REFERENCES label_actions(id),
    post_count INTEGER NOT NULL DEFAULT 0);
CREATE INDEX label_actions_analyst ON label_actions(analyst, id);
CREATE TABLE label_events(
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES label_actions(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    labels TEXT NOT NULL);
CREATE INDEX label_events_post ON label_events(post_id, task_id, id);
CREATE INDEX label_events_action ON label_events(action_id);
CREATE TABLE current_labels(
    task_id INTEGER NOT NULL,
    post_id INTEGER NOT NULL,
    label_idx INTEGER NOT NULL,
    PRIMARY KEY(task_id, post_id, label_idx)) WITHOUT ROWID;
CREATE INDEX current_labels_label ON current_labels(task_id, label_idx, post_id);
CREATE TABLE models(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    file TEXT NOT NULL DEFAULT '',
    blob BLOB,
    metrics TEXT NOT NULL DEFAULT '{}',
    thresholds TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 0,
    last_scan_at TEXT NOT NULL DEFAULT '',
    UNIQUE(task_id, name));
CREATE TABLE predictions(
    model_id INTEGER NOT NULL REFERENCES models(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    scores BLOB NOT NULL,
    predicted_mask INTEGER NOT NULL,
    flag_score REAL NOT NULL,
    margin REAL NOT NULL,
    created_unix INTEGER NOT NULL,
    PRIMARY KEY(model_id, post_id)) WITHOUT ROWID;
CREATE INDEX predictions_flag ON predictions(model_id, flag_score);
CREATE INDEX predictions_margin ON predictions(model_id, margin);
CREATE TABLE keywords(
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id),
    label_idx INTEGER NOT NULL,
    term TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE(task_id, label_idx, term));
CREATE TABLE audit_log(
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    analyst TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}');
)sql";

// Version 2. The FTS triggers made every insert into posts run trigger programs in a savepoint,
// and FTS5 flushes its pending index on savepoints: imports ran 5-7x slower. The search index is
// now brought up to date in bulk by Workspace::updateSearchIndex (finishImport calls it), and
// search_index remembers up to which post id it is complete (posts are never updated or deleted
// by the library; code that ever does must update posts_fts too). The date and author indexes
// carry the column most often filtered or sorted with them, and per-source post counts spare
// statistics a table scan.
constexpr const char* kSchemaV2 = R"sql(
DROP TRIGGER posts_fts_insert;
DROP TRIGGER posts_fts_delete;
DROP TRIGGER posts_fts_update;
DROP INDEX posts_created;
CREATE INDEX posts_created ON posts(created_at, source);
DROP INDEX posts_author;
CREATE INDEX posts_author ON posts(author, created_at);
CREATE TABLE source_counts(
    source TEXT PRIMARY KEY,
    posts INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO source_counts(source, posts) SELECT source, count(*) FROM posts GROUP BY source;
CREATE TABLE search_index(
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_through INTEGER NOT NULL);
INSERT INTO search_index(id, indexed_through) SELECT 1, coalesce(max(id), 0) FROM posts;
)sql";

// Version 3. FTS5 writes its pending terms to a new segment whenever they pass "hashsize" (1 MiB
// by default), and merges the segments as they pile up: with 16 MiB a bulk index of a million
// posts makes 16x fewer segments and runs ~1.5x faster. It bounds the memory of the connection
// that indexes (updateSearchIndex), not of readers.
constexpr const char* kSchemaV3 = R"sql(
INSERT INTO posts_fts(posts_fts, rank) VALUES ('hashsize', 16777216);
)sql";

// Version 4. The raw record (the original JSON line or CSV row, kept for provenance) is as large
// as the rest of a post and is never filtered, sorted or searched: in `posts` it doubled the
// pages that inserts, the bulk date/author index builds and the search index build walk (~5 s
// of a 15 s million-post import). It moves to a table of its own, keyed by post id and appended
// in id order; posts without one get no row. The column is typed BLOB (no affinity) so a later
// version can store compressed records as blobs beside the plain text ones.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE post_raw(
    post_id INTEGER PRIMARY KEY,
    raw BLOB NOT NULL);
INSERT INTO post_raw(post_id, raw) SELECT id, raw FROM posts WHERE raw <> '';
ALTER TABLE posts DROP COLUMN raw;
)sql";

// Version 5. Raw records of new imports are stored zstd-compressed in blocks of consecutive post
// ids (storage/raw_blocks.h: ~7x smaller, one row per 1,024 posts instead of one per post).
// Records already in post_raw stay there.
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE post_raw_blocks(
    first_post_id INTEGER PRIMARY KEY,
    last_post_id INTEGER NOT NULL,
    sizes BLOB NOT NULL,
    records BLOB NOT NULL);
)sql";

struct Migration {
    int toVersion;
    const char* sql;
};
// Append one entry per schema change; never edit a shipped one. Each runs in one transaction.
constexpr Migration kMigrations[] = {
        {1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}, {4, kSchemaV4}, {5, kSchemaV5}};
static_assert(std::size(kMigrations) == Workspace::kSchemaVersion);
static_assert(kCurrentSchemaVersion == Workspace::kSchemaVersion);

std::int64_t pragmaInt(sqlite3* db, const std::filesystem::path& file, const char* sql) {
    Statement s(db, file, sql);
    return s.step() ? s.int64(0) : 0;
}

void exec(sqlite3* db, const std::filesystem::path& file, const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        throwSqlite(db, file, rc, "updating the workspace schema");
    }
}

}  // namespace

SchemaState prepareSchema(sqlite3* db,
                          const std::filesystem::path& file,
                          bool readOnly,
                          int targetVersion) {
    // Reading the header also tells a non-SQLite file apart (SQLITE_NOTADB on first read).
    const auto applicationId = pragmaInt(db, file, "PRAGMA application_id");
    const auto version = pragmaInt(db, file, "PRAGMA user_version");
    const auto objects = pragmaInt(db, file, "SELECT count(*) FROM sqlite_schema");
    const bool ours = applicationId == Workspace::kApplicationId;
    if (!ours && (applicationId != 0 || objects > 0)) {
        throw WorkspaceError(file,
                             "is an SQLite database of another program, not a Sentinela "
                             "workspace (application_id " +
                                     std::to_string(applicationId) + ").",
                             "Choose a .sentinela workspace file, or a new file name to create "
                             "one.");
    }
    if (version > Workspace::kSchemaVersion) {
        throw WorkspaceError(file,
                             "was written by a newer Sentinela (workspace schema " +
                                     std::to_string(version) + ", this build reads up to " +
                                     std::to_string(Workspace::kSchemaVersion) + ").",
                             "Update Sentinela to open it.");
    }
    if (version >= targetVersion) {
        return SchemaState::kCurrent;
    }
    if (readOnly) {
        throw WorkspaceError(file,
                             "has workspace schema " + std::to_string(version) +
                                     " and needs an upgrade, which a read-only open cannot do.",
                             "Open it once for writing (e.g. `sentinela stats`) to upgrade it.");
    }
    // WAL before the first write: migrations and every later commit skip the rollback journal,
    // and NORMAL sync in WAL mode is durable across application crashes.
    exec(db, file, "PRAGMA journal_mode = WAL");
    exec(db, file, "PRAGMA synchronous = NORMAL");
    const bool fresh = version == 0;
    for (const auto& migration : kMigrations) {
        if (migration.toVersion <= version || migration.toVersion > targetVersion) {
            continue;
        }
        exec(db, file, "BEGIN IMMEDIATE");
        try {
            // Another process may have migrated while we waited for the write lock.
            if (pragmaInt(db, file, "PRAGMA user_version") >= migration.toVersion) {
                exec(db, file, "COMMIT");
                continue;
            }
            exec(db, file, migration.sql);
            exec(db, file, "PRAGMA application_id = " + std::to_string(Workspace::kApplicationId));
            exec(db, file, "PRAGMA user_version = " + std::to_string(migration.toVersion));
            exec(db, file, "COMMIT");
        } catch (...) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
    return fresh ? SchemaState::kCreated : SchemaState::kMigrated;
}

}  // namespace sentinela::storage
