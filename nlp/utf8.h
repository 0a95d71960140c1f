// Internal UTF-8 helpers shared by text repair and the normalizer (not part of the public API).
// Pure inline functions: thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sentinela::nlp::utf8 {

inline constexpr char32_t kReplacementChar = 0xFFFD;

inline bool isContinuation(unsigned char b) {
    return (b & 0xC0) == 0x80;
}

// Decodes one code point at data[0..size). Returns the number of bytes used (1..4) and sets cp.
// On an invalid sequence returns the negated length of its "maximal subpart" (Unicode 15,
// section 3.9, the practice ICU, Python and WHATWG follow): those bytes become one U+FFFD.
inline int decode(const char* data, std::size_t size, char32_t& cp) {
    const auto* p = reinterpret_cast<const unsigned char*>(data);
    const unsigned char b0 = p[0];
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    int need = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;  // overlong
        if (b0 == 0xED)
            hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;  // overlong
        if (b0 == 0xF4)
            hi = 0x8F;  // above U+10FFFF
    } else {
        return -1;
    }
    for (int i = 1; i <= need; ++i) {
        if (static_cast<std::size_t>(i) >= size) {
            return -i;
        }
        const unsigned char b = p[i];
        const bool ok = i == 1 ? (b >= lo && b <= hi) : isContinuation(b);
        if (!ok) {
            return -i;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    return need + 1;
}

// Whether every byte of `bytes` belongs to a well-formed UTF-8 sequence.
inline bool isValid(std::string_view bytes) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const int length = decode(bytes.data() + i, bytes.size() - i, cp);
        if (length < 0) {
            return false;
        }
        i += static_cast<std::size_t>(length);
    }
    return true;
}

inline int encodedLength(char32_t cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

// Writes cp (a valid scalar value) into out[0..4) and returns the number of bytes.
inline int encode(char32_t cp, char* out) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

inline void append(std::string& out, char32_t cp) {
    char buffer[4];
    out.append(buffer, static_cast<std::size_t>(encode(cp, buffer)));
}

}  // namespace sentinela::nlp::utf8
