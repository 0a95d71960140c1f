// The shared interface of the JSON export formats (STYLE: one interface, one file per
// platform): a JsonMapper turns one parsed record into a PostRecord, or says why the record is
// not a post (skip) or is malformed (reject). The readers (json_post_reader.cpp) do the I/O;
// the mappers only know the platform's fields. Internal to storage/.
// Thread-safety: a mapper belongs to one reader.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import_report.h"
#include "storage/importer.h"
#include "storage/post_record.h"

namespace sentinela::storage::importers {

using Json = nlohmann::json;

enum class Outcome {
    kPost,        // `post` is filled
    kSkip,        // a record that is not a post (boost, service message, [deleted]); reason = kind
    kReject,      // a malformed record; reason says which field and why
    kNotAnExport  // the record shows the file is not this format at all (e.g. no text field)
};

struct MapResult {
    Outcome outcome = Outcome::kPost;
    std::string reason;
};
inline MapResult posted() {
    return {};
}
inline MapResult skipped(std::string reason) {
    return {Outcome::kSkip, std::move(reason)};
}
inline MapResult rejected(std::string reason) {
    return {Outcome::kReject, std::move(reason)};
}

// What a mapper may use besides the record.
struct MapperEnv {
    const ImportOptions& options;
    ImportReport& report;
    // Scalars remembered by the stream reader (JsonFormatSpec::contextPaths), e.g. a chat id.
    std::function<std::string(const std::string&)> context;
};

class JsonMapper {
public:
    virtual ~JsonMapper() = default;
    // `post` arrives with source, line and raw set.
    virtual MapResult map(const Json& record, PostRecord& post, MapperEnv& env) = 0;
};

// Where a JSON format keeps its records, and its mapper.
struct JsonFormatSpec {
    ImportFormat format = ImportFormat::kJsonLines;
    std::string source;                     // PostRecord::source
    std::vector<std::string> elementPaths;  // records inside a document ("[]", "data.[]")
    std::vector<std::string> contextPaths;  // scalars the mapper reads through env.context
    bool skipScriptPrefix = false;          // tweets.js
    bool linesAllowed = true;               // one record per line is accepted too
    std::function<std::unique_ptr<JsonMapper>(const ImportOptions&)> makeMapper;
};

// The spec of a JSON-based format (every format but CSV, TSV and WhatsApp).
JsonFormatSpec jsonFormatSpec(ImportFormat format, const ImportOptions& options);

// ---- helpers shared by the mappers (json_fields.cpp) ----

// The value at a dotted path ("user.screen_name", "data.0.post"), or nullptr.
const Json* findPath(const Json& root, std::string_view dottedPath);
// Strings as they are, numbers and booleans as written in JSON; nullopt for null, objects and
// arrays.
std::optional<std::string> scalarText(const Json& value);
// "a string", "a number", "an object"... for reasons.
std::string describeType(const Json& value);
// The first of `paths` that holds a scalar, or "".
std::string firstScalar(const Json& record, std::initializer_list<std::string_view> paths);
// Sets post.createdAt from a date value (string or number); counts an unreadable one.
void setCreatedAt(const Json* value, PostRecord& post, MapperEnv& env);
// Applies the user's FieldMapping on top of a preset's result (text, id, author, createdAt,
// language, label). Returns a rejection if a named field holds the wrong type.
MapResult applyFieldOverrides(const Json& record, PostRecord& post, MapperEnv& env);

// Mapper factories, one per file in storage/importers/.
std::unique_ptr<JsonMapper> makeGenericJsonMapper(const ImportOptions& options);
std::unique_ptr<JsonMapper> makeXApiMapper(const ImportOptions& options);
std::unique_ptr<JsonMapper> makeXArchiveMapper(const ImportOptions& options);
std::unique_ptr<JsonMapper> makeRedditMapper(const ImportOptions& options);
std::unique_ptr<JsonMapper> makeMastodonMapper(const ImportOptions& options);
std::unique_ptr<JsonMapper> makeTelegramMapper(const ImportOptions& options);
std::unique_ptr<JsonMapper> makeMetaMapper(const ImportOptions& options);  // FB and Instagram

}  // namespace sentinela::storage::importers
