#include "nlp/code_points.h"

#include <array>
#include <string>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "nlp/utf8.h"

namespace sentinela::nlp {
namespace {

// ICU returns process-wide singletons; their const methods are thread-safe. Fetched once.
const icu::Normalizer2& nfkc() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        return icu::Normalizer2::getNFKCInstance(status);
    }();
    return *instance;
}

const icu::Normalizer2& nfd() {
    static const icu::Normalizer2* instance = [] {
        UErrorCode status = U_ZERO_ERROR;
        return icu::Normalizer2::getNFDInstance(status);
    }();
    return *instance;
}

using ascii::kClasses;
using ascii::kControl;
using ascii::kSpace;

bool isVariationSelector(char32_t c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}

// Format characters (Cf) are invisible: soft hyphens, bidi marks, zero-width spaces, BOMs.
// They split or disguise words, so they go; ZWJ and tag characters build emoji, so they stay.
bool keepFormatChar(char32_t c) {
    return c == 0x200D || (c >= 0xE0020 && c <= 0xE007F);
}

// Appends c unless it is a control or unwanted format character; vertical controls -> space.
void push(std::vector<CodePoint>& out, char32_t c, std::uint32_t begin, std::uint32_t end) {
    if (c < 0x80) {
        if (kClasses[c] & kControl) {
            return;
        }
    } else {
        const auto type = u_charType(static_cast<UChar32>(c));
        if (type == U_CONTROL_CHAR) {  // C1 controls; U+0085 NEL is a line break
            if (c == 0x85)
                out.push_back({' ', begin, end});
            return;
        }
        if (type == U_FORMAT_CHAR && !keepFormatChar(c)) {
            return;
        }
    }
    out.push_back({c, begin, end});
}

}  // namespace

void decodeNfkc(std::string_view utf8, std::vector<CodePoint>& out) {
    const auto& normalizer = nfkc();
    const std::size_t n = utf8.size();
    out.reserve(out.size() + n);  // NFKC rarely yields more code points than bytes
    std::size_t i = 0;
    while (i < n) {
        const auto byte = static_cast<unsigned char>(utf8[i]);
        // ASCII not followed by a possible combining mark: NFKC leaves it alone.
        if (byte < 0x80 && (i + 1 == n || static_cast<unsigned char>(utf8[i + 1]) < 0x80)) {
            const auto pos = static_cast<std::uint32_t>(i);
            const std::uint8_t classes = kClasses[byte];
            if (classes & kSpace) {
                out.push_back({' ', pos, pos + 1});
            } else if (!(classes & kControl)) {
                out.push_back({byte, pos, pos + 1});
            }
            ++i;
            continue;
        }
        // A normalization segment: this code point and those that may combine with it.
        char32_t first = 0;
        int length = utf8::decode(utf8.data() + i, n - i, first);
        if (length < 0) {  // cannot happen after repair; be safe anyway
            first = utf8::kReplacementChar;
            length = -length;
        }
        std::size_t end = i + static_cast<std::size_t>(length);
        bool single = true;
        // Unicode's stream-safe format (UAX #15): at most 30 combining marks per segment. ICU
        // sorts a segment's marks by insertion; "Zalgo" posts of 100k marks would be quadratic.
        int marks = 0;
        while (end < n && marks < 30) {
            char32_t next = 0;
            const int m = utf8::decode(utf8.data() + end, n - end, next);
            if (m < 0 || normalizer.hasBoundaryBefore(static_cast<UChar32>(next))) {
                break;
            }
            end += static_cast<std::size_t>(m);
            single = false;
            ++marks;
        }
        const auto begin32 = static_cast<std::uint32_t>(i);
        const auto end32 = static_cast<std::uint32_t>(end);
        if (single && normalizer.isInert(static_cast<UChar32>(first))) {
            push(out, (first < 0x80 && (kClasses[first] & kSpace)) ? ' ' : first, begin32, end32);
        } else {
            UErrorCode status = U_ZERO_ERROR;
            const auto segment = icu::UnicodeString::fromUTF8(
                    icu::StringPiece(utf8.data() + i, static_cast<std::int32_t>(end - i)));
            const icu::UnicodeString normalized = normalizer.normalize(segment, status);
            const icu::UnicodeString& result = U_SUCCESS(status) ? normalized : segment;
            for (std::int32_t k = 0; k < result.length();) {
                const UChar32 c = result.char32At(k);
                const auto cp = static_cast<char32_t>(c);
                push(out, isSpace(cp) ? ' ' : cp, begin32, end32);
                k += U16_LENGTH(c);
            }
        }
        i = end;
    }
}

bool isSpaceSlow(char32_t c) {
    return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0;
}

bool isDecimalDigitSlow(char32_t c) {
    return u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER;
}

bool isLetterSlow(char32_t c) {
    return u_isalpha(static_cast<UChar32>(c));
}

bool isUpperSlow(char32_t c) {
    return u_isUUppercase(static_cast<UChar32>(c));
}

bool isLowerSlow(char32_t c) {
    return u_isULowercase(static_cast<UChar32>(c));
}

bool isWordCharSlow(char32_t c) {
    const auto mask = U_GET_GC_MASK(static_cast<UChar32>(c));
    return (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0 && !isVariationSelector(c);
}

bool isCombiningMark(char32_t c) {
    return c >= 0x300 && u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK &&
           !isVariationSelector(c);
}

char32_t foldCaseSlow(char32_t c) {
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

void appendWithoutAccents(char32_t c, std::u32string& out) {
    icu::UnicodeString decomposition;
    if (c < 0xC0 || !nfd().getDecomposition(static_cast<UChar32>(c), decomposition)) {
        if (!isCombiningMark(c))
            out.push_back(c);
        return;
    }
    for (std::int32_t k = 0; k < decomposition.length();) {
        const UChar32 d = decomposition.char32At(k);
        if (!isCombiningMark(static_cast<char32_t>(d))) {
            out.push_back(static_cast<char32_t>(d));
        }
        k += U16_LENGTH(d);
    }
}

}  // namespace sentinela::nlp
