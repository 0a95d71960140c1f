// What an import did, and the one error that stops it. ImportReport counts every record read from
// an export (imported, duplicate, skipped as not a post, rejected as malformed) and keeps the first
// rejected records with their line and reason, so nothing is dropped silently. ImportError is
// thrown only when the file as a whole cannot be read as posts (not an export, unreadable, wrong
// format); a bad record in a good file is a report entry, never an exception. Thread-safety: plain
// values; no shared state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace sentinela::storage {

// Where in the input a problem is: file, 1-based line (0 = unknown) and field (may be empty).
struct InputPosition {
    std::filesystem::path file;
    std::int64_t line = 0;
    std::string field;
};

// The file cannot be imported at all. what() reads like
// "export.bin:1: not a post export: the file starts with PNG image bytes.
//  Try a .csv, .jsonl or .json export, or --format csv --text-field body."
class ImportError : public std::runtime_error {
public:
    ImportError(InputPosition where, std::string problem, std::string remedy);
    const InputPosition& where() const { return where_; }
    const std::string& problem() const { return problem_; }
    const std::string& remedy() const { return remedy_; }

private:
    InputPosition where_;
    std::string problem_;
    std::string remedy_;
};

struct RejectedRecord {
    std::int64_t line = 0;  // 1-based line where the record starts
    std::string reason;     // "field created_at: expected a string, found an object"
};

// The byte range a split reader covered (importer.h, InputSplit): records starting in
// [firstByte, endByte) of the file. Its line numbers count from firstLine at firstByte: the real
// line for split 0, else 1, because the lines before firstByte are never read. `lines` line ends
// lie in the range, so split I+1's firstByte is on real line (split I's real first line + lines).
struct SplitRange {
    std::uint64_t index = 0, count = 1;
    std::int64_t firstByte = 0, endByte = 0;
    std::int64_t firstLine = 1, lines = 0;
};

struct ImportReport {
    std::string file;                  // as given by the caller ("-" or "<stdin>" for a stream)
    std::string format;                // canonical format name, e.g. "reddit" (see importer.h)
    std::string compression = "none";  // "none", "gzip" or "zstd"

    std::int64_t read = 0;        // records read = posts + skipped + rejected
    std::int64_t posts = 0;       // records that are posts (handed to the workspace or the scanner)
    std::int64_t imported = 0;    // posts newly stored (set by the workspace glue)
    std::int64_t duplicates = 0;  // posts already in the workspace (set by the workspace glue)
    std::int64_t skipped = 0;     // records that are not posts: boosts, service messages, [deleted]
    std::int64_t rejected = 0;    // malformed records, skipped with a reason
    std::map<std::string, std::int64_t> skippedByReason;  // "boost" -> 12, "service message" -> 3

    std::int64_t labeled = 0;  // posts whose label was applied to the label task
    // Labels the task does not know: the post is imported without it (line, reason).
    std::vector<RejectedRecord> labelProblems;
    std::int64_t labelProblemCount = 0;

    std::int64_t datesNotUnderstood = 0;  // posts kept without createdAt: unreadable date value
    std::int64_t textRepaired = 0;        // texts whose encoding was repaired (mojibake, bad bytes)

    std::int64_t bytesRead = 0;   // bytes of the (possibly compressed) input consumed
    std::int64_t totalBytes = 0;  // size of the input file; 0 when unknown (stdin)
    bool cancelled = false;       // stopped through the stop_token before the end
    double seconds = 0.0;         // wall time of the import, set by the workspace glue
    // The search index was built on a thread beside the inserts (an import into an empty
    // workspace, storage/search_index_build.h) rather than after them. For diagnostics and tests.
    bool searchIndexBuiltAlongside = false;

    std::optional<SplitRange> split;  // set when only a byte range of the file was read

    std::size_t maxRejectedKept = 100;          // rejectedLines keeps at most this many
    std::vector<RejectedRecord> rejectedLines;  // the first maxRejectedKept rejected records

    void addRejected(std::int64_t line, std::string reason);
    void addSkipped(const std::string& reason);

    // One JSON object with every field above, for `--json` output and the import history.
    std::string toJson() const;
    // A few human lines: "read 1200, imported 1180, duplicates 10, skipped 8, rejected 2 ...".
    std::string summary() const;
};

}  // namespace sentinela::storage
