#include "storage/importers/html_text.h"

#include <cctype>

#include "nlp/text_repair.h"

namespace sentinela::storage::importers {
namespace {

// The lower-case tag name of "<br/>", "</p>", "<p class=...>": "br", "/p", "p".
std::string tagName(std::string_view tag) {
    std::string name;
    std::size_t i = 1;
    if (i < tag.size() && tag[i] == '/') {
        name.push_back('/');
        ++i;
    }
    for (; i < tag.size(); ++i) {
        auto c = static_cast<unsigned char>(tag[i]);
        if (!std::isalnum(c)) {
            break;
        }
        name.push_back(static_cast<char>(std::tolower(c)));
    }
    return name;
}

void trimTrailingNewlines(std::string& s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) {
        s.pop_back();
    }
}

}  // namespace

std::string htmlToText(std::string_view html) {
    std::string text;
    text.reserve(html.size());
    std::size_t i = 0;
    while (i < html.size()) {
        char c = html[i];
        if (c != '<') {
            text.push_back(c);
            ++i;
            continue;
        }
        std::size_t end = html.find('>', i);
        if (end == std::string_view::npos) {
            text.append(html.substr(i));  // a lone '<' is text
            break;
        }
        std::string name = tagName(html.substr(i, end - i + 1));
        if (name == "br") {
            text.push_back('\n');
        } else if (name == "/p" || name == "/blockquote" || name == "/li" || name == "/pre") {
            trimTrailingNewlines(text);
            text += "\n\n";
        } else if (name.empty()) {
            text.push_back('<');  // "<3" or "a < b": not a tag
            ++i;
            continue;
        }
        i = end + 1;
    }
    trimTrailingNewlines(text);
    return nlp::decodeHtmlEntities(text);
}

}  // namespace sentinela::storage::importers
