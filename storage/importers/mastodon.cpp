// Mastodon's outbox.json (from "Request your archive"): an ActivityPub OrderedCollection whose
// orderedItems are activities. "Create" wraps the post (object.content is HTML); "Announce" is
// a boost of someone else's post and carries no text of its own, so it is skipped and counted.
#include "storage/importers/html_text.h"
#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

class MastodonMapper : public JsonMapper {
public:
    MapResult map(const Json& activity, PostRecord& post, MapperEnv& env) override {
        if (!activity.is_object()) {
            return rejected("expected an activity object, found " + describeType(activity));
        }
        std::string type = firstScalar(activity, {"type"});
        if (type == "Announce") {
            return skipped("boost");
        }
        if (type.empty()) {
            return {Outcome::kNotAnExport, "orderedItems entry without an ActivityPub type"};
        }
        if (type != "Create") {
            return skipped("activity " + type);
        }
        const Json* object = findPath(activity, "object");
        if (object == nullptr || !object->is_object()) {
            return rejected("Create activity without an object");
        }
        const Json* content = findPath(*object, "content");
        if (content == nullptr || content->is_null()) {
            return skipped("no text");
        }
        if (!content->is_string()) {
            return rejected("field object.content: expected a string, found " +
                            describeType(*content));
        }
        post.text = cleanText(htmlToText(content->get_ref<const std::string&>()),
                              env.options.repairMojibake, env.report);
        // A content warning ("summary") is part of what the author wrote.
        std::string summary = firstScalar(*object, {"summary"});
        if (!summary.empty()) {
            post.text =
                    "CW: " + htmlToText(summary) + (post.text.empty() ? "" : "\n\n") + post.text;
        }
        if (post.text.empty()) {
            return skipped("no text");
        }
        post.externalId = firstScalar(*object, {"id", "url"});
        if (post.externalId.empty()) {
            post.externalId = firstScalar(activity, {"id"});
        }
        post.author = firstScalar(*object, {"attributedTo"});
        if (post.author.empty()) {
            post.author = firstScalar(activity, {"actor"});
        }
        const Json* contentMap = findPath(*object, "contentMap");
        if (contentMap != nullptr && contentMap->is_object() && !contentMap->empty()) {
            post.language = contentMap->begin().key();
        }
        const Json* published = findPath(*object, "published");
        setCreatedAt(published != nullptr ? published : findPath(activity, "published"), post, env);
        return applyFieldOverrides(activity, post, env);
    }
};

}  // namespace

std::unique_ptr<JsonMapper> makeMastodonMapper(const ImportOptions&) {
    return std::make_unique<MastodonMapper>();
}

}  // namespace sentinela::storage::importers
