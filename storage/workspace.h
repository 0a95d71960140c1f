// One analyst workspace: a single SQLite file holding posts, labelling tasks, the append-only
// label history, model predictions, registered models, import batches, keyword dictionaries and
// an audit log of analyst actions.
//
// The GUI and the CLI may open the same file at the same time: the file runs in WAL mode with a
// busy timeout, so readers never block the writer and a second writer waits instead of failing.
//
// Thread-safety: a Workspace is ONE SQLite connection; use it from one thread at a time. Open a
// second Workspace on the same file for another thread (or process). Every method throws
// WorkspaceError (storage/workspace_error.h) on failure; nothing is printed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "storage/keyword_matcher.h"
#include "storage/post_query.h"
#include "storage/post_record.h"
#include "storage/task_schema.h"
#include "storage/workspace_error.h"
#include "storage/workspace_types.h"

namespace sentinela::storage {

struct WorkspaceOptions {
    bool installPresets = true;  // a NEW workspace gets the built-in tasks and dictionaries
    bool readOnly = false;       // open an existing file without writing (no migration)
    int busyTimeoutMs = 10000;   // how long to wait for another process's write
};

enum class ExportFormat { kJsonl, kCsv };

struct LabeledExportOptions {
    std::string task;
    ExportFormat format = ExportFormat::kJsonl;
    // Deterministic split by a hash of (seed, normalised text): identical texts share a split.
    bool split = false;
    double trainFraction = 0.8, valFraction = 0.1;  // test gets the rest
    std::string seed = "sentinela";
};

class Workspace {
public:
    // The SQLite application_id that marks a file as a Sentinela workspace ("SNTL").
    static constexpr std::int32_t kApplicationId = 0x534E544C;
    // Schema version this build writes (PRAGMA user_version).
    static constexpr int kSchemaVersion = 5;

    // Opens or creates the workspace and migrates older schemas. Throws WorkspaceError for a
    // foreign SQLite file, a file written by a newer Sentinela, or an unreadable file.
    explicit Workspace(const std::filesystem::path& file, const WorkspaceOptions& options = {});
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;

    const std::filesystem::path& file() const;
    int schemaVersion() const;
    // PRAGMA quick_check, or with `full` integrity_check, the per-source post counters against the
    // posts and (on a writable workspace only) the search index's own consistency check (slow on
    // big files: run on request, e.g. `sentinela stats --check`). Returns the problems found;
    // empty when healthy.
    std::vector<std::string> checkIntegrity(bool full = false);

    // ---- import (used by storage/importer.h) ----
    // Records an import batch; labelTask (may be empty) receives PostRecord::label values.
    // expectedPosts (0 = unknown) is a rough size: an import into an empty workspace, or one
    // adding at least half as many posts as the workspace holds, drops the date and author
    // indexes until finishImport builds them again (3x faster than filling them post by post).
    // Meanwhile queries stay correct but filters on date and author scan the posts.
    std::int64_t startImport(const std::string& file,
                             const std::string& format,
                             const std::string& labelTask,
                             std::int64_t expectedPosts = 0);
    // Stores posts in ONE transaction; duplicates are counted, not stored twice. A label not in
    // the task is reported in rejectedLabels and the post is kept. Labels from an import are
    // recorded in the history as kind "import", analyst "import:<id>".
    InsertCounts insertPosts(std::int64_t importId, std::span<const PostRecord> posts);
    // The same with each post's contentHash(text) already computed, one per post: the import
    // pipeline hashes on its reader thread, off the single writer's critical path.
    InsertCounts insertPosts(std::int64_t importId,
                             std::span<const PostRecord> posts,
                             std::span<const std::uint64_t> contentHashes);
    // Records the totals, builds the indexes startImport dropped (ensureIndexes), then brings the
    // search index up to date (updateSearchIndex).
    void finishImport(std::int64_t importId, const ImportTotals& totals);
    // Builds the date and author indexes when they are missing (an import dropped them and did
    // not finish: killed, or failed). Every writable open calls it. Returns how many it built.
    int ensureIndexes();
    // Full-text indexing is deferred out of insertPosts (it would halve its speed): posts become
    // searchable when this runs. finishImport calls it; call it after inserting without an
    // import, or when unindexedPosts() > 0 (e.g. an import that was killed). Returns the number
    // of posts indexed; progress gets the running count after each chunk.
    std::int64_t updateSearchIndex(const std::function<void(std::int64_t)>& progress = {});
    std::int64_t unindexedPosts();
    std::vector<ImportInfo> imports();
    // How many posts the import stored (scans every post: for checks of an import that did not
    // finish, whose recorded totals stay empty).
    std::int64_t postsFromImport(std::int64_t importId);

