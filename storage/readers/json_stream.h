// Streams the elements of JSON arrays inside a document of any size, element by element, in
// constant memory: a 2 GB `[...]` is never loaded whole. The caller names where the records are
// by dotted paths with "[]" for "any array element":
//   "[]"                          a top-level array (JSON array exports, tweets.js)
//   "orderedItems.[]"             Mastodon outbox.json
//   "chats.list.[].messages.[]"   Telegram's full export
// Each matching element comes back as its raw JSON text and the line it starts on, to be parsed
// by the caller (nlohmann); everything else is skimmed by a structural scanner that tracks only
// nesting, strings and keys. Scalars at "context" paths (e.g. a Telegram chat's "id", which
// precedes its messages) are remembered for the records that follow. Internal to storage/.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "storage/readers/input_buffer.h"

namespace sentinela::storage::readers {

struct JsonStreamOptions {
    std::vector<std::string> elementPaths;  // where the records are
    std::vector<std::string> contextPaths;  // scalars to remember, e.g. "id", "chats.list.[].id"
    bool skipScriptPrefix = false;  // X archives: skip "window.YTD.tweets.part0 = " before JSON
    std::size_t maxRecordBytes = std::size_t{64} << 20;  // a larger element is malformed
    bool recordPaths = false;  // remember the paths seen (up to depth 4), for format detection
};

class JsonValueStreamer {
public:
    JsonValueStreamer(InputBuffer& input, JsonStreamOptions options);

    // Next element at an element path: its raw JSON in `value`, its first line in `startLine`.
    // Returns true with `problem` set when the element is cut short (end of file) or too large.
    // Returns false at the end; `problem` is then set if the document ended abnormally (cut
    // short, or not JSON at that point), with `startLine` at the place.
    bool next(std::string& value, std::int64_t& startLine, std::string& problem);

    // Last scalar seen at a context path (raw JSON text, strings without their quotes), or "".
    std::string context(const std::string& path) const;
    // With recordPaths: every value path seen so far, e.g. "messages.[].text".
    const std::set<std::string>& seenPaths() const { return seenPaths_; }
    // True once a top-level value has started (the input is a JSON document at all).
    bool sawRoot() const { return rootSeen_; }
    // True if the root value is an array (for detection).
    bool rootIsArray() const { return rootIsArray_; }

private:
    struct Frame {
        bool array = false;
        bool expectKey = true;  // objects: a key (or '}') comes next
        std::string key;        // objects: the key of the value being read
    };

    std::string currentPath() const;
    // Copies one whole value (object, array, string or scalar) from the input into `out`.
    void captureValue(std::string& out, std::string& problem, std::size_t maxBytes);
    void valueDone();

    InputBuffer& in_;
    JsonStreamOptions options_;
    std::set<std::string> elementPaths_;
    std::set<std::string> contextPaths_;
    std::vector<Frame> stack_;
    bool expectValue_ = true;  // the next non-blank byte starts a value
    bool rootSeen_ = false;
    bool rootIsArray_ = false;
    bool finished_ = false;
    bool cutShort_ = false;
    std::size_t maxPatternDepth_ = 0;
    std::map<std::string, std::string> context_;
    std::set<std::string> seenPaths_;
};

}  // namespace sentinela::storage::readers
