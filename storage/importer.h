// Streaming readers of social media post exports. One call opens any supported export (plain,
// gzip or zstd; a file or a std::istream such as stdin), detects its format unless told, and
// yields PostRecords in batches, in constant memory, with the 1-based line where each record
// starts. Used by the workspace import (storage/import_into_workspace.h), by `sentinela scan`
// (no workspace) and by the GUI import wizard (detectFormat, previewPosts, listFields).
//
//   ImportOptions options;                        // format auto-detected
//   auto reader = openPostReader("tweets.js", options);   // throws ImportError
//   std::vector<PostRecord> batch;
//   while (reader->nextBatch(batch, 1000) > 0) { ... }    // malformed records: reader->report()
//
// Bad records never throw: they are counted in the report (rejected, with line and reason; or
// skipped, for records that are not posts such as boosts and service messages). ImportError is
// thrown only when the input as a whole is not an export of posts, with a remedy to try.
//
// Thread-safety: a PostReader is used by one thread at a time; the free functions are
// thread-safe (they share nothing).
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import_report.h"
#include "storage/post_record.h"

namespace sentinela::storage {

enum class ImportFormat {
    kAuto,       // detect from the content (and the file name for WhatsApp chats)
    kCsv,        // CSV with a header row; delimiter sniffed (",", ";", tab, "|")
    kTsv,        // tab-separated with a header row
    kJsonLines,  // one JSON object per line, fields named by FieldMapping
    kJsonArray,  // a JSON array of objects (or FieldMapping::recordsPath inside an object)
    kXApi,       // X/Twitter API v2: JSONL, or {"data": [...]} responses
    kXArchive,   // the X personal archive's tweets.js ("window.YTD.tweets.part0 = [...]")
    kReddit,     // Pushshift comment and submission dumps (JSONL, often .zst)
    kMastodon,   // ActivityPub outbox.json from a Mastodon archive
    kTelegram,   // Telegram Desktop's result.json (one chat or the full export)
    kFacebook,   // Facebook "Download your information" JSON: posts and comments
    kInstagram,  // Instagram "Download your information" JSON: posts and comments
    kWhatsApp,   // WhatsApp "Export chat" .txt (pt-BR and en formats)
};

// Canonical names used by `--format` and in reports: "auto", "csv", "tsv", "jsonl", "json",
// "x-api", "x-archive", "reddit", "mastodon", "telegram", "facebook", "instagram", "whatsapp".
std::string_view formatName(ImportFormat format);
// Accepts the canonical names and a few aliases ("twitter", "ndjson", "tweets.js"); nullopt if
// unknown.
std::optional<ImportFormat> parseFormatName(std::string_view name);
// Every format but kAuto, in the order above (for help texts and the GUI's format list).
std::vector<ImportFormat> allFormats();

// Which field of a record holds what. Empty = the format's default (presets know their fields;
// CSV and generic JSON guess from common names such as text/body/content/texto). JSON fields are
// dotted paths ("user.screen_name", "data.0.post"); CSV fields are column names (or 1-based
// column numbers "3" when the file has no header, see ImportOptions::csvHasHeader).
struct FieldMapping {
    std::string text;
    std::string id;
    std::string author;
    std::string createdAt;
    std::string label;  // never guessed: name it to import labels (PostRecord::label)
    std::string language;
    std::string recordsPath;  // JSON: where the records are, e.g. "data" or "messages"
};

struct ImportOptions {
    ImportFormat format = ImportFormat::kAuto;
    FieldMapping fields;
    char csvDelimiter = 0;     // 0 = sniff (CSV); ignored by other formats
    bool csvHasHeader = true;  // false: columns are named "1", "2", ...
    std::string source;        // overrides PostRecord::source (default: by format)
    // Dates without a zone (WhatsApp, Telegram's "date", CSV columns) are local times this many
    // minutes ahead of UTC; e.g. -180 for Brasília. Converted to UTC in createdAt.
    int localUtcOffsetMinutes = 0;
    // Dates written with slashes (WhatsApp chats, spreadsheet columns): day first
    // (12/03/2024 = 12 March, pt-BR) or month first (3/12/24 = 12 March, US). nullopt = decide:
    // WhatsApp from the file (a first number above 12, or AM/PM times mean US order); other
    // formats day first unless the value rules it out (a second number above 12).
    std::optional<bool> dayFirstDates;
    bool repairMojibake = true;  // "nÃ£o" -> "não" in texts (always done for Facebook/Instagram)
    bool keepRaw = true;         // PostRecord::raw holds the original record (provenance)
    std::size_t maxRejectedKept = 100;  // ImportReport::rejectedLines keeps this many
};

struct DetectedFormat {
    ImportFormat format = ImportFormat::kAuto;
    std::string compression = "none";  // "none", "gzip", "zstd"
    std::string reason;  // why, for the wizard: "lines are JSON objects with subreddit"
};

// Reads an export record by record. Created by openPostReader.
class PostReader {
public:
    virtual ~PostReader() = default;