    // ---- tasks and keyword dictionaries ----
    std::vector<TaskSchema> tasks();
    std::optional<TaskSchema> task(const std::string& name);
    // Creates a task (name unique) and returns its id; labels may be added later, never removed.
    std::int64_t createTask(const TaskSchema& schema, const std::string& analyst);
    void addTaskLabel(const std::string& task,
                      const LabelDefinition& label,
                      const std::string& analyst);
    // Creates the preset's task and its starter dictionary if the task does not exist yet.
    void installPreset(const TaskPreset& preset, const std::string& analyst);

    struct Keyword {
        std::int64_t id = 0;
        std::string label, term, createdBy, createdAt;
    };
    std::vector<Keyword> keywords(const std::string& task);
    std::int64_t addKeyword(const std::string& task,
                            const std::string& label,
                            const std::string& term,
                            const std::string& analyst);
    void removeKeyword(std::int64_t keywordId, const std::string& analyst);
    // A matcher over the task's dictionary; rule i is keywords(task)[i].
    KeywordMatcher keywordMatcher(const std::string& task);

    // ---- reading posts ----
    std::optional<PostRow> post(std::int64_t postId, const std::string& task = {});
    std::optional<std::int64_t> findPostId(const std::string& source,
                                           const std::string& externalId);
    // Every post whose export id is externalId, one per source that has it (an id can repeat
    // across platforms): {source, post id}, in source order.
    std::vector<std::pair<std::string, std::int64_t>> findPostsByExternalId(
            const std::string& externalId);
    // The original record a post was imported from (its JSON line, CSV row or chat lines, for
    // provenance); "" when the import did not keep it (ImportOptions::keepRaw) or no such post.
    std::string rawRecord(std::int64_t postId);
    std::vector<PostRow> findPosts(const PostFilter& filter, const PageRequest& page);
    // Counts matches; with cap > 0 stops at cap (exact=false) so huge counts stay fast.
    CountResult countPosts(const PostFilter& filter, std::int64_t cap = 0);

    // ---- labels: append-only history; the current labels derive from its latest entry ----
    ActionResult setLabels(std::int64_t postId,
                           const std::string& task,
                           const std::vector<std::string>& labels,  // empty = remove
                           const std::string& analyst,
                           const std::string& note = {});
    ActionResult setLabel(std::int64_t postId,
                          const std::string& task,
                          const std::string& label,
                          const std::string& analyst,
                          const std::string& note = {});
    // Labels every post matching the filter, in one transaction and one undoable action.
    ActionResult bulkLabel(const PostFilter& filter,
                           const std::string& task,
                           const std::vector<std::string>& labels,
                           const std::string& analyst,
                           const std::string& note = {});
    // Appends "revert" entries restoring each post's labels from before the action. Posts whose
    // labels changed again since are left alone (not counted).
    ActionResult undo(std::int64_t actionId, const std::string& analyst);
    // Undoes the analyst's latest action that is not yet undone; count 0 when there is none.
    ActionResult undoLast(const std::string& analyst);
    std::vector<std::string> currentLabels(std::int64_t postId, const std::string& task);
    std::vector<LabelEvent> labelHistory(std::int64_t postId);
    std::vector<LabelCount> labelCounts(const std::string& task);
    // CSV with a header: a post column ("post_id", "id" or "external_id", with optional
    // "source") and a "label" column (multi-label: labels separated by '|').
    LabelImportReport importLabelsCsv(const std::filesystem::path& csv,
                                      const std::string& task,
                                      const std::string& analyst);

    // ---- models and predictions ----
    std::int64_t registerModel(const ModelRegistration& model, const std::string& analyst);
    std::vector<ModelInfo> models(const std::string& task = {});
    std::optional<ModelInfo> model(std::int64_t modelId);
    std::string modelBlob(std::int64_t modelId);
    // Makes the model the task's active one (the others of that task become inactive).
    void activateModel(std::int64_t modelId, const std::string& analyst);
    // Stores the latest scores per (post, model) in ONE transaction; fast for large batches.
    void writePredictions(std::int64_t modelId, std::span<const Prediction> predictions);

    // ---- statistics, audit, export ----
    WorkspaceStats stats();
    struct AuditEntry {
        std::int64_t id = 0;
        std::string createdAt, analyst, action, detailsJson;
    };
    void audit(const std::string& analyst,
               const std::string& action,
               const std::string& detailsJson);
    std::vector<AuditEntry> auditLog(int limit = 100);

    // Labeled posts as {"id","text","label","split"} (the shape of the shared datasets; "id" is
    // the external id or, without one, the post id; multi-label tasks write "labels": [...]).
    std::int64_t exportLabeled(const LabeledExportOptions& options, std::ostream& out);
    // Posts with flag score >= minScore (active model), highest first, with their scores.
    std::int64_t exportFlagged(const std::string& task,
                               double minScore,
                               ExportFormat format,
                               std::ostream& out);
    // The full label history as RFC 4180 CSV; empty task = every task.
    std::int64_t exportLabelHistory(const std::string& task, std::ostream& out);

    struct Impl;  // defined in storage/workspace_impl.h (internal)

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace sentinela::storage
