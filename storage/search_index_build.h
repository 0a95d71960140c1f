// Internal: builds the search index of an import into an empty workspace on a thread of its own,
// while the import is still inserting posts, and installs it when the import ends.
//
// Why: built after the inserts, on the one connection that holds the write lock, the search
// index (FTS5) was ~40 % of a bulk import's serial time. FTS5 keeps its index in two ordinary
// tables (posts_fts_data, posts_fts_idx) whose rows depend only on the indexed rows and the
// table's options. So this class fills a table with the same options in its own connection's
// private temp database (no lock on the workspace; SQLite deletes it even when the process is
// killed) and, at the end, copies those two tables into the workspace in one transaction.
//
// Only for a workspace that holds no posts when the import starts: FTS5 cannot merge a second
// index into an existing one; other imports keep Workspace::updateSearchIndex.
// install() checks, inside its transaction, that the workspace's index is still empty and that
// the build covers exactly the workspace's posts (another process may have imported meanwhile);
// otherwise it installs nothing and the caller falls back to updateSearchIndex.
//
// Memory: the build's page cache (64 MiB; the rest spills to the temp file) and FTS5's pending
// terms (16 MiB), besides at most kMaxQueued batches. install() holds the workspace's write lock
// while it copies the index (under a second for the 41 MB index of 1M generated posts).
// Thread-safety: add() and install() are called from one thread (the import's writer); the build
// runs on a thread and a SQLite connection of its own.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <sqlite3.h>
#include <thread>
#include <vector>

#include "storage/post_record.h"
#include "storage/sqlite_statement.h"

namespace sentinela::storage {

class SearchIndexBuild {
public:
    // Receives every batch once indexed, on the build thread, so the import can reuse it.
    using Recycle = std::function<void(std::vector<PostRecord>&&)>;

    // A running build, or nullptr when the workspace already holds posts or its search index
    // is not the FTS5 table this class reproduces (then the caller indexes as before).
    static std::unique_ptr<SearchIndexBuild> startFor(const std::filesystem::path& workspaceFile,
                                                      Recycle recycle);
    ~SearchIndexBuild();  // stops the build and discards it
    SearchIndexBuild(const SearchIndexBuild&) = delete;
    SearchIndexBuild& operator=(const SearchIndexBuild&) = delete;

    // Posts just committed; postIds[i] is the id of posts[i], 0 when it was a duplicate. Blocks
    // while kMaxQueued batches wait for the build thread (memory stays bounded).
    void add(std::vector<PostRecord>&& posts, std::span<const std::int64_t> postIds);

    // No more batches: the build thread finishes the queue and writes the index's last terms
    // while the caller does other work (the import builds its date and author indexes).
    void finishAdding();

    // Waits for the build and installs it as the workspace's search index; false when it
    // installed nothing (see above). Call once, after the last add().
    bool install();

    // Posts indexed (for tests); read it after install().
    std::int64_t indexedPosts() const { return indexed_; }

private:
    struct Batch {
        std::vector<PostRecord> posts;
        std::vector<std::int64_t> ids;
    };
    static constexpr std::size_t kMaxQueued = 2;

    SearchIndexBuild(sqlite3* db, std::filesystem::path file, Recycle recycle);
    void run();
    void index(const Batch& batch);
    void commitBuild();
    bool installBuilt();

    sqlite3* db_;
    std::filesystem::path file_;
    Recycle recycle_;
    Statement insert_;  // used by the build thread only, until it is joined
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> queue_;
    bool closing_ = false;      // no more batches: finish the queue and stop
    bool discarding_ = false;   // destroyed before install: skip what is queued
    std::exception_ptr error_;  // the build failed: nothing gets installed
    std::int64_t indexed_ = 0;  // written by the build thread; read after join
    std::int64_t maxId_ = 0;
    std::thread thread_;  // last: starts after the members above exist
};

}  // namespace sentinela::storage
