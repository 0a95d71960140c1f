// Opening a workspace (pragmas, schema, presets), the shared Impl helpers, tasks and the audit
// log. The other Workspace members live in workspace_<topic>.cpp.
#include "storage/workspace.h"

#include <mutex>
#include <nlohmann/json.hpp>

#include "storage/bulk_indexes.h"
#include "storage/schema.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {

WorkspaceError::WorkspaceError(const std::filesystem::path& file,
                               const std::string& problem,
                               const std::string& remedy)
    : std::runtime_error((file.empty() ? std::string() : file.string() + ": ") + problem +
                         (remedy.empty() ? std::string() : " " + remedy)),
      file_(file),
      problem_(problem),
      remedy_(remedy) {}

std::string nowIso() {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch());
    const std::time_t seconds = static_cast<std::time_t>(ms.count() / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(ms.count() % 1000));
    return buffer;
}

// ---- Impl ----

Workspace::Impl::~Impl() {
    statements.clear();  // finalize before closing
    if (db != nullptr) {
        sqlite3_close_v2(db);
    }
}

StatementLease Workspace::Impl::cached(std::string_view sql) {
    auto it = statements.find(sql);
    if (it == statements.end()) {
        it = statements.emplace(std::string(sql), Statement(db, file, sql)).first;
    } else {
        it->second.reset();
    }
    return StatementLease(it->second);
}

