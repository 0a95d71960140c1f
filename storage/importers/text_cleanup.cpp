#include "storage/importers/text_cleanup.h"

#include <array>
#include <cstdint>

#include "nlp/text_repair.h"
#include "nlp/utf8.h"

namespace sentinela::storage::importers {
namespace {

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// Windows-1252 0x80-0x9F; 0xFFFD where the code page leaves a byte undefined.
constexpr std::array<std::uint16_t, 32> kCp1252High = {
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

std::string decodeWindows1252(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 4);
    for (char ch : bytes) {
        auto b = static_cast<unsigned char>(ch);
        if (b < 0x80) {
            out.push_back(ch);
        } else if (b < 0xA0) {
            appendUtf8(out, kCp1252High[b - 0x80]);
        } else {
            appendUtf8(out, b);
        }
    }
    return out;
}

std::string undoLatin1Escapes(std::string_view s) {
    std::string bytes;
    bytes.reserve(s.size());
    bool any = false;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            bytes.push_back(static_cast<char>(c));
            ++i;
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < s.size()) {
            // U+0080..U+00FF: one byte of the original UTF-8.
            auto next = static_cast<unsigned char>(s[i + 1]);
            bytes.push_back(static_cast<char>(((c & 0x1F) << 6) | (next & 0x3F)));
            any = true;
            i += 2;
        } else {
            return std::string(s);  // a real character above U+00FF: not Meta's encoding
        }
    }
    if (!any || !nlp::utf8::isValid(bytes)) {
        return std::string(s);
    }
    return bytes;
}

bool mayBeMojibake(std::string_view s) {
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    for (std::size_t i = 0; i + 3 < s.size(); ++i) {
        if (at(i) != 0xC3 || at(i + 1) < 0x82 || at(i + 1) > 0xB4) {
            continue;
        }
        // The next character encodes a continuation byte: U+0080..U+00BF (C2 xx), or one of
        // Windows-1252's 0x80..0x9F characters (U+0152.., U+0192, U+02C6.., U+2013..U+2122).
        const unsigned char b = at(i + 2);
        if ((b == 0xC2 && at(i + 3) >= 0x80 && at(i + 3) <= 0xBF) || b == 0xC5 || b == 0xC6 ||
            b == 0xCB ||
            (b == 0xE2 && (at(i + 3) == 0x80 || at(i + 3) == 0x82 || at(i + 3) == 0x84))) {
            return true;
        }
    }
    return false;
}

std::string decodeEntities(std::string_view utf8) {
    if (utf8.find('&') == std::string_view::npos) {
        return std::string(utf8);
    }
    return nlp::decodeHtmlEntities(utf8);
}

std::string cleanText(std::string_view text, bool repairMojibake, ImportReport& report) {
    bool ascii = true;
    for (char c : text) {
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    }
    if (ascii) {
        return std::string(text);  // the common case: nothing to repair
    }
    const bool valid = nlp::utf8::isValid(text);
    std::string out = valid ? std::string(text) : decodeWindows1252(text);
    bool changed = !valid;
    if (repairMojibake && mayBeMojibake(out)) {
        std::string repaired = nlp::repairMojibake(out);
        changed = changed || repaired != out;
        out = std::move(repaired);
    }
    if (changed) {
        ++report.textRepaired;
    }
    return out;
}

}  // namespace sentinela::storage::importers
