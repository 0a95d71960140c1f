// One post as read from an export, before it enters a workspace. A plain value type: the
// importers fill it, Workspace::insertPosts stores it. Thread-safe as any value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sentinela::storage {

struct PostRecord {
    std::string source;      // "x", "reddit", "mastodon", "telegram", "facebook", "instagram",
                             // "whatsapp", "csv", "jsonl"...
    std::string externalId;  // id in the source platform; empty if none (then dedup is by
                             // content hash)
    std::string author;
    std::string createdAt;  // ISO 8601 UTC "2024-03-01T12:00:00Z", empty if unknown
    std::string text;
    std::string language;              // BCP 47 or empty
    std::string raw;                   // original record, for provenance
    std::optional<std::string> label;  // from a label column/field, if mapped
    std::int64_t line = 0;             // 1-based position in the file
};

}  // namespace sentinela::storage
