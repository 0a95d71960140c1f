#include "storage/search_index_build.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "storage/workspace_error.h"

namespace sentinela::storage {
namespace {

// The workspace's search index as schema v1 created it (schema.cpp, whitespace collapsed), and
// the same index without content for the build. A migration that changes posts_fts must change
// both: until then startFor sees a different definition and imports index as before.
constexpr std::string_view kWorkspaceIndexSql =
        "CREATE VIRTUAL TABLE posts_fts USING fts5( text, content='posts', content_rowid='id', "
        "columnsize=0, tokenize='unicode61 remove_diacritics 2')";
constexpr const char* kBuildIndexSql =
        "CREATE VIRTUAL TABLE temp.search_build USING fts5(text, content='', columnsize=0, "
        "tokenize='unicode61 remove_diacritics 2')";
// Pending terms FTS5 keeps in memory before writing a segment: as schema v3 sets for posts_fts.
constexpr const char* kBuildHashSize =
        "INSERT INTO temp.search_build(search_build, rank) VALUES ('hashsize', 16777216)";

std::string collapseSpaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        const bool isSpace = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (isSpace && !space) {
            out += ' ';
        } else if (!isSpace) {
            out += c;
        }
        space = isSpace;
    }
    return out;
}

// True when the workspace has no posts and an empty search index of the expected definition.
bool isEmptyWithExpectedIndex(sqlite3* db, const std::filesystem::path& file) {
    Statement s(db, file,
                "SELECT (SELECT sql FROM sqlite_schema WHERE name = 'posts_fts'), "
                "(SELECT indexed_through FROM search_index) = 0 AND NOT EXISTS (SELECT 1 FROM "
                "posts) AND NOT EXISTS (SELECT 1 FROM posts_fts_idx)");
    return s.step() && s.int64(1) == 1 && collapseSpaces(s.textView(0)) == kWorkspaceIndexSql;
}

}  // namespace

std::unique_ptr<SearchIndexBuild> SearchIndexBuild::startFor(
        const std::filesystem::path& workspaceFile, Recycle recycle) {
    // Any failure here only means "no build": the import then indexes the usual way, and its
    // own connection reports what is wrong with the file.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(workspaceFile.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return nullptr;
    }
    try {
        sqlite3_extended_result_codes(db, 1);
        sqlite3_busy_timeout(db, 10000);
        if (!isEmptyWithExpectedIndex(db, workspaceFile)) {
            sqlite3_close(db);
            return nullptr;
        }
        // The temp database lives in a file SQLite unlinks at once (memory stays bounded by the
        // page cache) and needs no journal: a failed build is thrown away whole.
        execSql(db, workspaceFile, "PRAGMA temp_store = FILE");
        execSql(db, workspaceFile, "PRAGMA temp.cache_size = -65536");
        execSql(db, workspaceFile, "PRAGMA temp.journal_mode = OFF");
        execSql(db, workspaceFile, kBuildIndexSql);
        execSql(db, workspaceFile, kBuildHashSize);
        // One transaction for the whole build: FTS5 writes a segment per commit otherwise. It
        // writes the temp database only, so it holds no lock or snapshot of the workspace.
        execSql(db, workspaceFile, "BEGIN");
        return std::unique_ptr<SearchIndexBuild>(
                new SearchIndexBuild(db, workspaceFile, std::move(recycle)));
    } catch (...) {  // the constructor did not take the connection
        sqlite3_close_v2(db);
        return nullptr;
    }
}

SearchIndexBuild::SearchIndexBuild(sqlite3* db, std::filesystem::path file, Recycle recycle)
    : db_(db),
      file_(std::move(file)),
      recycle_(std::move(recycle)),
      insert_(db_, file_, "INSERT INTO temp.search_build(rowid, text) VALUES (?, ?)"),
      thread_([this] { run(); }) {}

