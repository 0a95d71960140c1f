// Keyword matching on folded words. Folding (lower case, accents stripped) covers Latin-1 and
// Latin Extended-A, which is every letter of Portuguese and English; other scripts are compared
// as they are.
#include "storage/keyword_matcher.h"

#include <algorithm>

namespace sentinela::storage {
namespace {

struct Word {
    std::string folded;
    std::int32_t byteBegin, byteEnd, utf16Begin, utf16End;
};

// Decodes one UTF-8 code point at text[i]; invalid bytes decode as U+FFFD, one byte long.
char32_t decode(std::string_view text, std::size_t i, int& length) {
    const auto c = static_cast<unsigned char>(text[i]);
    auto cont = [&](std::size_t k) {
        return k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80;
    };
    if (c < 0x80) {
        length = 1;
        return c;
    }
    int n = (c >= 0xF0 && c < 0xF5)   ? 4
            : (c >= 0xE0) && c < 0xF0 ? 3
            : (c >= 0xC2 && c < 0xE0) ? 2
                                      : 0;
    for (int k = 1; k < n; ++k) {
        if (!cont(i + static_cast<std::size_t>(k))) {
            n = 0;
        }
    }
    if (n == 0) {
        length = 1;
        return 0xFFFD;
    }
    char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int k = 1; k < n; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    length = n;
    return cp;
}

// Lower-case ASCII of U+00C0..U+017F, accents removed ("" for the two symbols in that range).
const char* foldLatin(char32_t cp) {
    static const char* const kLatin1[64] = {
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
            "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
            "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
            "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    // Latin Extended-A (U+0100..U+017F), generated from the Unicode decompositions.
    static const char* const kExtendedA[128] = {
            "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
            "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
            "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
            "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
            "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
            "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
            "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
            "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
    };
    if (cp >= 0xC0 && cp <= 0xFF) {
        return kLatin1[cp - 0xC0];
    }
    return kExtendedA[cp - 0x100];
}

bool isWordChar(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || cp == 0xFFFD) {
        return false;
    }
    const bool punctuationOrSymbol = (cp >= 0x2000 && cp <= 0x2BFF) ||
                                     (cp >= 0x3000 && cp <= 0x303F) ||
                                     (cp >= 0xFE00 && cp <= 0xFE0F) || cp >= 0x1F000;
    return !punctuationOrSymbol;
}

void appendFolded(std::string& out, char32_t cp, std::string_view original) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    } else if (cp >= 0xC0 && cp <= 0x17F) {
        out += foldLatin(cp);
    } else {
        out.append(original);
    }
}

std::vector<Word> splitWords(std::string_view text) {
    std::vector<Word> words;
    std::int32_t utf16 = 0;
    Word current{};
    bool inWord = false;
    for (std::size_t i = 0; i < text.size();) {
        int length = 1;
        const char32_t cp = decode(text, i, length);
        const auto begin = static_cast<std::int32_t>(i);
        if (isWordChar(cp)) {
            if (!inWord) {
                current = Word{{}, begin, begin, utf16, utf16};
                inWord = true;
            }
            appendFolded(current.folded, cp, text.substr(i, static_cast<std::size_t>(length)));
        } else if (inWord) {
            words.push_back(std::move(current));
            inWord = false;
        }
        i += static_cast<std::size_t>(length);
        utf16 += cp >= 0x10000 ? 2 : 1;
        if (inWord) {
            current.byteEnd = static_cast<std::int32_t>(i);
            current.utf16End = utf16;
        }
    }
    if (inWord) {
        words.push_back(std::move(current));
    }
    return words;
}

}  // namespace

std::string foldForMatching(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        int length = 1;
        const char32_t cp = decode(utf8, i, length);
        appendFolded(out, cp, utf8.substr(i, static_cast<std::size_t>(length)));
        i += static_cast<std::size_t>(length);
    }
    return out;
}

KeywordMatcher::KeywordMatcher(std::vector<KeywordRule> rules) : rules_(std::move(rules)) {
    for (const auto& rule : rules_) {
        CompiledRule compiled;
        const auto trimmed = rule.term.find_last_not_of(' ');
        compiled.prefixLast = trimmed != std::string::npos && rule.term[trimmed] == '*';
        for (auto& word : splitWords(rule.term)) {
            compiled.words.push_back(std::move(word.folded));
        }
        compiled_.push_back(std::move(compiled));
    }
}

std::vector<KeywordHit> KeywordMatcher::find(std::string_view text) const {
    std::vector<KeywordHit> hits;
    if (compiled_.empty()) {
        return hits;
    }
    const auto words = splitWords(text);
    for (std::size_t start = 0; start < words.size(); ++start) {
        for (std::size_t r = 0; r < compiled_.size(); ++r) {
            const auto& rule = compiled_[r];
            const auto n = rule.words.size();
            if (n == 0 || start + n > words.size()) {
                continue;
            }
            bool match = true;
            for (std::size_t k = 0; k < n && match; ++k) {
                const auto& word = words[start + k].folded;
                const bool prefix = rule.prefixLast && k + 1 == n;
                match = prefix ? word.starts_with(rule.words[k]) : word == rule.words[k];
            }
            if (match) {
                const auto& first = words[start];
                const auto& last = words[start + n - 1];
                hits.push_back({first.byteBegin, last.byteEnd, first.utf16Begin, last.utf16End,
                                static_cast<std::int32_t>(r)});
            }
        }
    }
    return hits;
}

bool KeywordMatcher::matches(std::string_view text) const {
    return !find(text).empty();
}

}  // namespace sentinela::storage
