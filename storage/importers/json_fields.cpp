// Field access shared by the JSON mappers, and the table of JSON formats.
#include <cstdlib>

#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"
#include "storage/importers/timestamp.h"

namespace sentinela::storage::importers {

const Json* findPath(const Json& root, std::string_view dotted) {
    const Json* node = &root;
    while (!dotted.empty()) {
        std::size_t dot = dotted.find('.');
        std::string_view part = dotted.substr(0, dot);
        dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
        if (node->is_object()) {
            auto it = node->find(std::string(part));
            if (it == node->end()) {
                return nullptr;
            }
            node = &*it;
        } else if (node->is_array()) {
            char* end = nullptr;
            std::string index(part);
            unsigned long i = std::strtoul(index.c_str(), &end, 10);
            if (index.empty() || *end != '\0' || i >= node->size()) {
                return nullptr;
            }
            node = &(*node)[i];
        } else {
            return nullptr;
        }
    }
    return node;
}

std::optional<std::string> scalarText(const Json& value) {
    switch (value.type()) {
        case Json::value_t::string:
            return value.get_ref<const std::string&>();
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
        case Json::value_t::boolean:
            return value.dump();
        default:
            return std::nullopt;
    }
}

std::string describeType(const Json& value) {
    switch (value.type()) {
        case Json::value_t::string:
            return "a string";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "an array";
        case Json::value_t::boolean:
            return "a boolean";
        case Json::value_t::null:
            return "null";
        default:
            return "a number";
    }
}

std::string firstScalar(const Json& record, std::initializer_list<std::string_view> paths) {
    for (std::string_view path : paths) {
        if (const Json* v = findPath(record, path)) {
            if (auto text = scalarText(*v)) {
                return *text;
            }
        }
    }
    return {};
}

void setCreatedAt(const Json* value, PostRecord& post, MapperEnv& env) {
    if (value == nullptr || value->is_null()) {
        return;
    }
    auto text = scalarText(*value);
    auto iso = text ? normalizeTimestamp(*text, env.options.localUtcOffsetMinutes,
                                         env.options.dayFirstDates.value_or(true))
                    : std::nullopt;
    if (iso) {
        post.createdAt = std::move(*iso);
    } else {
        ++env.report.datesNotUnderstood;
    }
}

MapResult applyFieldOverrides(const Json& record, PostRecord& post, MapperEnv& env) {
    const FieldMapping& m = env.options.fields;
    auto scalarAt = [&](const std::string& path, std::string& out) -> std::optional<MapResult> {
        const Json* v = findPath(record, path);
        if (v == nullptr || v->is_null()) {
            out.clear();
            return std::nullopt;
        }
        auto text = scalarText(*v);
        if (!text) {
            return rejected("field " + path + ": expected a string, found " + describeType(*v));
        }
        out = std::move(*text);
        return std::nullopt;
    };
    if (!m.text.empty()) {
        std::string text;
        if (auto r = scalarAt(m.text, text)) {
            return *r;
        }
        post.text = cleanText(text, env.options.repairMojibake, env.report);
    }
    if (!m.id.empty()) {
        if (auto r = scalarAt(m.id, post.externalId)) {
            return *r;
        }
    }
    if (!m.author.empty()) {
        if (auto r = scalarAt(m.author, post.author)) {
            return *r;
        }
    }
    if (!m.language.empty()) {
        if (auto r = scalarAt(m.language, post.language)) {
            return *r;
        }
    }
    if (!m.createdAt.empty()) {
        post.createdAt.clear();
        setCreatedAt(findPath(record, m.createdAt), post, env);
    }
    if (!m.label.empty()) {
        std::string label;
        if (auto r = scalarAt(m.label, label)) {
            return *r;
        }
        if (!label.empty()) {
            post.label = std::move(label);
        }
    }
    return posted();
}

JsonFormatSpec jsonFormatSpec(ImportFormat format, const ImportOptions& options) {
    JsonFormatSpec spec;
    spec.format = format;
    const std::string& records = options.fields.recordsPath;
    auto recordsOr = [&](std::vector<std::string> defaults) {
        return records.empty() ? defaults : std::vector<std::string>{records + ".[]"};
    };
    switch (format) {
        case ImportFormat::kXApi:
            spec.source = "x";
            spec.elementPaths = recordsOr({"data.[]", "[]"});
            spec.makeMapper = makeXApiMapper;
            break;
        case ImportFormat::kXArchive:
            spec.source = "x";
            spec.elementPaths = recordsOr({"[]"});
            spec.skipScriptPrefix = true;
            spec.linesAllowed = false;
            spec.makeMapper = makeXArchiveMapper;
            break;
        case ImportFormat::kReddit:
            spec.source = "reddit";
            spec.elementPaths = recordsOr({"[]", "data.children.[]"});
            spec.makeMapper = makeRedditMapper;
            break;
        case ImportFormat::kMastodon:
            spec.source = "mastodon";
            spec.elementPaths = recordsOr({"orderedItems.[]", "[]"});
            spec.linesAllowed = false;
            spec.makeMapper = makeMastodonMapper;
            break;
        case ImportFormat::kTelegram:
            spec.source = "telegram";
            spec.elementPaths = recordsOr({"messages.[]", "chats.list.[].messages.[]"});
            spec.contextPaths = {"id", "name", "chats.list.[].id", "chats.list.[].name"};
            spec.linesAllowed = false;
            spec.makeMapper = makeTelegramMapper;
            break;
        case ImportFormat::kFacebook:
        case ImportFormat::kInstagram:
            spec.source = format == ImportFormat::kFacebook ? "facebook" : "instagram";
            spec.elementPaths = recordsOr({"[]", "comments_v2.[]", "comments_media_comments.[]",
                                           "comments_reels_comments.[]", "ig_reels_media.[]"});
            spec.linesAllowed = false;
            spec.makeMapper = makeMetaMapper;
            break;
        case ImportFormat::kJsonArray:
            spec.source = "json";
            spec.elementPaths = recordsOr({"[]"});
            spec.linesAllowed = false;
            spec.makeMapper = makeGenericJsonMapper;
            break;
        default:
            spec.format = ImportFormat::kJsonLines;
            spec.source = "jsonl";
            spec.elementPaths = recordsOr({"[]"});
            spec.makeMapper = makeGenericJsonMapper;
            break;
    }
    if (!options.source.empty()) {
        spec.source = options.source;
    }
    return spec;
}

}  // namespace sentinela::storage::importers
