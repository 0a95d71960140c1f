// X/Twitter API v2 tweets: one per line (as collected by twarc2 or the filtered stream, where a
// line may also be {"data": {...}, "includes": ...}) or the "data" array of a search response.
// Long posts keep their full text in note_tweet.text (text holds only the first 280 characters);
// the API escapes &, < and > as HTML entities.
#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

class XApiMapper : public JsonMapper {
public:
    MapResult map(const Json& wrapper, PostRecord& post, MapperEnv& env) override {
        if (!wrapper.is_object()) {
            return rejected("expected a tweet object, found " + describeType(wrapper));
        }
        const Json* data = findPath(wrapper, "data");
        const Json& tweet = data != nullptr && data->is_object() ? *data : wrapper;
        const Json* text = findPath(tweet, "note_tweet.text");
        if (text == nullptr || !text->is_string()) {
            text = findPath(tweet, "text");
        }
        if (text == nullptr) {
            if (tweet.contains("id") || tweet.contains("errors")) {
                return rejected("tweet without a text field");
            }
            return {Outcome::kNotAnExport, "not a tweet: no id and no text"};
        }
        if (!text->is_string()) {
            return rejected("field text: expected a string, found " + describeType(*text));
        }
        post.text = cleanText(decodeEntities(text->get_ref<const std::string&>()),
                              env.options.repairMojibake, env.report);
        if (post.text.empty()) {
            return skipped("empty text");
        }
        post.externalId = firstScalar(tweet, {"id", "id_str"});
        post.author = firstScalar(tweet, {"author_id", "user.id_str", "user.screen_name"});
        post.language = firstScalar(tweet, {"lang"});
        if (post.language == "und" || post.language == "zxx" || post.language == "qme") {
            post.language.clear();  // X's "undetermined" and media-only codes are not languages
        }
        setCreatedAt(findPath(tweet, "created_at"), post, env);
        return applyFieldOverrides(tweet, post, env);
    }
};
}  // namespace

std::unique_ptr<JsonMapper> makeXApiMapper(const ImportOptions&) {
    return std::make_unique<XApiMapper>();
}

}  // namespace sentinela::storage::importers
