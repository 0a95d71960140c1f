#include "storage/raw_record_text.h"

#include <nlohmann/json.hpp>

namespace sentinela::storage {

namespace {

bool isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The first non-whitespace byte at or after `at`, or '\0' at the end.
char nextToken(std::string_view text, std::size_t at) {
    while (at < text.size() && isJsonSpace(text[at])) {
        ++at;
    }
    return at < text.size() ? text[at] : '\0';
}

// Copies a string token starting at text[at] == '"' and returns the index after its closing
// quote. The text was validated, so every string is terminated.
std::size_t copyString(std::string_view text, std::size_t at, std::string& out) {
    const std::size_t start = at++;
    while (at < text.size() && text[at] != '"') {
        at += text[at] == '\\' ? 2 : 1;
    }
    ++at;  // the closing quote
    out.append(text.substr(start, at - start));
    return at;
}

}  // namespace

std::string indentJsonRecord(std::string_view raw, int indent) {
    const char first = nextToken(raw, 0);
    if ((first != '{' && first != '[') || !nlohmann::json::accept(raw)) {
        return std::string(raw);
    }
    std::string out;
    out.reserve(raw.size() + raw.size() / 4);
    int depth = 0;
    const auto newLine = [&] {
        out += '\n';
        out.append(static_cast<std::size_t>(depth * indent), ' ');
    };
    for (std::size_t i = 0; i < raw.size();) {
        const char c = raw[i];
        if (isJsonSpace(c)) {
            ++i;
        } else if (c == '"') {
            i = copyString(raw, i, out);
        } else if (c == '{' || c == '[') {
            out += c;
            ++i;
            const char close = c == '{' ? '}' : ']';
            if (nextToken(raw, i) == close) {
                out += close;  // {} and [] stay on one line
                i = raw.find(close, i) + 1;
            } else {
                ++depth;
                newLine();
            }
        } else if (c == '}' || c == ']') {
            --depth;
            newLine();
            out += c;
            ++i;
        } else if (c == ',') {
            out += c;
            newLine();
            ++i;
        } else if (c == ':') {
            out += ": ";
            ++i;
        } else {
            out += c;  // numbers, true, false, null
            ++i;
        }
    }
    return out;
}

}  // namespace sentinela::storage
