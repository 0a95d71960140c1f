// Internal: the raw records of imported posts, stored zstd-compressed in blocks (schema v5).
//
// Why: the raw record (the whole original JSON line or CSV row, kept for provenance) was ~45 %
// of a workspace's bytes and one B-tree insert per post; records of one export share their keys
// and structure, so a block of 1,024 compresses ~7x where a single record barely shrinks. A
// block covers consecutive post ids (an import's batch gets consecutive ids): per id, the size
// of its record (0 = none) as a varint, then the records back to back in one zstd frame. Reading
// one record decompresses its block (~300 KB, well under a millisecond); records are read one
// at a time (post details, `sentinela show`), never in bulk.
// Records written before v5 stay in post_raw, one row each; Workspace::rawRecord reads both.
// Not thread-safe (one connection).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "storage/sqlite_statement.h"

namespace sentinela::storage {

inline constexpr std::int64_t kPostsPerRawBlock = 1024;

// (post id, record) pairs in ascending id order, records not empty.
using RawRecords = std::span<const std::pair<std::int64_t, std::string_view>>;

// Appends `records` as blocks with `insert`, a prepared
// "INSERT INTO post_raw_blocks(first_post_id, last_post_id, sizes, records) VALUES (?,?,?,?)".
void writeRawBlocks(StatementLease& insert, RawRecords records);

// The record of `postId` inside a block row (first post id, sizes, compressed records), or
// nullopt when the block has none for it. Throws std::runtime_error for a damaged block (the
// caller turns it into a WorkspaceError naming the file).
std::optional<std::string> recordInRawBlock(std::int64_t postId,
                                            std::int64_t firstPostId,
                                            std::string_view sizes,
                                            std::string_view compressed);

}  // namespace sentinela::storage
