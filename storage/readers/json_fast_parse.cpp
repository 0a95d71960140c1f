#include "storage/readers/json_fast_parse.h"

#if SENTINELA_HAVE_SIMDJSON
#include <cctype>
#include <simdjson.h>
#include <string_view>
#endif

namespace sentinela::storage::readers {

#if SENTINELA_HAVE_SIMDJSON
namespace {

// Larger records are rare; nlohmann parses them, and the thread's buffers stay small.
constexpr std::size_t kMaxFastBytes = std::size_t{1} << 20;

// Whether the text may hold the number -0: nlohmann makes it a signed integer, simdjson the same
// 0 as "0" (which nlohmann makes unsigned), so only nlohmann can say. Dates ("2024-03-01") do
// not count: their "-0" follows a digit.
bool mayHoldIntegerNegativeZero(std::string_view text) {
    for (auto at = text.find("-0"); at != std::string_view::npos; at = text.find("-0", at + 1)) {
        const char before = at > 0 ? text[at - 1] : ' ';
        const char after = at + 2 < text.size() ? text[at + 2] : ' ';
        const bool startsNumber = before == ':' || before == '[' || before == ',' ||
                                  before == ' ' || before == '\t' || before == '\n' ||
                                  before == '\r';
        const bool endsThere = !(std::isdigit(static_cast<unsigned char>(after)) || after == '.' ||
                                 after == 'e' || after == 'E');
        if (startsNumber && endsThere) {
            return true;
        }
    }
    return false;
}

void convert(simdjson::dom::element element, nlohmann::json& out) {
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
        case Type::OBJECT: {
            out = nlohmann::json::object();
            auto& object = out.get_ref<nlohmann::json::object_t&>();
            // A named object: the range must not borrow from a temporary result.
            const simdjson::dom::object fields = element.get_object().value_unsafe();
            for (const auto field : fields) {
                convert(field.value, object[std::string(field.key)]);  // the last key wins
            }
            break;
        }
        case Type::ARRAY: {
            out = nlohmann::json::array();
            auto& array = out.get_ref<nlohmann::json::array_t&>();
            const simdjson::dom::array items = element.get_array().value_unsafe();
            for (const auto item : items) {
                convert(item, array.emplace_back());
            }
            break;
        }
        case Type::STRING:
            out = std::string(element.get_string().value_unsafe());
            break;
        case Type::INT64: {
            // nlohmann reads "5" as unsigned and "-5" as signed; keep its types.
            const std::int64_t value = element.get_int64().value_unsafe();
            if (value >= 0) {
                out = static_cast<std::uint64_t>(value);
            } else {
                out = value;
            }
            break;
        }
        case Type::UINT64:
            out = element.get_uint64().value_unsafe();
            break;
        case Type::DOUBLE:
            out = element.get_double().value_unsafe();
            break;
        case Type::BOOL:
            out = element.get_bool().value_unsafe();
            break;
        case Type::NULL_VALUE:
            out = nullptr;
            break;
    }
}

}  // namespace

bool parseJsonFast(const std::string& text, nlohmann::json& out) {
    if (text.size() > kMaxFastBytes || mayHoldIntegerNegativeZero(text)) {
        return false;
    }
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(text).get(root) != simdjson::SUCCESS) {
        return false;
    }
    convert(root, out);
    return true;
}

#else

bool parseJsonFast(const std::string&, nlohmann::json&) {
    return false;
}

#endif

}  // namespace sentinela::storage::readers
