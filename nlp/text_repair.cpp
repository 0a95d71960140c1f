#include "nlp/text_repair.h"

#include <array>

#include "nlp/repair_steps.h"
#include "nlp/utf8.h"

namespace sentinela::nlp {
namespace {

// Windows-1252 differs from Latin-1 only in 0x80..0x9F; the five unassigned bytes stay C1 controls,
// which is what a Latin-1 decoder produced for them.
constexpr std::array<char32_t, 32> kWindows1252High = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// Number of continuation bytes a UTF-8 lead byte announces, or -1 if it is no lead byte.
int continuationCount(int lead) {
    if (lead >= 0xC2 && lead <= 0xDF)
        return 1;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 2;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 3;
    return -1;
}

// Leads of two-byte sequences worth repairing: Latin-1 Supplement and Latin Extended-A (C2, C3,
// C5: all Portuguese accents, "œ", "Š"), Greek, Cyrillic, Hebrew and Arabic. Others (IPA, ...)
// are far likelier to be a real uppercase letter followed by a symbol.
bool isPlausibleTwoByteLead(char32_t cp) {
    switch (cp) {
        case 0xC2:
        case 0xC3:
        case 0xC5:
        case 0xCE:
        case 0xCF:
        case 0xD0:
        case 0xD1:
        case 0xD7:
        case 0xD8:
        case 0xD9:
            return true;
        default:
            return false;
    }
}

// Punctuation that often follows an uppercase accented word in correct text ("SÓ”", "MAÇÔ).
bool isAmbiguousContinuation(char32_t cp) {
    switch (cp) {
        case 0x2026:
        case 0x201C:
        case 0x201D:
        case 0x2018:
        case 0x2019:
        case 0x2013:
        case 0x2014:
        case 0x2022:
        case 0xAB:
        case 0xBB:
        case 0xB0:
        case 0xB4:
            return true;
        default:
            return false;
    }
}

bool isLetterLike(char32_t cp) {
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0x24F);
}

bool hasMojibakeLead(std::string_view text) {
    // Every mojibake lead (U+00C2..U+00F4) is encoded with the UTF-8 lead byte C3.
    return text.find('\xC3') != std::string_view::npos;
}

}  // namespace

int windows1252Byte(char32_t cp) {
    if (cp >= 0xA0 && cp <= 0xFF) {
        return static_cast<int>(cp);
    }
    for (std::size_t i = 0; i < kWindows1252High.size(); ++i) {
        if (kWindows1252High[i] == cp) {
            return static_cast<int>(0x80 + i);
        }
    }
    return -1;
}

char32_t windows1252CodePoint(unsigned char byte) {
    return byte >= 0x80 && byte <= 0x9F ? kWindows1252High[byte - 0x80] : byte;
}

bool toValidUtf8Mapped(std::string_view bytes, MappedText& out, int* replacedCount) {
    int replaced = 0;
    std::size_t i = 0;
    // Fast scan: most posts are valid, and then nothing is copied.
    while (i < bytes.size()) {
        char32_t cp = 0;
        const int n = utf8::decode(bytes.data() + i, bytes.size() - i, cp);
        if (n < 0) {
            break;
        }
        i += static_cast<std::size_t>(n);
    }
    if (i == bytes.size()) {
        if (replacedCount != nullptr)
            *replacedCount = 0;
        return false;
    }
    out.clear();
    out.text.reserve(bytes.size() + 8);
    out.source.reserve(bytes.size() + 8);
    for (std::size_t k = 0; k < i; ++k) {
        out.append(bytes[k], {static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k + 1)});
    }
    while (i < bytes.size()) {
        char32_t cp = 0;
        const int n = utf8::decode(bytes.data() + i, bytes.size() - i, cp);
        const auto length = static_cast<std::size_t>(n < 0 ? -n : n);
        const ByteSpan from{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + length)};
        if (n < 0) {
            out.append("\xEF\xBF\xBD", from);
            ++replaced;
        } else {
            out.append(bytes.substr(i, length), from);
        }
        i += length;
    }
    if (replacedCount != nullptr)
        *replacedCount = replaced;
    return true;
}

// A mojibake sequence is a lead character (U+00C2..U+00F4, Latin-1 for a UTF-8 lead byte) and
// the characters for its continuation bytes; it is replaced only if those bytes form one valid
// UTF-8 character, which correct Portuguese or English text practically never does.
bool repairMojibakeMapped(std::string_view utf8, MappedText& out) {
    if (!hasMojibakeLead(utf8)) {
        return false;
    }
    bool changed = false;
    out.clear();
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = 0;
        int n = utf8::decode(utf8.data() + i, utf8.size() - i, cp);
        if (n < 0) {  // not expected (input is valid UTF-8); keep the byte as it is
            n = 1;
        }
        const int need = cp >= 0xC2 && cp <= 0xF4 ? continuationCount(static_cast<int>(cp)) : -1;
        if (need > 0) {
            char bytes[4] = {static_cast<char>(cp)};
            std::size_t j = i + static_cast<std::size_t>(n);
            int got = 0;
            bool allAmbiguous = true;
            while (got < need && j < utf8.size()) {
                char32_t next = 0;
                const int m = utf8::decode(utf8.data() + j, utf8.size() - j, next);
                const int byte = m > 0 ? windows1252Byte(next) : -1;
                if (byte < 0x80 || byte > 0xBF) {
                    break;
                }
                bytes[++got] = static_cast<char>(byte);
                allAmbiguous = allAmbiguous && isAmbiguousContinuation(next);
                j += static_cast<std::size_t>(m);
            }
            bool plausible = got == need && (need > 1 || isPlausibleTwoByteLead(cp));
            if (plausible && allAmbiguous) {  // then only inside a word: "PÃ”R", not "SÓ”"
                char32_t after = 0;
                if (j < utf8.size() && utf8::decode(utf8.data() + j, utf8.size() - j, after) < 0) {
                    after = 0;
                }
                plausible = isLetterLike(after);
            }
            char32_t decoded = 0;
            if (plausible &&
                utf8::decode(bytes, static_cast<std::size_t>(need + 1), decoded) == need + 1) {
                out.append(std::string_view(bytes, static_cast<std::size_t>(need + 1)),
                           {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
                changed = true;
                i = j;
                continue;
            }
        }
        out.append(utf8.substr(i, static_cast<std::size_t>(n)),
                   {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + n)});
        i += static_cast<std::size_t>(n);
    }
    return changed;
}

