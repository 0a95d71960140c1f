// Runs SQL on a workspace file through a connection of the test's own, behind the Workspace's
// back: for setting up states the library never writes itself (damage, an unfinished import).
// Header-only so that only the tests that use it link SQLite.
#pragma once

#include <filesystem>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <string>

namespace sentinela::testing {

inline void runSql(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
}

}  // namespace sentinela::testing
