// Streams an export into a workspace: opens a PostReader (storage/importer.h), records an import
// batch, and inserts posts batch by batch, each batch one transaction. Re-running an import is
// safe: the workspace skips posts it already holds (same source and external id, or same
// content when there is no id) and counts them as duplicates. A process killed mid-import leaves
// every committed batch in place; running the same import again completes it.
// Cancelling through the stop_token ends after the current batch and marks the import batch
// "cancelled". Progress is reported after every batch, on the caller's thread.
// Thread-safety: writes with the caller's Workspace on the caller's thread; the export is parsed
// on a helper thread started and joined inside the call (so parsing overlaps writing), and the
// search index of an import into an empty workspace is built on a third one, with a connection
// of its own (storage/search_index_build.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <stop_token>
#include <string>

#include "storage/import_report.h"
#include "storage/importer.h"

namespace sentinela::storage {

class Workspace;

struct ImportProgress {
    std::int64_t bytesRead = 0;   // of the input file (compressed bytes for .gz / .zst)
    std::int64_t totalBytes = 0;  // 0 when unknown (a stream)
    std::int64_t postsRead = 0;
    std::int64_t imported = 0;
    std::int64_t duplicates = 0;
};
using ImportProgressCallback = std::function<void(const ImportProgress&)>;

struct WorkspaceImportOptions {
    ImportOptions reader;          // format, field mapping, ...
    std::string labelTask;         // task that receives PostRecord::label; empty = none
    std::size_t batchSize = 5000;  // posts per transaction
};

// Imports `file` and returns the full report (imported and duplicates filled in). Throws
// ImportError when the file is not a post export (nothing is recorded then) or becomes
// unreadable mid-way (the batches before stay, the import is finished with the error), and
// WorkspaceError for workspace failures.
ImportReport importIntoWorkspace(Workspace& workspace,
                                 const std::filesystem::path& file,
                                 const WorkspaceImportOptions& options,
                                 std::stop_token stop = {},
                                 const ImportProgressCallback& progress = {});

// The same from a stream (stdin); `name` is recorded as the import's file.
ImportReport importIntoWorkspace(Workspace& workspace,
                                 std::istream& stream,
                                 const std::string& name,
                                 const WorkspaceImportOptions& options,
                                 std::stop_token stop = {},
                                 const ImportProgressCallback& progress = {});

}  // namespace sentinela::storage