bool decodeHtmlEntitiesMapped(std::string_view utf8, MappedText& out) {
    if (utf8.find('&') == std::string_view::npos) {
        return false;
    }
    bool changed = false;
    out.clear();
    std::size_t i = 0;
    while (i < utf8.size()) {
        const std::size_t amp = utf8.find('&', i);
        const std::size_t plainEnd = amp == std::string_view::npos ? utf8.size() : amp;
        for (std::size_t k = i; k < plainEnd; ++k) {
            out.append(utf8[k], {static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k + 1)});
        }
        if (amp == std::string_view::npos) {
            break;
        }
        // Entities are short: "&" name-or-number ";" within 40 bytes.
        const std::size_t semicolon = utf8.substr(amp, 40).find(';');
        char32_t cp = 0;
        if (semicolon != std::string_view::npos && semicolon > 1) {
            const std::string_view body = utf8.substr(amp + 1, semicolon - 1);
            if (body[0] == '#') {
                const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
                const std::string_view digits = body.substr(hex ? 2 : 1);
                std::uint32_t value = 0;
                bool ok = !digits.empty() && digits.size() <= 8;
                for (const char c : digits) {
                    int d = -1;
                    if (c >= '0' && c <= '9')
                        d = c - '0';
                    if (hex && c >= 'a' && c <= 'f')
                        d = c - 'a' + 10;
                    if (hex && c >= 'A' && c <= 'F')
                        d = c - 'A' + 10;
                    ok = ok && d >= 0;
                    value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d < 0 ? 0 : d);
                }
                if (ok) {
                    cp = value;
                    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        cp = utf8::kReplacementChar;
                    } else if (cp >= 0x80 && cp <= 0x9F) {
                        cp = windows1252CodePoint(static_cast<unsigned char>(cp));
                    }
                }
            } else {
                cp = namedEntity(body);
            }
        }
        if (cp != 0) {
            char buffer[4];
            const int n = utf8::encode(cp, buffer);
            out.append(std::string_view(buffer, static_cast<std::size_t>(n)),
                       {static_cast<std::uint32_t>(amp),
                        static_cast<std::uint32_t>(amp + semicolon + 1)});
            changed = true;
            i = amp + semicolon + 1;
        } else {
            out.append('&', {static_cast<std::uint32_t>(amp), static_cast<std::uint32_t>(amp + 1)});
            i = amp + 1;
        }
    }
    return changed;
}

bool repairTextMapped(std::string_view bytes, MappedText& out, int* replacedCount) {
    MappedText step;
    bool changed = toValidUtf8Mapped(bytes, out, replacedCount);
    if (!changed) {
        if (!hasMojibakeLead(bytes) && bytes.find('&') == std::string_view::npos) {
            return false;  // the common case: no copy at all
        }
        out.text.assign(bytes);  // identity map, built only if a later step changes something
    }
    auto apply = [&](auto&& repair) {
        if (!repair(std::string_view(out.text), step)) {
            return false;
        }
        if (changed) {
            composeSpans(step.source, out.source);
        }
        std::swap(out, step);
        changed = true;
        return true;
    };
    // Up to three mojibake passes: exports that went through two wrong decoders exist.
    for (int pass = 0; pass < 3 && apply(repairMojibakeMapped); ++pass) {
    }
    apply(decodeHtmlEntitiesMapped);
    return changed;
}

std::string toValidUtf8(std::string_view bytes, int* replacedCount) {
    MappedText out;
    return toValidUtf8Mapped(bytes, out, replacedCount) ? std::move(out.text) : std::string(bytes);
}

std::string repairMojibake(std::string_view utf8) {
    std::string text(utf8);
    MappedText out;
    for (int pass = 0; pass < 3 && repairMojibakeMapped(text, out); ++pass) {
        text = std::move(out.text);
    }
    return text;
}

std::string decodeHtmlEntities(std::string_view utf8) {
    MappedText out;
    return decodeHtmlEntitiesMapped(utf8, out) ? std::move(out.text) : std::string(utf8);
}

std::string repairText(std::string_view bytes, int* replacedCount) {
    MappedText out;
    return repairTextMapped(bytes, out, replacedCount) ? std::move(out.text) : std::string(bytes);
}

}  // namespace sentinela::nlp
