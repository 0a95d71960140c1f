// Format auto-detection from the first bytes of an export (after decompression): binary files
// are named and refused, JSON is classified by its fields (Reddit's subreddit, Mastodon's
// orderedItems, Telegram's messages...), then WhatsApp's dated lines, then CSV. Internal.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "storage/importer.h"

namespace sentinela::storage::importers {

// `prefix`: the first bytes (BOM already dropped); `name`: the file name for messages.
// Throws ImportError when the bytes are not a post export, naming what they look like.
DetectedFormat detectFromPrefix(std::string_view prefix, const std::string& name);

// For a JSON document whose root is an object: the key of its first array of objects with a
// common records name (data, items, posts, messages, ...), or "" if none is in the prefix.
std::string guessRecordsPath(std::string_view prefix);

}  // namespace sentinela::storage::importers
