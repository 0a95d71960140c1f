#include "storage/readers/json_fast_parse.h"

#if SENTINELA_HAVE_SIMDJSON
#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>
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

void convert(simdjson::dom::element element, nlohmann::json& out);

// The fields of an object into `out`, reusing the nodes it holds: the reader parses every record
// into the same value, and the records of one export mostly share their keys, so map nodes and
// strings are overwritten in place rather than freed and allocated again for each record
// (malloc and free were a third of the reader's time). Keys the record lacks are erased.
void convertObject(const simdjson::dom::object& fields, nlohmann::json& out) {
    constexpr std::size_t kMaxTracked = 64;  // wider objects are rebuilt from scratch
    const bool fresh = !out.is_object() || fields.size() > kMaxTracked;
    if (fresh) {
        out = nlohmann::json::object();
    }
    auto& object = out.get_ref<nlohmann::json::object_t&>();
    std::array<const nlohmann::json*, kMaxTracked> visited{};
    std::size_t count = 0;
    for (const auto field : fields) {
        auto found = object.find(field.key);  // the last of duplicate keys wins
        if (found == object.end()) {
            found = object.emplace(std::string(field.key), nullptr).first;
        }
        convert(field.value, found->second);
        if (count < kMaxTracked) {
            visited[count++] = &found->second;
        }
    }
    std::sort(visited.begin(), visited.begin() + count);
    const auto distinct = static_cast<std::size_t>(
            std::unique(visited.begin(), visited.begin() + count) - visited.begin());
    if (fresh || distinct == object.size()) {
        return;  // the common case: no key left over from an earlier record
    }
    for (auto it = object.begin(); it != object.end();) {
        const bool seen =
                std::binary_search(visited.begin(), visited.begin() + distinct, &it->second);
        it = seen ? std::next(it) : object.erase(it);
    }
}

void convertArray(const simdjson::dom::array& items, nlohmann::json& out) {
    if (!out.is_array()) {
        out = nlohmann::json::array();
    }
    auto& array = out.get_ref<nlohmann::json::array_t&>();
    std::size_t count = 0;
    for (const auto item : items) {
        if (count == array.size()) {
            array.emplace_back();
        }
        convert(item, array[count++]);
    }
    array.resize(count);
}

void convert(simdjson::dom::element element, nlohmann::json& out) {
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
        case Type::OBJECT:
            convertObject(element.get_object().value_unsafe(), out);
            break;
        case Type::ARRAY:
            convertArray(element.get_array().value_unsafe(), out);
            break;
        case Type::STRING: {
            const std::string_view text = element.get_string().value_unsafe();
            if (out.is_string()) {
                out.get_ref<std::string&>().assign(text);  // keeps the string's buffer
            } else {
                out = std::string(text);
            }
            break;
        }
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
