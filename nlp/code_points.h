// Internal: the first normalizer pass. Decodes (valid) UTF-8 into code points, applies Unicode
// NFKC and drops control and format characters, keeping for each code point the byte range of
// the input it came from. Also the character classes the later passes ask about.
// Pure functions over ICU's shared, immutable normalizer data: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::nlp {

struct CodePoint {
    char32_t value;
    std::uint32_t begin, end;  // bytes of the input
};

// Appends the NFKC code points of `utf8` (which must be valid UTF-8) to `out`. Controls become
// spaces (tab, newlines) or vanish; format characters vanish except those emoji need (ZWJ,
// tag characters); NFKC keeps variation selectors and skin-tone modifiers.
void decodeNfkc(std::string_view utf8, std::vector<CodePoint>& out);

// ASCII classes in one table, so the hot path never calls ICU for plain English text.
namespace ascii {
enum : std::uint8_t { kSpace = 1, kDigit = 2, kUpper = 4, kLower = 8, kWord = 16, kControl = 32 };
constexpr std::array<std::uint8_t, 128> makeClasses() {
    std::array<std::uint8_t, 128> table{};
    for (int c = 0; c < 0x20; ++c) table[c] = kControl;
    table[0x7F] = kControl;
    for (const char c : {' ', '\t', '\n', '\v', '\f', '\r'}) table[static_cast<int>(c)] = kSpace;
    for (int c = '0'; c <= '9'; ++c) table[c] = kDigit | kWord;
    for (int c = 'A'; c <= 'Z'; ++c) table[c] = kUpper | kWord;
    for (int c = 'a'; c <= 'z'; ++c) table[c] = kLower | kWord;
    table['_'] = kWord;
    return table;
}
inline constexpr auto kClasses = makeClasses();
}  // namespace ascii

// The non-ASCII halves of the classes below (ICU).
bool isSpaceSlow(char32_t c);
bool isDecimalDigitSlow(char32_t c);
bool isLetterSlow(char32_t c);
bool isUpperSlow(char32_t c);
bool isLowerSlow(char32_t c);
bool isWordCharSlow(char32_t c);
char32_t foldCaseSlow(char32_t c);

inline bool isSpace(char32_t c) {
    return c < 0x80 ? (ascii::kClasses[c] & ascii::kSpace) != 0 : isSpaceSlow(c);
}
inline bool isDecimalDigit(char32_t c) {
    return c < 0x80 ? (ascii::kClasses[c] & ascii::kDigit) != 0 : isDecimalDigitSlow(c);
}
inline bool isLetter(char32_t c) {
    return c < 0x80 ? (ascii::kClasses[c] & (ascii::kUpper | ascii::kLower)) != 0 : isLetterSlow(c);
}
inline bool isUpper(char32_t c) {
    return c < 0x80 ? (ascii::kClasses[c] & ascii::kUpper) != 0 : isUpperSlow(c);
}
inline bool isLower(char32_t c) {
    return c < 0x80 ? (ascii::kClasses[c] & ascii::kLower) != 0 : isLowerSlow(c);
}
// Letters, marks, digits and '_': what @mentions, #hashtags and words are made of.
inline bool isWordChar(char32_t c) {
    return c < 0x80 ? (ascii::kClasses[c] & ascii::kWord) != 0 : isWordCharSlow(c);
}
inline char32_t foldCase(char32_t c) {
    return c < 0x80 ? ((ascii::kClasses[c] & ascii::kUpper) ? c + 32 : c) : foldCaseSlow(c);
}
bool isCombiningMark(char32_t c);  // Mn other than variation selectors (those belong to emoji)
// Appends c without its accents (NFD, then combining marks dropped) to `out`.
void appendWithoutAccents(char32_t c, std::u32string& out);

}  // namespace sentinela::nlp
