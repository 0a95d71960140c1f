// Telegram Desktop's "Export chat history" result.json (one chat: {"name", "id", "messages"})
// or "Export Telegram data" (every chat: chats.list[].messages). A message's text is a string or
// an array mixing strings and entity objects ({"type": "bold", "text": "..."}); "service"
// messages (joins, pins, calls) are not posts. Message ids are unique only within a chat, so
// the external id is "<chat id>:<message id>".
#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

// Concatenates the text of a string or a mixed array of strings and entity objects.
bool flattenText(const Json& text, std::string& out) {
    if (text.is_string()) {
        out += text.get_ref<const std::string&>();
        return true;
    }
    if (!text.is_array()) {
        return false;
    }
    for (const Json& part : text) {
        if (part.is_string()) {
            out += part.get_ref<const std::string&>();
        } else if (part.is_object()) {
            auto it = part.find("text");
            if (it != part.end() && it->is_string()) {
                out += it->get_ref<const std::string&>();
            }
        } else {
            return false;
        }
    }
    return true;
}

class TelegramMapper : public JsonMapper {
public:
    MapResult map(const Json& message, PostRecord& post, MapperEnv& env) override {
        if (!message.is_object()) {
            return rejected("expected a message object, found " + describeType(message));
        }
        std::string type = firstScalar(message, {"type"});
        if (type == "service") {
            return skipped("service message");
        }
        if (type.empty() && !message.contains("text")) {
            return {Outcome::kNotAnExport, "messages entry without type or text"};
        }
        const Json* text = findPath(message, "text");
        std::string flat;
        if (text != nullptr && !flattenText(*text, flat)) {
            return rejected("field text: expected a string or an array of text parts, found " +
                            describeType(*text));
        }
        post.text = cleanText(flat, env.options.repairMojibake, env.report);
        if (post.text.find_first_not_of(" \t\r\n") == std::string::npos) {
            return skipped("no text (media only)");
        }
        std::string chat = env.context ? env.context("chats.list.[].id") : "";
        if (chat.empty() && env.context) {
            chat = env.context("id");
        }
        std::string id = firstScalar(message, {"id"});
        post.externalId = id.empty() ? "" : (chat.empty() ? id : chat + ":" + id);
        post.author = firstScalar(message, {"from", "actor", "from_id"});
        // date_unixtime is UTC; "date" is the exporting computer's local time.
        const Json* unix = findPath(message, "date_unixtime");
        setCreatedAt(unix != nullptr ? unix : findPath(message, "date"), post, env);
        return applyFieldOverrides(message, post, env);
    }
};

}  // namespace

std::unique_ptr<JsonMapper> makeTelegramMapper(const ImportOptions&) {
    return std::make_unique<TelegramMapper>();
}

}  // namespace sentinela::storage::importers
