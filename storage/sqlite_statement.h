// Internal: thin RAII over sqlite3 handles with typed binding and column access, errors turned
// into WorkspaceError naming the workspace file. Not thread-safe (one connection, one thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <sqlite3.h>
#include <string>
#include <string_view>

#include "storage/workspace_error.h"

namespace sentinela::storage {

// Throws WorkspaceError for a failed SQLite call on `db`, saying what we were doing.
[[noreturn]] void throwSqlite(sqlite3* db,
                              const std::filesystem::path& file,
                              int code,
                              std::string_view doing);

// Runs SQL without result rows (pragmas, DDL, BEGIN/COMMIT); throws WorkspaceError quoting it.
void execSql(sqlite3* db, const std::filesystem::path& file, const std::string& sql);

class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, const std::filesystem::path& file, std::string_view sql);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    // Binds without a copy: `text` must stay valid and unchanged until the statement is reset
    // or the parameter rebound (the hot insert loops bind fields of records they hold).
    Statement& bindStatic(int index, std::string_view text);
    Statement& bindBlob(int index, const void* data, std::size_t bytes);
    Statement& bindNull(int index);

    // Steps once: true when a row is ready, false when done. Throws on error.
    bool step();
    // Steps to completion (for statements without result rows).
    void run();
    // Resets to run again and clears the bindings.
    void reset();

    std::int64_t int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
    double real(int column) const { return sqlite3_column_double(stmt_.get(), column); }
    bool isNull(int column) const {
        return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
    }
    std::string text(int column) const;
    std::string_view textView(int column) const;  // valid until the next step/reset
    std::string blob(int column) const;
    std::string_view blobView(int column) const;  // valid until the next step/reset

    sqlite3_stmt* get() const { return stmt_.get(); }

private:
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
    sqlite3* db_ = nullptr;
    const std::filesystem::path* file_ = nullptr;
};

// A borrowed cached Statement that is reset when the lease ends, so no statement keeps a read
// snapshot open between calls (in WAL mode that would hide other processes' commits and stall
// checkpoints).
class StatementLease {
public:
    explicit StatementLease(Statement& statement) : s_(&statement) {}
    ~StatementLease() {
        if (s_ != nullptr) {
            sqlite3_reset(s_->get());
        }
    }
    StatementLease(StatementLease&& other) noexcept : s_(other.s_) { other.s_ = nullptr; }
    StatementLease(const StatementLease&) = delete;
    StatementLease& operator=(const StatementLease&) = delete;
    StatementLease& operator=(StatementLease&&) = delete;

    template <typename T>
    StatementLease& bind(int index, const T& value) {
        s_->bind(index, value);
        return *this;
    }
    StatementLease& bindStatic(int index, std::string_view text) {
        s_->bindStatic(index, text);
        return *this;
    }
    StatementLease& bindBlob(int index, const void* data, std::size_t bytes) {
        s_->bindBlob(index, data, bytes);
        return *this;
    }
    StatementLease& bindNull(int index) {
        s_->bindNull(index);
        return *this;
    }
    bool step() { return s_->step(); }
    void run() { s_->run(); }
    void reset() { s_->reset(); }
    std::int64_t int64(int column) const { return s_->int64(column); }
    double real(int column) const { return s_->real(column); }
    bool isNull(int column) const { return s_->isNull(column); }
    std::string text(int column) const { return s_->text(column); }
    std::string_view textView(int column) const { return s_->textView(column); }
    std::string blob(int column) const { return s_->blob(column); }
    std::string_view blobView(int column) const { return s_->blobView(column); }
    sqlite3_stmt* get() const { return s_->get(); }

private:
    Statement* s_;
};

}  // namespace sentinela::storage
