// Import batches: startImport / insertPosts / finishImport. insertPosts is the hot path of every
// import: one transaction per batch, one cached prepared statement; the search index and the
// date and author indexes of a bulk import are built once at its end.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "storage/bulk_indexes.h"
#include "storage/content_hash.h"
#include "storage/label_writer.h"
#include "storage/raw_blocks.h"
#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

// A label field may hold several labels for a multi-label task: "threat|hate".
std::vector<std::string> splitLabels(const std::string& field, bool multiLabel) {
    std::vector<std::string> parts;
    if (!multiLabel) {
        parts.push_back(field);
        return parts;
    }
    std::size_t begin = 0;
    while (begin <= field.size()) {
        const auto end = std::min(field.find('|', begin), field.size());
        if (end > begin) {
            parts.push_back(field.substr(begin, end - begin));
        }
        begin = end + 1;
    }
    return parts;
}

}  // namespace

std::int64_t Workspace::startImport(const std::string& file,
                                    const std::string& format,
                                    const std::string& labelTask,
                                    std::int64_t expectedPosts) {
    Transaction tx(*impl_);
    std::int64_t existingPosts = 0;
    {
        auto count = impl_->cached("SELECT coalesce(sum(posts), 0) FROM source_counts");
        existingPosts = count.step() ? count.int64(0) : 0;
    }
    if (shouldDeferIndexes(existingPosts, expectedPosts)) {
        dropDeferrableIndexes(impl_->db, impl_->file);
    }
    auto s = impl_->cached(
            "INSERT INTO imports(file, format, label_task_id, started_at) VALUES (?,?,?,?)");
    s.bind(1, file).bind(2, format);
    if (!labelTask.empty()) {
        s.bind(3, impl_->requireTask(labelTask).id);
    }
    s.bind(4, nowIso()).run();
    const auto id = impl_->lastInsertId();
    impl_->audit("import:" + std::to_string(id), "import.start",
                 nlohmann::json{{"import", id}, {"file", file}, {"format", format}}.dump());
    tx.commit();
    return id;
}

InsertCounts Workspace::insertPosts(std::int64_t importId, std::span<const PostRecord> posts) {
    std::vector<std::uint64_t> hashes(posts.size());
    std::transform(posts.begin(), posts.end(), hashes.begin(),
                   [](const PostRecord& post) { return contentHash(post.text); });
    return insertPosts(importId, posts, hashes);
}