    // Clears `batch` and fills it with up to `maxPosts` posts; returns how many (0 = end of
    // input). Records that are not posts or are malformed go to report(), not into the batch.
    // Throws ImportError only if the input becomes unreadable (corrupt compressed data, I/O).
    virtual std::size_t nextBatch(std::vector<PostRecord>& batch, std::size_t maxPosts) = 0;

    // Counts so far (read, posts, skipped, rejected, bytes). imported/duplicates stay 0 here:
    // the workspace glue fills them.
    virtual ImportReport& report() = 0;
    virtual ImportFormat format() const = 0;
    // Compressed bytes consumed so far and the input size (0 when unknown, e.g. stdin).
    virtual std::int64_t bytesRead() const = 0;
    virtual std::int64_t totalBytes() const = 0;
};

// Opens `file` (plain, .gz or .zst — detected by magic bytes, not by name). With
// options.format == kAuto the format is detected from the first 256 KiB. Throws ImportError
// when the file cannot be opened or is not a post export, with a remedy such as
// "Try --format csv --text-field body".
std::unique_ptr<PostReader> openPostReader(const std::filesystem::path& file,
                                           const ImportOptions& options);
// Byte-range input splits, as Hadoop's: split `index` of `count` covers bytes
// [index * size / count, (index + 1) * size / count) of the file and reads every record that
// STARTS in it (a split other than the first skips to the first record boundary after its start
// and reads past its end to finish its last record), so `count` jobs read the file once in total
// and each record lands in exactly one split. Format detection and the CSV header come from the
// file's start, as in a whole-file read. Splittable: JSON Lines (one record per line) and CSV/TSV
// (quoted newlines included: readers/record_boundary.h says how a boundary is found). Line
// numbers count from the split's first byte except in split 0 (ImportReport::split says how to
// turn them into the file's). Throws ImportError, recommending hash sharding instead, for a
// compressed file, a pipe or device, or a format that cannot be split (JSON documents, WhatsApp).
struct InputSplit {
    std::uint64_t index = 0, count = 1;
};
std::unique_ptr<PostReader> openPostReader(const std::filesystem::path& file,
                                           const ImportOptions& options,
                                           InputSplit split);

// The same over a stream (stdin). `name` is used in reports and errors. The stream is borrowed
// and must outlive the reader.
std::unique_ptr<PostReader> openPostReader(std::istream& stream,
                                           const ImportOptions& options,
                                           const std::string& name = "<stdin>");

// Detects the format of a file from its first bytes (after decompression). Throws ImportError
// if it is not a post export, naming what it seems to be instead (PNG, ZIP, binary...).
DetectedFormat detectFormat(const std::filesystem::path& file);

// The first `count` posts with the given options, for the import wizard's preview. Records that
// are not posts are left out; see the returned report for them.
std::vector<PostRecord> previewPosts(const std::filesystem::path& file,
                                     const ImportOptions& options,
                                     std::size_t count,
                                     ImportReport* report = nullptr);

// The fields the wizard can map: CSV column names in order, or the dotted paths of the scalar
// fields of the first `sampleRecords` JSON records ("id", "user.screen_name", ...), sorted.
// WhatsApp chats have the fixed fields "date", "author", "text".
std::vector<std::string> listFields(const std::filesystem::path& file,
                                    const ImportOptions& options,
                                    std::size_t sampleRecords = 20);

}  // namespace sentinela::storage