void Workspace::Impl::exec(std::string_view sql) {
    const std::string copy(sql);
    char* message = nullptr;
    const int rc = sqlite3_exec(db, copy.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (rc != SQLITE_OK) {
        throwSqlite(db, file, rc, "running \"" + copy.substr(0, 60) + "\"");
    }
}

void Workspace::Impl::fail(const std::string& problem, const std::string& remedy) const {
    throw WorkspaceError(file, problem, remedy);
}

void Workspace::Impl::requireWritable() const {
    if (readOnly) {
        fail("is open read-only.", "Open it without the read-only option to change it.");
    }
}

const TaskSchema* Workspace::Impl::findTask(std::string_view name) {
    if (auto it = taskCache.find(name); it != taskCache.end()) {
        return &it->second;
    }
    auto s = cached("SELECT id, name, kind, multi_label FROM tasks WHERE name = ?");
    s.bind(1, name);
    if (!s.step()) {
        return nullptr;
    }
    TaskSchema task;
    task.id = s.int64(0);
    task.name = s.text(1);
    task.kind = s.text(2);
    task.multiLabel = s.int64(3) != 0;
    auto l = cached(
            "SELECT name, colour, key, flagged, description FROM task_labels WHERE task_id = ? "
            "ORDER BY idx");
    l.bind(1, task.id);
    while (l.step()) {
        task.labels.push_back({l.text(0), l.text(1), l.text(2), l.int64(3) != 0, l.text(4)});
    }
    return &taskCache.emplace(task.name, std::move(task)).first->second;
}

const TaskSchema& Workspace::Impl::requireTask(std::string_view name) {
    if (const auto* task = findTask(name)) {
        return *task;
    }
    std::string names;
    auto s = cached("SELECT name FROM tasks ORDER BY id");
    while (s.step()) {
        names += (names.empty() ? "" : ", ") + s.text(0);
    }
    fail("has no task \"" + std::string(name) + "\" (tasks: " + (names.empty() ? "none" : names) +
                 ").",
         "Use one of those names, or create the task first.");
}

const TaskSchema& Workspace::Impl::taskById(std::int64_t id) {
    auto s = cached("SELECT name FROM tasks WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) {
        fail("has no task with id " + std::to_string(id) + ".");
    }
    return requireTask(s.text(0));
}

int Workspace::Impl::requireLabel(const TaskSchema& task, std::string_view label) {
    const int index = task.labelIndex(std::string(label));
    if (index >= 0) {
        return index;
    }
    std::string names;
    for (const auto& l : task.labels) {
        names += (names.empty() ? "" : ", ") + l.name;
    }
    fail("task \"" + task.name + "\" has no label \"" + std::string(label) +
                 "\" (labels: " + names + ").",
         "Use one of those labels, or add it to the task.");
}

std::int64_t Workspace::Impl::resolveModel(const TaskSchema& task, std::string_view modelName) {
    if (!modelName.empty()) {
        auto s = cached("SELECT id FROM models WHERE task_id = ? AND name = ?");
        s.bind(1, task.id).bind(2, modelName);
        if (!s.step()) {
            fail("task \"" + task.name + "\" has no model \"" + std::string(modelName) + "\".",
                 "List the models with `sentinela models`.");
        }
        return s.int64(0);
    }
    auto s =
            cached("SELECT id FROM models WHERE task_id = ? ORDER BY active DESC, id DESC LIMIT 1");
    s.bind(1, task.id);
    return s.step() ? s.int64(0) : 0;
}

void Workspace::Impl::audit(std::string_view analyst,
                            std::string_view action,
                            std::string_view detailsJson) {
    auto s = cached("INSERT INTO audit_log(created_at, analyst, action, details) VALUES (?,?,?,?)");
    s.bind(1, nowIso()).bind(2, analyst).bind(3, action).bind(4, detailsJson).run();
}

Transaction::Transaction(Workspace::Impl& impl) : impl_(impl) {
    impl_.requireWritable();
    impl_.exec("BEGIN IMMEDIATE");
    open_ = true;
}

Transaction::~Transaction() {
    if (open_) {
        sqlite3_exec(impl_.db, "ROLLBACK", nullptr, nullptr, nullptr);
        impl_.forgetTasks();  // the cache may hold rows the rollback removed
    }
}

void Transaction::commit() {
    // No cached SELECT may outlive the transaction: a statement left mid-result keeps a read
    // snapshot, which hides other processes' commits and stops WAL checkpoints (the WAL then
    // grows without bound).
    for (auto& [sql, statement] : impl_.statements) {
        sqlite3_reset(statement.get());
    }
    impl_.exec("COMMIT");
    open_ = false;
}

// ---- Workspace ----

namespace {

// SQLite counts every allocation in global statistics behind a process-wide mutex; an import
// allocates for every row, and both import threads then queue on that mutex. Nothing here reads
// the statistics. Only possible before SQLite initializes (later calls fail harmlessly, e.g.
// when Qt's SQL driver came first).
void disableSqliteMemoryStatistics() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Workspace::Workspace(const std::filesystem::path& file, const WorkspaceOptions& options)
    : impl_(std::make_unique<Impl>()) {
    disableSqliteMemoryStatistics();
    impl_->file = file;
    impl_->readOnly = options.readOnly;
    const int flags =
            options.readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(file.c_str(), &impl_->db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        throwSqlite(impl_->db, file, rc, "opening the workspace");
    }
    sqlite3_extended_result_codes(impl_->db, 1);
    sqlite3_busy_timeout(impl_->db, options.busyTimeoutMs);
    const auto state = prepareSchema(impl_->db, file, options.readOnly);
    if (!options.readOnly) {
        // WAL lets the GUI read while the CLI writes; NORMAL sync is durable across app crashes
        // (an OS crash may lose the last commits, never corrupt the file).
        impl_->exec("PRAGMA journal_mode = WAL");
        impl_->exec("PRAGMA synchronous = NORMAL");
        // Checkpoints (and their two fsyncs) every 16 MB of WAL instead of every 4 MB: a
        // million-post import ran 13.4 -> 12.5 s (medians of 4 interleaved; 64 MB was no better).
        impl_->exec("PRAGMA wal_autocheckpoint = 4000");
    }
    impl_->exec("PRAGMA foreign_keys = ON");
    impl_->exec("PRAGMA temp_store = MEMORY");
    // At a million posts the date and author indexes take ~40 MB each and imports touch them at
    // random: a 128 MiB page cache (allocated only as pages are used) keeps them in memory, and
    // memory-mapped reads skip a copy per page.
    impl_->exec("PRAGMA cache_size = -131072");
    impl_->exec("PRAGMA mmap_size = 268435456");
    if (!options.readOnly) {
        // An import killed after dropping its deferred indexes left them missing.
        createMissingIndexes(impl_->db, file);
    }
    if (state == SchemaState::kCreated && options.installPresets) {
        for (const auto& preset : builtinTaskPresets()) {
            installPreset(preset, "sentinela");
        }
    }
}

Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

const std::filesystem::path& Workspace::file() const {
    return impl_->file;
}

int Workspace::schemaVersion() const {
    Statement s(impl_->db, impl_->file, "PRAGMA user_version");
    return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

std::vector<std::string> Workspace::checkIntegrity(bool full) {
    Statement s(impl_->db, impl_->file, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
    std::vector<std::string> problems;
    while (s.step()) {
        if (auto line = s.text(0); line != "ok") {
            problems.push_back(std::move(line));
        }
    }
    // The search index (FTS5's own check). FTS5 takes the command as an INSERT, which a read-only
    // connection refuses: reporting that refusal as damage would be false.
    if (full && !impl_->readOnly) {
        char* message = nullptr;
        if (sqlite3_exec(impl_->db, "INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')",
                         nullptr, nullptr, &message) != SQLITE_OK) {
            problems.push_back(std::string("search index: ") +
                               (message != nullptr ? message : "damaged"));
        }
        sqlite3_free(message);
    }
    if (full) {
        // The per-source counters (stats, page counts) against the posts themselves: both change
        // in insertPosts' one transaction, so a crash can never leave them apart.
        Statement counts(impl_->db, impl_->file,
                         "SELECT source, sum(counted), sum(recorded) FROM (SELECT source, count(*) "
                         "AS counted, 0 AS recorded FROM posts GROUP BY source UNION ALL SELECT "
                         "source, 0, posts FROM source_counts) GROUP BY source HAVING sum(counted) "
                         "<> sum(recorded)");
        while (counts.step()) {
            problems.push_back("source \"" + counts.text(0) + "\" holds " +
                               std::to_string(counts.int64(1)) + " posts but its counter says " +
                               std::to_string(counts.int64(2)));
        }
    }
    return problems;
}

void Workspace::audit(const std::string& analyst,
                      const std::string& action,
                      const std::string& detailsJson) {
    impl_->requireWritable();
    impl_->audit(analyst, action, detailsJson);
}

std::vector<Workspace::AuditEntry> Workspace::auditLog(int limit) {
    auto s = impl_->cached(
            "SELECT id, created_at, analyst, action, details FROM audit_log ORDER BY id DESC "
            "LIMIT ?");
    s.bind(1, limit);
    std::vector<AuditEntry> entries;
    while (s.step()) {
        entries.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    }
    return entries;
}

}  // namespace sentinela::storage
