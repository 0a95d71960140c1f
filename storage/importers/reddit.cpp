// Reddit dumps (Pushshift / Academic Torrents: one JSON object per line, usually .zst with a
// 2 GiB window). Comments carry `body`; submissions carry `title` and `selftext`. Bodies are
// HTML-escaped ("&amp;", "&gt;"). "[deleted]" and "[removed]" are what Reddit leaves when a
// user or a moderator took the text down: nothing to read, so they are skipped, not imported.
// Also reads the {"kind": "t1", "data": {...}} items of Reddit's own JSON listings.
#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

bool isRemoved(const std::string& text) {
    return text == "[deleted]" || text == "[removed]" || text == "[ Removed by Reddit ]" ||
           text == "[removed by reddit]";
}

// The string at `key`: "" when absent or null; nullopt when it holds another type.
std::optional<std::string> optionalString(const Json& record, const char* key) {
    auto it = record.find(key);
    if (it == record.end() || it->is_null()) {
        return std::string();
    }
    if (!it->is_string()) {
        return std::nullopt;
    }
    return it->get<std::string>();
}

class RedditMapper : public JsonMapper {
public:
    MapResult map(const Json& item, PostRecord& post, MapperEnv& env) override {
        const Json* data = findPath(item, "data");
        const Json& record = item.contains("kind") && data != nullptr ? *data : item;
        if (!record.is_object()) {
            return rejected("expected a JSON object, found " + describeType(record));
        }
        const bool comment = record.contains("body");
        const bool submission =
                !comment && (record.contains("title") || record.contains("selftext"));
        if (!comment && !submission) {
            if (record.contains("subreddit") || record.contains("id")) {
                return rejected("neither body (comment) nor title/selftext (submission)");
            }
            return {Outcome::kNotAnExport, "no body, title or selftext: not a Reddit dump"};
        }
        std::string text;
        if (comment) {
            auto body = optionalString(record, "body");
            if (!body) {
                return rejected("field body: expected a string, found " +
                                describeType(record["body"]));
            }
            if (isRemoved(*body)) {
                return skipped("deleted or removed");
            }
            text = std::move(*body);
        } else {
            auto title = optionalString(record, "title");
            auto selftext = optionalString(record, "selftext");
            if (!title || !selftext) {
                return rejected("fields title/selftext: expected strings");
            }
            // A removed self-text leaves the title, which is still the author's words.
            if (isRemoved(*selftext)) {
                selftext->clear();
            }
            if (isRemoved(*title) || (title->empty() && selftext->empty())) {
                return skipped("deleted or removed");
            }
            text = selftext->empty() ? *title : *title + "\n\n" + *selftext;
        }
        post.text = cleanText(decodeEntities(text), env.options.repairMojibake, env.report);
        if (post.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            return skipped("empty text");
        }
        // Reddit's "fullname": t1_ for comments, t3_ for submissions, unique across both.
        std::string name = firstScalar(record, {"name"});
        std::string id = firstScalar(record, {"id"});
        post.externalId = !name.empty() ? name : id.empty() ? "" : (comment ? "t1_" : "t3_") + id;
        post.author = firstScalar(record, {"author"});
        if (post.author == "[deleted]") {
            post.author.clear();
        }
        post.language = firstScalar(record, {"lang", "language"});
        setCreatedAt(findPath(record, "created_utc"), post, env);
        if (post.createdAt.empty()) {
            setCreatedAt(findPath(record, "created"), post, env);
        }
        return applyFieldOverrides(record, post, env);
    }
};

}  // namespace

std::unique_ptr<JsonMapper> makeRedditMapper(const ImportOptions&) {
    return std::make_unique<RedditMapper>();
}

}  // namespace sentinela::storage::importers