InsertCounts Workspace::insertPosts(std::int64_t importId,
                                    std::span<const PostRecord> posts,
                                    std::span<const std::uint64_t> contentHashes) {
    if (contentHashes.size() != posts.size()) {
        impl_->fail("got " + std::to_string(contentHashes.size()) + " content hashes for " +
                            std::to_string(posts.size()) + " posts.",
                    "Pass one contentHash(text) per post, in the same order.");
    }
    Transaction tx(*impl_);
    const TaskSchema* task = nullptr;
    {
        // Scoped: a SELECT left stepping at COMMIT keeps a read snapshot that stalls checkpoints.
        auto find = impl_->cached("SELECT label_task_id FROM imports WHERE id = ?");
        find.bind(1, importId);
        if (!find.step()) {
            impl_->fail("has no import " + std::to_string(importId) + ".",
                        "Call startImport first and pass the id it returns.");
        }
        task = find.isNull(0) ? nullptr : &impl_->taskById(find.int64(0));
    }
    std::optional<LabelWriter> labels;
    if (task != nullptr) {
        labels.emplace(*impl_, *task, "import", "import:" + std::to_string(importId), "");
    }

    InsertCounts counts;
    counts.postIds.assign(posts.size(), 0);
    auto insert = impl_->cached(
            "INSERT OR IGNORE INTO posts(source, external_id, author, created_at, text, "
            "language, import_id, content_hash) VALUES (?,?,?,?,?,?,?,?)");
    // Raw records are compressed in blocks after the loop (storage/raw_blocks.h); they point
    // into `posts`, which outlives this call.
    std::vector<std::pair<std::int64_t, std::string_view>> rawRecords;
    rawRecords.reserve(posts.size());
    std::map<std::string, std::int64_t> perSource;
    for (std::size_t i = 0; i < posts.size(); ++i) {
        const PostRecord& post = posts[i];
        const auto hash = static_cast<std::int64_t>(contentHashes[i]);
        // Bound in place, not copied (most of a post's bytes are text and raw): `posts`
        // outlives the step, and the bindings are cleared after the loop.
        sqlite3_reset(insert.get());
        insert.bindStatic(1, post.source).bindStatic(2, post.externalId);
        insert.bindStatic(3, post.author).bindStatic(4, post.createdAt);
        insert.bindStatic(5, post.text).bindStatic(6, post.language);
        insert.bind(7, importId).bind(8, hash).run();
        std::int64_t postId = 0;
        if (sqlite3_changes(impl_->db) == 1) {
            ++counts.inserted;
            postId = impl_->lastInsertId();
            counts.postIds[i] = postId;
            if (!post.raw.empty()) {
                rawRecords.emplace_back(postId, post.raw);
            }
            ++perSource[post.source];
        } else {
            ++counts.duplicates;
            if (!labels || !post.label) {
                continue;
            }
            // The label of a re-imported post still counts: find the stored copy.
            auto existing = impl_->cached(
                    post.externalId.empty()
                            ? "SELECT id FROM posts WHERE content_hash = ?2 AND source = ?1 AND "
                              "author = ?3 AND created_at = ?4 AND external_id = ''"
                            : "SELECT id FROM posts WHERE source = ?1 AND external_id = ?5");
            existing.bind(1, post.source);
            if (post.externalId.empty()) {
                existing.bind(2, hash).bind(3, post.author).bind(4, post.createdAt);
            } else {
                existing.bind(5, post.externalId);
            }
            if (!existing.step()) {
                continue;
            }
            postId = existing.int64(0);
        }
        if (!labels || !post.label || post.label->empty()) {
            continue;
        }
        std::vector<int> indexes;
        std::string unknown;
        for (const auto& name : splitLabels(*post.label, task->multiLabel)) {
            const int index = task->labelIndex(name);
            if (index < 0) {
                unknown = name;
                break;
            }
            indexes.push_back(index);
        }
        if (!unknown.empty()) {
            std::string names;
            for (const auto& l : task->labels) {
                names += (names.empty() ? "" : ", ") + l.name;
            }
            counts.rejectedLabels.push_back({post.line, *post.label,
                                             "label \"" + unknown + "\" is not in task \"" +
                                                     task->name + "\" (" + names +
                                                     "); the post was imported without it"});
            continue;
        }
        labels->write(postId, std::move(indexes));
        ++counts.labeled;
    }
    insert.reset();  // drops the bindings into `posts`
    if (!rawRecords.empty()) {
        auto insertBlock = impl_->cached(
                "INSERT INTO post_raw_blocks(first_post_id, last_post_id, sizes, records) VALUES "
                "(?,?,?,?)");
        try {
            writeRawBlocks(insertBlock, rawRecords);
        } catch (const WorkspaceError&) {
            throw;
        } catch (const std::runtime_error& e) {  // zstd failed (out of memory)
            impl_->fail(e.what(), "Free some memory and retry the import.");
        }
    }
    if (labels) {
        labels->finish();
    }
    auto count = impl_->cached(
            "INSERT INTO source_counts(source, posts) VALUES (?, ?) ON CONFLICT(source) DO "
            "UPDATE SET posts = posts + excluded.posts");
    for (const auto& [source, n] : perSource) {
        count.reset();
        count.bind(1, source).bind(2, n).run();
    }
    tx.commit();
    return counts;
}

