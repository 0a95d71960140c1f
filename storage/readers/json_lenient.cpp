#include "storage/readers/json_lenient.h"

#include <cctype>
#include <string_view>

#include "nlp/text_repair.h"
#include "storage/readers/json_fast_parse.h"

namespace sentinela::storage::readers {
namespace {

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..." ->
// "parse error at line 1, column 5: syntax error ...".
std::string shortReason(const std::exception& e) {
    std::string what = e.what();
    if (!what.empty() && what.front() == '[') {
        auto close = what.find("] ");
        if (close != std::string::npos) {
            what.erase(0, close + 2);
        }
    }
    return what;
}

bool isHex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// Applies repairs (2) and (3) in one pass over a text that is valid UTF-8.
std::string repairEscapes(const std::string& in) {
    std::string out;
    out.reserve(in.size() + 16);
    bool inString = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (!inString) {
            inString = c == '"';
            out.push_back(c);
            continue;
        }
        if (c == '\\' && i + 1 < in.size()) {
            if (in[i + 1] == 'x' && i + 3 < in.size() && isHex(in[i + 2]) && isHex(in[i + 3])) {
                out += "\\u00";
                out.push_back(in[i + 2]);
                out.push_back(in[i + 3]);
                i += 3;
            } else {
                out.push_back(c);
                out.push_back(in[++i]);
            }
            continue;
        }
        if (c == '"') {
            inString = false;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static const char* kHex = "0123456789abcdef";
            out += "\\u00";
            out.push_back(kHex[(c >> 4) & 15]);
            out.push_back(kHex[c & 15]);
            continue;
        }
        out.push_back(c);
    }
    return out;
}

// simdjson's own limit. nlohmann's parser has none and costs ~76 bytes a level: a 64 MiB line of
// brackets would take 2.4 GB. Real exports nest a few levels.
constexpr int kMaxJsonDepth = 1024;

// Whether the brackets of `text` (outside strings) nest deeper than `limit`. Linear, no memory.
bool nestedDeeperThan(std::string_view text, int limit) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) {
                return true;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

}  // namespace

LenientParse parseJsonLeniently(const std::string& text, nlohmann::json& out) {
    LenientParse result;
    if (parseJsonFast(text, out)) {
        result.ok = true;
        return result;
    }
    if (nestedDeeperThan(text, kMaxJsonDepth)) {
        result.problem = "nested deeper than " + std::to_string(kMaxJsonDepth) +
                         " levels (no export does that; a record built to exhaust the memory?)";
        return result;
    }
    try {
        out = nlohmann::json::parse(text);
        result.ok = true;
        return result;
    } catch (const nlohmann::json::exception& e) {
        result.problem = shortReason(e);
    }
    std::string repaired = repairEscapes(nlp::toValidUtf8(text));
    try {
        out = nlohmann::json::parse(repaired);
        result.ok = true;
        result.repaired = true;
        result.problem.clear();
    } catch (const nlohmann::json::exception&) {
        // Keep the first, strict reason: it points at the original text.
    }
    return result;
}

}  // namespace sentinela::storage::readers
