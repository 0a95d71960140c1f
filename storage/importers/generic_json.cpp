// Generic JSON Lines and JSON arrays: fields named by the user's FieldMapping (dotted paths), or
// guessed from the first record among the names exports commonly use, in English and
// Portuguese. The guess is made once, so every record of a file is read the same way.
#include <array>

#include "storage/importers/json_mapper.h"
#include "storage/importers/text_cleanup.h"

namespace sentinela::storage::importers {
namespace {

constexpr std::array<std::string_view, 16> kTextNames = {
        "text",    "full_text", "body",       "content",  "message",  "selftext",
        "post",    "comment",   "texto",      "mensagem", "conteudo", "tweet",
        "caption", "post_text", "comentario", "title"};
constexpr std::array<std::string_view, 7> kIdNames = {"id_str",     "id",   "tweet_id", "post_id",
                                                      "message_id", "uuid", "_id"};
constexpr std::array<std::string_view, 10> kAuthorNames = {
        "author",        "author_id", "username", "screen_name", "user.screen_name",
        "user.username", "user",      "from",     "autor",       "usuario"};
constexpr std::array<std::string_view, 9> kDateNames = {"created_at", "created_utc", "date",
                                                        "timestamp",  "published",   "time",
                                                        "datetime",   "created",     "data"};
constexpr std::array<std::string_view, 3> kLanguageNames = {"lang", "language", "idioma"};

template <std::size_t N>
std::string guess(const Json& record,
                  const std::array<std::string_view, N>& names,
                  bool stringsOnly) {
    for (std::string_view name : names) {
        const Json* v = findPath(record, name);
        if (v != nullptr && (v->is_string() || (!stringsOnly && v->is_number()))) {
            return std::string(name);
        }
    }
    return {};
}

class GenericJsonMapper : public JsonMapper {
public:
    explicit GenericJsonMapper(const FieldMapping& fields) : fields_(fields) {}

    MapResult map(const Json& record, PostRecord& post, MapperEnv& env) override {
        if (record.is_string() && fields_.text.empty()) {
            // A plain list of texts: ["primeiro post", "second post"].
            const auto& text = record.get_ref<const std::string&>();
            if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
                return skipped("empty text");
            }
            post.text = cleanText(text, env.options.repairMojibake, env.report);
            return posted();
        }
        if (!record.is_object()) {
            return rejected("expected a JSON object, found " + describeType(record));
        }
        if (!guessed_) {
            guessFields(record);
        }
        if (fields_.text.empty()) {
            std::string keys;
            for (const auto& [key, value] : record.items()) {
                keys += (keys.empty() ? "" : ", ") + key;
                if (keys.size() > 200) {
                    break;
                }
            }
            return {Outcome::kNotAnExport,
                    "no text field among the record's fields (" + keys + ")"};
        }
        const Json* text = findPath(record, fields_.text);
        if (text == nullptr || text->is_null()) {
            return rejected("field " + fields_.text + " is missing");
        }
        auto value = scalarText(*text);
        if (!value || !text->is_string()) {
            return rejected("field " + fields_.text + ": expected a string, found " +
                            describeType(*text));
        }
        if (value->find_first_not_of(" \t\r\n") == std::string::npos) {
            return skipped("empty text");
        }
        post.text = cleanText(*value, env.options.repairMojibake, env.report);
        post.externalId = fields_.id.empty() ? "" : firstScalar(record, {fields_.id});
        post.author = fields_.author.empty() ? "" : firstScalar(record, {fields_.author});
        post.language = fields_.language.empty() ? "" : firstScalar(record, {fields_.language});
        if (!fields_.createdAt.empty()) {
            setCreatedAt(findPath(record, fields_.createdAt), post, env);
        }
        if (!fields_.label.empty()) {
            const Json* label = findPath(record, fields_.label);
            if (label != nullptr && !label->is_null()) {
                auto labelText = scalarText(*label);
                if (!labelText) {
                    return rejected("field " + fields_.label + ": expected a string, found " +
                                    describeType(*label));
                }
                post.label = std::move(*labelText);
            }
        }
        return posted();
    }

private:
    void guessFields(const Json& record) {
        guessed_ = true;
        if (fields_.text.empty()) {
            fields_.text = guess(record, kTextNames, true);
        }
        if (fields_.id.empty()) {
            fields_.id = guess(record, kIdNames, false);
        }
        if (fields_.author.empty()) {
            fields_.author = guess(record, kAuthorNames, false);
        }
        if (fields_.createdAt.empty()) {
            fields_.createdAt = guess(record, kDateNames, false);
        }
        if (fields_.language.empty()) {
            fields_.language = guess(record, kLanguageNames, true);
        }
    }

    FieldMapping fields_;
    bool guessed_ = false;
};

}  // namespace

std::unique_ptr<JsonMapper> makeGenericJsonMapper(const ImportOptions& options) {
    return std::make_unique<GenericJsonMapper>(options.fields);
}

}  // namespace sentinela::storage::importers