void Workspace::finishImport(std::int64_t importId, const ImportTotals& totals) {
    nlohmann::json errors;
    try {
        errors = nlohmann::json::parse(totals.errorsJson);
    } catch (const nlohmann::json::exception&) {
        errors = nlohmann::json::array({totals.errorsJson});  // keep the text rather than lose it
    }
    const nlohmann::json counts = {{"read", totals.read},
                                   {"imported", totals.imported},
                                   {"duplicates", totals.duplicates},
                                   {"skipped", totals.skipped},
                                   {"rejected", totals.rejected}};
    Transaction tx(*impl_);
    auto s = impl_->cached(
            "UPDATE imports SET finished_at = ?, status = ?, counts = ?, errors = ? WHERE id = ?");
    s.bind(1, nowIso()).bind(2, totals.cancelled ? "cancelled" : "done").bind(3, counts.dump());
    s.bind(4, errors.dump()).bind(5, importId).run();
    if (sqlite3_changes(impl_->db) != 1) {
        impl_->fail("has no import " + std::to_string(importId) + ".",
                    "Call startImport first and pass the id it returns.");
    }
    impl_->audit("import:" + std::to_string(importId), "import.finish",
                 nlohmann::json{{"import", importId}, {"counts", counts}}.dump());
    tx.commit();
    ensureIndexes();
    updateSearchIndex();
}

int Workspace::ensureIndexes() {
    impl_->requireWritable();
    return createMissingIndexes(impl_->db, impl_->file);
}

std::int64_t Workspace::unindexedPosts() {
    auto s = impl_->cached(
            "SELECT count(*) FROM posts WHERE id > (SELECT indexed_through FROM search_index)");
    return s.step() ? s.int64(0) : 0;
}

std::int64_t Workspace::updateSearchIndex(const std::function<void(std::int64_t)>& progress) {
    // Chunks of posts per transaction: the write lock is released between chunks so the GUI's
    // labels get through, and FTS5 builds each chunk's terms in memory before writing them.
    // 250,000 posts hold the lock for ~1-2 s at 1M posts (GUI writes wait up to their busy
    // timeout, 10 s); smaller chunks cost more in total, as FTS5 merges more segments.
    constexpr std::int64_t kChunk = 250000;
    std::int64_t indexed = 0;
    for (;;) {
        Transaction tx(*impl_);
        std::int64_t from = 0, through = 0;
        {
            auto s = impl_->cached(
                    "SELECT indexed_through, (SELECT max(id) FROM (SELECT id FROM posts WHERE id "
                    "> indexed_through ORDER BY id LIMIT ?)) FROM search_index");
            s.bind(1, kChunk);
            if (!s.step() || s.isNull(1)) {
                return indexed;  // up to date; the transaction rolls back, nothing was written
            }
            from = s.int64(0);
            through = s.int64(1);
        }
        auto insert = impl_->cached(
                "INSERT INTO posts_fts(rowid, text) SELECT id, text FROM posts WHERE id > ? AND "
                "id <= ? ORDER BY id");
        insert.bind(1, from).bind(2, through).run();
        indexed += sqlite3_changes(impl_->db);
        auto mark = impl_->cached("UPDATE search_index SET indexed_through = ?");
        mark.bind(1, through).run();
        tx.commit();
        if (progress) {
            progress(indexed);
        }
    }
}

std::int64_t Workspace::postsFromImport(std::int64_t importId) {
    auto s = impl_->cached("SELECT count(*) FROM posts WHERE import_id = ?");
    s.bind(1, importId);
    return s.step() ? s.int64(0) : 0;
}

std::vector<ImportInfo> Workspace::imports() {
    auto s = impl_->cached(
            "SELECT i.id, i.file, i.format, coalesce(t.name, ''), i.started_at, i.finished_at, "
            "i.status, i.counts, i.errors FROM imports i LEFT JOIN tasks t ON t.id = "
            "i.label_task_id ORDER BY i.id");
    std::vector<ImportInfo> result;
    while (s.step()) {
        ImportInfo info;
        info.id = s.int64(0);
        info.file = s.text(1);
        info.format = s.text(2);
        info.labelTask = s.text(3);
        info.startedAt = s.text(4);
        info.finishedAt = s.text(5);
        info.status = s.text(6);
        const auto counts = nlohmann::json::parse(s.text(7));
        info.totals.read = counts.value("read", std::int64_t{0});
        info.totals.imported = counts.value("imported", std::int64_t{0});
        info.totals.duplicates = counts.value("duplicates", std::int64_t{0});
        info.totals.skipped = counts.value("skipped", std::int64_t{0});
        info.totals.rejected = counts.value("rejected", std::int64_t{0});
        info.totals.errorsJson = s.text(8);
        info.totals.cancelled = info.status == "cancelled";
        result.push_back(std::move(info));
    }
    return result;
}

}  // namespace sentinela::storage
