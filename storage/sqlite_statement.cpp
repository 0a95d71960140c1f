#include "storage/sqlite_statement.h"

#include <string>

namespace sentinela::storage {

void throwSqlite(sqlite3* db, const std::filesystem::path& file, int code, std::string_view doing) {
    std::string problem = std::string(doing) + " failed: " +
                          (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code)) + ".";
    std::string remedy;
    const int primary = code & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        remedy = "Another program is writing to this workspace; wait for it to finish and retry.";
    } else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        remedy = "The file is damaged or not a workspace; restore it from a backup.";
    } else if (primary == SQLITE_FULL) {
        remedy = "The disk is full; free some space and retry.";
    } else if (primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN || primary == SQLITE_PERM) {
        remedy = "Check that the file and its folder exist and are writable.";
    }
    throw WorkspaceError(file, problem, remedy);
}

void execSql(sqlite3* db, const std::filesystem::path& file, const std::string& sql) {
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        throwSqlite(db, file, rc, "running \"" + sql.substr(0, 60) + "\"");
    }
}

Statement::Statement(sqlite3* db, const std::filesystem::path& file, std::string_view sql)
    : db_(db), file_(&file) {
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (rc != SQLITE_OK) {
        throwSqlite(db, file, rc, "preparing \"" + std::string(sql.substr(0, 80)) + "\"");
    }
    stmt_.reset(raw);
}

namespace {
void check(sqlite3* db, const std::filesystem::path* file, int rc) {
    if (rc != SQLITE_OK) {
        throwSqlite(db, *file, rc, "binding a value");
    }
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
    check(db_, file_, sqlite3_bind_int64(stmt_.get(), index, value));
    return *this;
}
Statement& Statement::bind(int index, double value) {
    check(db_, file_, sqlite3_bind_double(stmt_.get(), index, value));
    return *this;
}
Statement& Statement::bind(int index, std::string_view text) {
    // SQLITE_TRANSIENT: callers pass temporaries; SQLite copies (cheap next to the insert).
    check(db_, file_,
          sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8));
    return *this;
}
Statement& Statement::bindStatic(int index, std::string_view text) {
    check(db_, file_,
          sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_STATIC,
                              SQLITE_UTF8));
    return *this;
}
Statement& Statement::bindBlob(int index, const void* data, std::size_t bytes) {
    check(db_, file_, sqlite3_bind_blob64(stmt_.get(), index, data, bytes, SQLITE_TRANSIENT));
    return *this;
}
Statement& Statement::bindNull(int index) {
    check(db_, file_, sqlite3_bind_null(stmt_.get(), index));
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    const std::string sql = sqlite3_sql(stmt_.get());
    sqlite3_reset(stmt_.get());
    throwSqlite(db_, *file_, rc, "running \"" + sql.substr(0, 80) + "\"");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::text(int column) const {
    return std::string(textView(column));
}

std::string_view Statement::textView(int column) const {
    const auto* data = sqlite3_column_text(stmt_.get(), column);
    const int bytes = sqlite3_column_bytes(stmt_.get(), column);
    return data == nullptr ? std::string_view()
                           : std::string_view(reinterpret_cast<const char*>(data), bytes);
}

std::string Statement::blob(int column) const {
    return std::string(blobView(column));
}

std::string_view Statement::blobView(int column) const {
    const auto* data = sqlite3_column_blob(stmt_.get(), column);
    const int bytes = sqlite3_column_bytes(stmt_.get(), column);
    return data == nullptr ? std::string_view()
                           : std::string_view(static_cast<const char*>(data), bytes);
}

}  // namespace sentinela::storage
