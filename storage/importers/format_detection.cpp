#include "storage/importers/format_detection.h"

#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "storage/importers/whatsapp_line.h"
#include "storage/readers/byte_source.h"
#include "storage/readers/input_buffer.h"
#include "storage/readers/json_stream.h"

namespace sentinela::storage::importers {
namespace {

using Json = nlohmann::json;

const std::string kRemedy =
        "Sentinela reads CSV/TSV, JSON Lines, JSON arrays, X (API v2 and tweets.js), Reddit, "
        "Mastodon, Telegram, Facebook, Instagram and WhatsApp exports. Name the format and the "
        "text field if yours is one of them, e.g. --format csv --text-field body.";

class StringSource : public readers::ByteSource {
public:
    explicit StringSource(std::string_view text) : text_(text) {}
    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t n = std::min(size, text_.size() - offset_);
        std::copy_n(text_.data() + offset_, n, buffer);
        offset_ += n;
        return n;
    }
    std::int64_t rawBytesRead() const override { return static_cast<std::int64_t>(offset_); }

private:
    std::string_view text_;
    std::size_t offset_ = 0;
};

// Paths of the values seen in the first bytes of a JSON document.
std::set<std::string> jsonPaths(std::string_view prefix, bool& isArray) {
    readers::InputBuffer input(std::make_unique<StringSource>(prefix), 1 << 16);
    readers::JsonStreamOptions options;
    options.recordPaths = true;
    options.elementPaths = {"chats.list.[].messages.[]"};  // deepest path we need to see
    readers::JsonValueStreamer streamer(input, options);
    std::string value, problem;
    std::int64_t line = 0;
    for (int i = 0; i < 3 && streamer.next(value, line, problem);) {
        ++i;  // a couple of Telegram messages are enough; stop before reading the whole prefix
    }
    isArray = streamer.rootIsArray();
    return streamer.seenPaths();
}

// Names binary formats people pick by mistake; "" for anything else.
std::string binaryKind(std::string_view p) {
    struct Magic {
        std::string_view bytes, kind, remedy;
    };
    static const std::array<Magic, 7> kMagics = {{
            {"\x89PNG", "a PNG image", ""},
            {"\xFF\xD8\xFF", "a JPEG image", ""},
            {"GIF8", "a GIF image", ""},
            {"%PDF", "a PDF document", ""},
            {"PK\x03\x04", "a ZIP archive",
             "Unzip the export and import the file inside it (e.g. data/tweets.js, "
             "result.json, outbox.json or the chat .txt)."},
            {"SQLite format 3", "an SQLite database",
             "If it is a Sentinela workspace, open it with --workspace instead of importing it."},
            {"\x7F"
             "ELF",
             "a program", ""},
    }};
    for (const auto& m : kMagics) {
        if (p.substr(0, m.bytes.size()) == m.bytes) {
            return std::string(m.kind) + "\n" + std::string(m.remedy);
        }
    }
    int control = 0;
    for (char c : p.substr(0, 4096)) {
        auto u = static_cast<unsigned char>(c);
        control += (u < 0x20 && c != '\n' && c != '\r' && c != '\t') ? 1 : 0;
    }
    if (control > 0 && control * 100 > static_cast<int>(std::min<std::size_t>(p.size(), 4096))) {
        return "binary data\n";
    }
    return {};
}

DetectedFormat detected(ImportFormat format, std::string reason) {
    DetectedFormat d;
    d.format = format;
    d.reason = std::move(reason);
    return d;
}

DetectedFormat classifyJsonLine(const Json& first) {
    const Json* data = first.contains("data") ? &first["data"] : nullptr;
    const Json& tweet = data != nullptr && data->is_object() ? *data : first;
    if (first.contains("subreddit") || (first.contains("body") && first.contains("link_id")) ||
        (first.contains("selftext") && first.contains("title"))) {
        return detected(ImportFormat::kReddit, "JSON lines with Reddit fields (subreddit, body)");
    }
    if (tweet.contains("text") && tweet.contains("id") &&
        (tweet.contains("author_id") || tweet.contains("edit_history_tweet_ids") ||
         tweet.contains("note_tweet") || tweet.contains("conversation_id"))) {
        return detected(ImportFormat::kXApi, "JSON lines of X API v2 tweets (id, text, author_id)");
    }
    return detected(ImportFormat::kJsonLines, "one JSON object per line");
}

DetectedFormat classifyJsonDocument(std::string_view prefix, const std::string& name) {
    bool isArray = false;
    std::set<std::string> paths = jsonPaths(prefix, isArray);
    auto has = [&](const char* path) { return paths.count(path) > 0; };
    if (has("orderedItems.[]")) {
        return detected(ImportFormat::kMastodon, "an ActivityPub collection (orderedItems)");
    }
    if (has("chats.list.[].messages.[]") ||
        (has("messages.[]") && (has("messages.[].date_unixtime") || has("messages.[].from_id") ||
                                has("messages.[].text_entities") || has("messages.[].date")))) {
        return detected(ImportFormat::kTelegram, "a Telegram export (messages with dates)");
    }
    if (has("comments_v2.[]") || has("[].data.[].post") || has("[].data.[].comment")) {
        return detected(ImportFormat::kFacebook, "a Facebook export (data[].post / comments_v2)");
    }
    if (has("comments_media_comments.[]") || has("comments_reels_comments.[]") ||
        has("[].string_map_data") || has("[].media.[].creation_timestamp")) {
        return detected(ImportFormat::kInstagram, "an Instagram export (string_map_data / media)");
    }
    if (has("data.[].text") || has("data.[].note_tweet")) {
        return detected(ImportFormat::kXApi, "an X API v2 response (data[].text)");
    }
    if (has("[].tweet")) {
        return detected(ImportFormat::kXArchive, "X archive entries ({\"tweet\": ...})");
    }
    if (has("[].subreddit") || has("data.children.[]")) {
        return detected(ImportFormat::kReddit, "Reddit items (subreddit)");
    }
    if (isArray) {
        return detected(ImportFormat::kJsonArray, "a JSON array of records");
    }
    if (!guessRecordsPath(prefix).empty()) {
        return detected(ImportFormat::kJsonArray, "a JSON object holding an array of records (" +
                                                          guessRecordsPath(prefix) + ")");
    }
    std::string keys;
    for (const auto& p : paths) {
        if (!p.empty() && p.find('.') == std::string::npos) {
            keys += (keys.empty() ? "" : ", ") + p;
        }
    }
    throw ImportError({name, 1, ""},
                      "a JSON document with no recognisable posts (top-level fields: " +
                              (keys.empty() ? std::string("none") : keys) + ")",
                      "Say where the posts are and which field holds the text, e.g. --format "
                      "json --records-path items --text-field body.");
}

bool looksLikeWhatsApp(std::string_view prefix) {
    std::size_t pos = 0;
    int checked = 0;
    while (pos < prefix.size() && checked < 3) {
        std::size_t end = prefix.find('\n', pos);
        std::string_view line = prefix.substr(pos, end == std::string_view::npos ? end : end - pos);
        pos = end == std::string_view::npos ? prefix.size() : end + 1;
        if (line.find_first_not_of(" \r\t") == std::string_view::npos) {
            continue;
        }
        WhatsAppLine parsed;
        return parseWhatsAppLine(line, parsed);
    }
    return false;
}

}  // namespace

