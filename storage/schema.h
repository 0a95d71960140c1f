// Internal: the workspace schema and its migrations, keyed by PRAGMA user_version, and the
// application_id check that refuses foreign SQLite files. Not thread-safe.
#pragma once

#include <filesystem>
#include <sqlite3.h>

namespace sentinela::storage {

enum class SchemaState { kCreated, kMigrated, kCurrent };

// Checks the file's magic and version and migrates it to Workspace::kSchemaVersion, each step in
// its own transaction. readOnly refuses anything but a current schema. Throws WorkspaceError.
SchemaState prepareSchema(sqlite3* db, const std::filesystem::path& file, bool readOnly);

}  // namespace sentinela::storage
