// The X personal archive's data/tweets.js: JavaScript, not JSON. It starts with
// "window.YTD.tweets.part0 = [" (the JSON stream reader skips that prefix), and each entry is
// {"tweet": {"id_str": "...", "full_text": "...", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
// "lang": "pt", ...}} with numbers written as strings and &, <, > as HTML entities.
#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

class XArchiveMapper : public JsonMapper {
public:
    MapResult map(const Json& entry, PostRecord& post, MapperEnv& env) override {
        // Entries are {"tweet": {...}}; very old archives have the tweet itself.
        const Json* wrapped = findPath(entry, "tweet");
        const Json& tweet = wrapped != nullptr && wrapped->is_object() ? *wrapped : entry;
        if (!tweet.is_object()) {
            return rejected("expected a tweet object, found " + describeType(tweet));
        }
        const Json* text = findPath(tweet, "full_text");
        if (text == nullptr) {
            text = findPath(tweet, "text");
        }
        if (text == nullptr) {
            return tweet.contains("id_str")
                           ? rejected("tweet without full_text")
                           : MapResult{Outcome::kNotAnExport, "no tweet.full_text in the entry"};
        }
        if (!text->is_string()) {
            return rejected("field tweet.full_text: expected a string, found " +
                            describeType(*text));
        }
        post.text = cleanText(decodeEntities(text->get_ref<const std::string&>()),
                              env.options.repairMojibake, env.report);
        if (post.text.empty()) {
            return skipped("empty text");
        }
        // Numbers are strings in the archive ("id_str": "1050118621198921728").
        post.externalId = firstScalar(tweet, {"id_str", "id"});
        post.author = firstScalar(tweet, {"user_id_str", "user.screen_name"});
        post.language = firstScalar(tweet, {"lang"});
        if (post.language == "und" || post.language == "zxx" || post.language == "qme") {
            post.language.clear();
        }
        setCreatedAt(findPath(tweet, "created_at"), post, env);
        return applyFieldOverrides(tweet, post, env);
    }
};

}  // namespace

std::unique_ptr<JsonMapper> makeXArchiveMapper(const ImportOptions&) {
    return std::make_unique<XArchiveMapper>();
}

}  // namespace sentinela::storage::importers
