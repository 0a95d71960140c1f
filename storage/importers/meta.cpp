// Facebook and Instagram "Download your information" JSON (Meta's shared export format):
//   Facebook posts      [{"timestamp": 1710252309, "data": [{"post": "texto"}], "title": ...}]
//   Facebook comments   {"comments_v2": [{"data": [{"comment": {"comment": "...",
//                        "author": "...", "timestamp": ...}}]}]}
//   Instagram comments  [{"string_map_data": {"Comment": {"value": "..."}, "Time":
//                        {"timestamp": ...}}}] (also under comments_media_comments)
//   Instagram posts     [{"media": [{"title": "legenda", "creation_timestamp": ...}]}]
// Meta writes every UTF-8 byte as its own \u00XX escape, so a parsed "não" reads "nÃ£o"; the
// exact fix is to take those code points back as bytes (undoLatin1Escapes), applied to every
// string taken from the record. Posts carry no id: de-duplication is by content.
#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

std::string metaString(const Json* value) {
    if (value == nullptr || !value->is_string()) {
        return {};
    }
    return undoLatin1Escapes(value->get_ref<const std::string&>());
}

struct Found {
    std::string text, author;
    const Json* time = nullptr;
};

// Facebook: the first data[] entry holding a post or a comment.
void readFacebook(const Json& record, Found& found) {
    const Json* data = findPath(record, "data");
    if (data == nullptr || !data->is_array()) {
        return;
    }
    for (const Json& entry : *data) {
        if (const Json* p = findPath(entry, "post"); p != nullptr && p->is_string()) {
            found.text = metaString(p);
            return;
        }
        if (const Json* c = findPath(entry, "comment"); c != nullptr && c->is_object()) {
            found.text = metaString(findPath(*c, "comment"));
            found.author = metaString(findPath(*c, "author"));
            found.time = findPath(*c, "timestamp");
            return;
        }
    }
}

// Instagram: string_map_data's "Comment" (the key is localised in some exports: first value
// otherwise) or the caption of a post.
void readInstagram(const Json& record, Found& found) {
    if (const Json* map = findPath(record, "string_map_data"); map != nullptr && map->is_object()) {
        const Json* comment = findPath(*map, "Comment.value");
        for (auto it = map->begin(); comment == nullptr && it != map->end(); ++it) {
            comment = it->contains("value") ? &(*it)["value"] : nullptr;
        }
        found.text = metaString(comment);
        found.time = findPath(*map, "Time.timestamp");
        for (auto it = map->begin(); found.time == nullptr && it != map->end(); ++it) {
            found.time = it->contains("timestamp") ? &(*it)["timestamp"] : nullptr;
        }
        return;
    }
    found.text = metaString(findPath(record, "title"));
    found.time = findPath(record, "creation_timestamp");
    if (const Json* media = findPath(record, "media.0"); media != nullptr && found.text.empty()) {
        found.text = metaString(findPath(*media, "title"));
        found.time = findPath(*media, "creation_timestamp");
    }
}

class MetaMapper : public JsonMapper {
public:
    MapResult map(const Json& record, PostRecord& post, MapperEnv& env) override {
        if (!record.is_object()) {
            return rejected("expected an object, found " + describeType(record));
        }
        Found found;
        const bool facebookShape = record.contains("data") || record.contains("timestamp");
        const bool instagramShape = record.contains("string_map_data") || record.contains("media");
        if (facebookShape) {
            readFacebook(record, found);
        } else if (instagramShape) {
            readInstagram(record, found);
        } else {
            return {Outcome::kNotAnExport,
                    "neither data[].post / data[].comment (Facebook) nor string_map_data / "
                    "media (Instagram)"};
        }
        if (found.time == nullptr) {
            found.time = findPath(record, facebookShape ? "timestamp" : "creation_timestamp");
        }
        post.text = cleanText(found.text, env.options.repairMojibake, env.report);
        if (post.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            return skipped("no text (photo, link or check-in only)");
        }
        post.author = std::move(found.author);
        setCreatedAt(found.time, post, env);
        return applyFieldOverrides(record, post, env);
    }
};

}  // namespace

std::unique_ptr<JsonMapper> makeMetaMapper(const ImportOptions&) {
    return std::make_unique<MetaMapper>();
}

}  // namespace sentinela::storage::importers
