// Internal: the workspace schema and its migrations, keyed by PRAGMA user_version, and the
// application_id check that refuses foreign SQLite files. Not thread-safe.
#pragma once

#include <filesystem>
#include <sqlite3.h>

namespace sentinela::storage {

// Same as Workspace::kSchemaVersion (kept here so this header needs no workspace.h).
inline constexpr int kCurrentSchemaVersion = 5;

enum class SchemaState { kCreated, kMigrated, kCurrent };

// Checks the file's magic and version and migrates it to targetVersion, each step in its own
// transaction. readOnly refuses anything but a current schema. Throws WorkspaceError. Tests pass
// an older targetVersion to build files as older Sentinela versions wrote them.
SchemaState prepareSchema(sqlite3* db,
                          const std::filesystem::path& file,
                          bool readOnly,
                          int targetVersion = kCurrentSchemaVersion);

}  // namespace sentinela::storage
