#include "storage/bulk_indexes.h"

#include <string>

#include "storage/sqlite_statement.h"

namespace sentinela::storage {
namespace {

struct DeferrableIndex {
    const char* name;
    const char* create;  // the latest schema's definition (schema.cpp, v2); keep them equal
};
constexpr DeferrableIndex kDeferrable[] = {
        {"posts_created", "CREATE INDEX IF NOT EXISTS posts_created ON posts(created_at, source)"},
        {"posts_author", "CREATE INDEX IF NOT EXISTS posts_author ON posts(author, created_at)"},
};

void exec(sqlite3* db, const std::filesystem::path& file, const std::string& sql) {
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        throwSqlite(db, file, rc, "running \"" + sql.substr(0, 60) + "\"");
    }
}

bool indexExists(sqlite3* db, const std::filesystem::path& file, const char* name) {
    Statement s(db, file, "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?");
    s.bind(1, std::string_view(name));
    return s.step();
}

}  // namespace

bool shouldDeferIndexes(std::int64_t existingPosts, std::int64_t expectedPosts) {
    return existingPosts == 0 || expectedPosts * 2 >= existingPosts;
}

void dropDeferrableIndexes(sqlite3* db, const std::filesystem::path& file) {
    for (const auto& index : kDeferrable) {
        exec(db, file, std::string("DROP INDEX IF EXISTS ") + index.name);
    }
}

int createMissingIndexes(sqlite3* db, const std::filesystem::path& file) {
    int built = 0;
    for (const auto& index : kDeferrable) {
        if (indexExists(db, file, index.name)) {
            continue;  // the common case: no write lock taken
        }
        exec(db, file, "BEGIN IMMEDIATE");
        try {
            exec(db, file, index.create);  // IF NOT EXISTS: another process may have built it
            exec(db, file, "COMMIT");
        } catch (...) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        ++built;
    }
    return built;
}

}  // namespace sentinela::storage