std::string guessRecordsPath(std::string_view prefix) {
    static const std::array<std::string_view, 12> kNames = {
            "data",   "items",    "posts",    "messages", "records", "results",
            "tweets", "statuses", "comments", "rows",     "entries", "documents"};
    bool isArray = false;
    std::set<std::string> paths = jsonPaths(prefix, isArray);
    if (isArray) {
        return {};
    }
    for (std::string_view name : kNames) {
        if (paths.count(std::string(name) + ".[]") > 0) {
            return std::string(name);
        }
    }
    return {};
}

DetectedFormat detectFromPrefix(std::string_view prefix, const std::string& name) {
    if (std::string kind = binaryKind(prefix); !kind.empty()) {
        std::size_t nl = kind.find('\n');
        std::string remedy = kind.substr(nl + 1);
        throw ImportError({name, 0, ""}, "not a post export: the file is " + kind.substr(0, nl),
                          remedy.empty() ? kRemedy : remedy);
    }
    std::size_t start = prefix.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) {
        throw ImportError({name, 1, ""}, "the file is empty", "Choose a file with posts.");
    }
    std::string_view body = prefix.substr(start);
    if (body.substr(0, 11) == "window.YTD.") {
        return detected(ImportFormat::kXArchive, "an X archive script (window.YTD...)");
    }
    if (body.front() == '{' || body.front() == '[') {
        std::size_t end = body.find('\n');
        Json first = Json::parse(body.substr(0, end), nullptr, false);
        bool hasMoreLines = end != std::string_view::npos &&
                            body.find_first_not_of(" \t\r\n", end) != std::string_view::npos;
        if (!first.is_discarded() && first.is_object()) {
            DetectedFormat line = classifyJsonLine(first);
            // A single line may also be a whole document ({"data": [...]} on one line).
            bool container = first.contains("orderedItems") || first.contains("messages") ||
                             (first.contains("data") && first["data"].is_array());
            if (!container || hasMoreLines) {
                if (line.format != ImportFormat::kJsonLines || !container) {
                    return line;
                }
            }
        }
        return classifyJsonDocument(body, name);
    }
    if (looksLikeWhatsApp(body)) {
        return detected(ImportFormat::kWhatsApp, "lines start with WhatsApp dates and authors");
    }
    return detected(ImportFormat::kCsv, "delimited text with a header row");
}

}  // namespace sentinela::storage::importers
