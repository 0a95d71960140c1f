// Internal: the state behind a Workspace (one sqlite3 connection, cached statements, cached task
// schemas) shared by the workspace_*.cpp files. Not thread-safe, like Workspace.
#pragma once

#include <filesystem>
#include <map>
#include <sqlite3.h>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite_statement.h"
#include "storage/task_schema.h"
#include "storage/workspace.h"

namespace sentinela::storage {

struct Workspace::Impl {
    std::filesystem::path file;
    sqlite3* db = nullptr;
    bool readOnly = false;
    std::map<std::string, Statement, std::less<>> statements;
    std::map<std::string, TaskSchema, std::less<>> taskCache;  // by name

    ~Impl();

    // A statement prepared once per connection, reset and unbound, ready to bind.
    StatementLease cached(std::string_view sql);
    void exec(std::string_view sql);
    std::int64_t lastInsertId() const { return sqlite3_last_insert_rowid(db); }

    // The task or a WorkspaceError naming the tasks that exist.
    const TaskSchema& requireTask(std::string_view name);
    const TaskSchema* findTask(std::string_view name);
    const TaskSchema& taskById(std::int64_t id);
    void forgetTasks() { taskCache.clear(); }
    // Label index in the task or a WorkspaceError listing the task's labels.
    int requireLabel(const TaskSchema& task, std::string_view label);
    // The model id used for a task's prediction filters: by name, else the active model, else
    // the newest; 0 when the task has no model.
    std::int64_t resolveModel(const TaskSchema& task, std::string_view modelName);

    void audit(std::string_view analyst, std::string_view action, std::string_view detailsJson);
    [[noreturn]] void fail(const std::string& problem, const std::string& remedy = {}) const;
    void requireWritable() const;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit(). IMMEDIATE takes the
// write lock up front, so the busy timeout applies instead of a deadlock error on upgrade.
class Transaction {
public:
    explicit Transaction(Workspace::Impl& impl);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Workspace::Impl& impl_;
    bool open_ = false;
};

// Current time as ISO 8601 UTC with milliseconds, "2024-03-01T12:00:00.123Z".
std::string nowIso();

}  // namespace sentinela::storage
