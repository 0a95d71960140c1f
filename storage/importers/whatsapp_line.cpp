#include "storage/importers/whatsapp_line.h"

#include <cctype>

namespace sentinela::storage::importers {
namespace {

constexpr std::string_view kLeftToRightMark = "\xE2\x80\x8E";
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

bool readNumber(std::string_view s, std::size_t& pos, int minDigits, int maxDigits, int& out) {
    int digits = 0;
    int value = 0;
    while (pos < s.size() && digits < maxDigits &&
           std::isdigit(static_cast<unsigned char>(s[pos]))) {
        value = value * 10 + (s[pos] - '0');
        ++pos;
        ++digits;
    }
    out = value;
    return digits >= minDigits;
}

// Spaces, including the no-break spaces newer exports put before AM/PM.
void skipSpaces(std::string_view s, std::size_t& pos) {
    for (;;) {
        if (pos < s.size() && s[pos] == ' ') {
            ++pos;
        } else if (s.substr(pos, 3) == kNarrowNoBreakSpace) {
            pos += 3;
        } else if (s.substr(pos, 2) == kNoBreakSpace) {
            pos += 2;
        } else {
            return;
        }
    }
}

// "AM", "pm", "a.m.", "p. m." -> +1 am, +2 pm, 0 none.
int readAmPm(std::string_view s, std::size_t& pos) {
    std::size_t p = pos;
    if (p >= s.size()) {
        return 0;
    }
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[p])));
    if (c != 'a' && c != 'p') {
        return 0;
    }
    ++p;
    if (p < s.size() && s[p] == '.') {
        ++p;
    }
    skipSpaces(s, p);
    if (p >= s.size() || std::tolower(static_cast<unsigned char>(s[p])) != 'm') {
        return 0;
    }
    ++p;
    if (p < s.size() && s[p] == '.') {
        ++p;
    }
    pos = p;
    return c == 'a' ? 1 : 2;
}

}  // namespace

bool parseWhatsAppLine(std::string_view s, WhatsAppLine& out) {
    while (s.substr(0, 3) == kLeftToRightMark) {
        s.remove_prefix(3);
    }
    std::size_t pos = 0;
    const bool bracket = !s.empty() && s[0] == '[';
    pos += bracket ? 1 : 0;
    if (!readNumber(s, pos, 1, 2, out.first) || pos >= s.size()) {
        return false;
    }
    const char sep = s[pos];
    if (sep != '/' && sep != '.' && sep != '-') {
        return false;
    }
    ++pos;
    if (!readNumber(s, pos, 1, 2, out.second) || pos >= s.size() || s[pos] != sep) {
        return false;
    }
    ++pos;
    std::size_t yearStart = pos;
    if (!readNumber(s, pos, 2, 4, out.year) || pos - yearStart == 3) {
        return false;
    }
    out.year += pos - yearStart == 2 ? 2000 : 0;
    if (pos < s.size() && s[pos] == ',') {
        ++pos;
    }
    std::size_t beforeSpace = pos;
    skipSpaces(s, pos);
    if (pos == beforeSpace || !readNumber(s, pos, 1, 2, out.hour) || pos >= s.size() ||
        s[pos] != ':') {
        return false;
    }
    ++pos;
    if (!readNumber(s, pos, 2, 2, out.minute)) {
        return false;
    }
    out.second_ = 0;
    if (pos < s.size() && s[pos] == ':' && !readNumber(s, ++pos, 2, 2, out.second_)) {
        return false;
    }
    std::size_t afterTime = pos;
    skipSpaces(s, pos);
    int ampm = readAmPm(s, pos);
    out.hasAmPm = ampm != 0;
    if (ampm == 0) {
        pos = afterTime;
    } else {
        if (out.hour < 1 || out.hour > 12) {
            return false;
        }
        out.hour = out.hour % 12 + (ampm == 2 ? 12 : 0);
    }
    if (bracket) {
        if (pos >= s.size() || s[pos] != ']') {
            return false;
        }
        ++pos;
        skipSpaces(s, pos);
    } else {
        skipSpaces(s, pos);
        if (s.substr(pos, 2) != "- ") {
            return false;
        }
        pos += 2;
    }
    out.rest = s.substr(pos);
    return out.hour < 24 && out.minute < 60 && out.second_ < 61;
}

}  // namespace sentinela::storage::importers