SearchIndexBuild::~SearchIndexBuild() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
        discarding_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    insert_ = Statement();  // finalized before the connection closes
    sqlite3_close(db_);     // rolls back an unfinished build; the temp database goes with it
}

void SearchIndexBuild::add(std::vector<PostRecord>&& posts, std::span<const std::int64_t> postIds) {
    Batch batch{std::move(posts), std::vector<std::int64_t>(postIds.begin(), postIds.end())};
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
    queue_.push_back(std::move(batch));
    changed_.notify_all();
}

void SearchIndexBuild::run() {
    for (;;) {
        Batch batch;
        bool discard = false;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
            if (queue_.empty()) {
                const bool discarding = discarding_;
                lock.unlock();
                if (!discarding) {
                    commitBuild();
                }
                return;
            }
            batch = std::move(queue_.front());
            queue_.pop_front();
            discard = discarding_;
            changed_.notify_all();
        }
        if (!discard && !error_) {
            try {
                index(batch);
            } catch (...) {
                error_ = std::current_exception();  // keep draining: the writer must not block
            }
        }
        if (recycle_) {
            try {
                recycle_(std::move(batch.posts));
            } catch (...) {
                // Out of memory handing it back: the batch is freed here instead.
            }
        }
    }
}

void SearchIndexBuild::index(const Batch& batch) {
    for (std::size_t i = 0; i < batch.ids.size(); ++i) {
        if (batch.ids[i] == 0) {
            continue;  // a duplicate: the workspace already holds (and indexes) its copy
        }
        sqlite3_reset(insert_.get());
        insert_.bind(1, batch.ids[i]).bindStatic(2, batch.posts[i].text).run();
        ++indexed_;
        maxId_ = std::max(maxId_, batch.ids[i]);
    }
    insert_.reset();  // drops the bindings into the batch before it is recycled
}

void SearchIndexBuild::commitBuild() {
    if (error_) {
        return;
    }
    try {
        execSql(db_, file_,
                "COMMIT");  // the build's transaction: FTS5 writes its last pending terms
    } catch (...) {
        error_ = std::current_exception();
    }
}

void SearchIndexBuild::finishAdding() {
    {
        std::lock_guard lock(mutex_);
        closing_ = true;
    }
    changed_.notify_all();
}

bool SearchIndexBuild::install() {
    finishAdding();
    if (thread_.joinable()) {
        thread_.join();
    }
    if (error_ || indexed_ == 0) {
        return false;
    }
    try {
        return installBuilt();
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return false;  // the caller indexes the usual way, which reports a lasting problem
    }
}

bool SearchIndexBuild::installBuilt() {
    execSql(db_, file_, "BEGIN IMMEDIATE");
    {
        Statement check(db_, file_,
                        "SELECT (SELECT indexed_through FROM main.search_index) = 0 AND NOT "
                        "EXISTS (SELECT 1 FROM main.posts_fts_idx) AND (SELECT count(*) FROM "
                        "main.posts) = ? AND (SELECT max(id) FROM main.posts) = ?");
        check.bind(1, indexed_).bind(2, maxId_);
        if (!check.step() || check.int64(0) != 1) {
            check.reset();
            execSql(db_, file_, "ROLLBACK");
            return false;  // the workspace changed meanwhile (another import)
        }
    }
    // Both tables are rewritten whole: an empty index holds only its structure record.
    execSql(db_, file_, "DELETE FROM main.posts_fts_data");
    execSql(db_, file_,
            "INSERT INTO main.posts_fts_data(id, block) SELECT id, block FROM "
            "temp.search_build_data");
    execSql(db_, file_,
            "INSERT INTO main.posts_fts_idx(segid, term, pgno) SELECT segid, term, pgno FROM "
            "temp.search_build_idx");
    Statement mark(db_, file_, "UPDATE main.search_index SET indexed_through = ?");
    mark.bind(1, maxId_).run();
    mark.reset();
    execSql(db_, file_, "COMMIT");
    return true;
}

}  // namespace sentinela::storage
