// Internal: the posts indexes a bulk import may drop and build again afterwards. Inserting a
// million posts in file order fills the date and author indexes at random places, and every
// commit then rewrites most of their leaf pages; building them once after the import (a sort)
// is 3x cheaper. The de-duplication indexes are never dropped: the import needs them.
// A process killed mid-import leaves them missing; every writable open builds what is missing,
// so a workspace never stays without them. (A writable open while another process runs a bulk
// import builds them too: correct, the import is then only slower. Read-only opens, and the
// queries of other processes meanwhile, work without them: date and author filters scan.)
// Not thread-safe (one connection).
#pragma once

#include <cstdint>
#include <filesystem>
#include <sqlite3.h>

namespace sentinela::storage {

// Whether an import of about `expectedPosts` (0 = unknown) into a workspace holding
// `existingPosts` should drop the deferrable indexes: always for an empty workspace, otherwise
// when the import adds at least half as many posts as there are (rebuilding then costs less
// than inserting at random into the indexes).
bool shouldDeferIndexes(std::int64_t existingPosts, std::int64_t expectedPosts);

// Drops the deferrable indexes. Call inside a write transaction.
void dropDeferrableIndexes(sqlite3* db, const std::filesystem::path& file);

// Builds the deferrable indexes that are missing, each in its own write transaction (takes the
// write lock, so it waits for another process's import batch). Returns how many it built.
int createMissingIndexes(sqlite3* db, const std::filesystem::path& file);

}  // namespace sentinela::storage
