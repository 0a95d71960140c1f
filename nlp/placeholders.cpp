#include "nlp/placeholders.h"

#include <unicode/uchar.h>

namespace sentinela::nlp {
namespace {

char32_t at(CodePoints text, std::size_t i) {
    return i < text.size() ? text[i].value : 0;
}

bool isAsciiAlnum(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isAsciiAlpha(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Case-insensitive ASCII prefix test.
bool startsWith(CodePoints text, std::size_t i, std::string_view prefix) {
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        char32_t c = at(text, i + k);
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != static_cast<char32_t>(prefix[k]))
            return false;
    }
    return true;
}

// Length of a domain "label(.label)+" at i whose last label has 2+ letters; 0 if none.
// A trailing '.' (end of sentence) is not part of it.
std::size_t matchDomain(CodePoints text, std::size_t i) {
    std::size_t k = i, labels = 0, lastLabelLetters = 0, end = i;
    while (true) {
        const std::size_t labelStart = k;
        bool allLetters = true;
        while (isAsciiAlnum(at(text, k)) || (at(text, k) == '-' && k > labelStart)) {
            allLetters = allLetters && isAsciiAlpha(at(text, k));
            ++k;
        }
        if (k == labelStart)
            break;
        ++labels;
        lastLabelLetters = allLetters ? k - labelStart : 0;
        end = k;
        if (at(text, k) != '.' || !isAsciiAlnum(at(text, k + 1)))
            break;
        ++k;
    }
    return labels >= 2 && lastLabelLetters >= 2 ? end - i : 0;
}

bool endsUrl(char32_t c) {
    return c == 0 || isSpace(c) || c == '"' || c == '<' || c == '>' || c == 0x201C || c == 0x201D ||
           c == 0xAB || c == 0xBB;
}

bool isTrailingPunctuation(char32_t c) {
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
           c == 0x2026 || c == ')' || c == ']' || c == '}';
}

}  // namespace

std::size_t matchUrl(CodePoints text, std::size_t i) {
    std::size_t k = i;
    if (startsWith(text, i, "https://")) {
        k += 8;
    } else if (startsWith(text, i, "http://")) {
        k += 7;
    } else if (startsWith(text, i, "www.") && isAsciiAlnum(at(text, i + 4))) {
        k += 4;
    } else {
        const std::size_t domain = matchDomain(text, i);
        if (domain == 0 || at(text, i + domain) != '/')
            return 0;
        k += domain;
    }
    std::size_t opened = 0, closed = 0;
    while (!endsUrl(at(text, k))) {
        opened += at(text, k) == '(';
        closed += at(text, k) == ')';
        ++k;
    }
    // "(veja https://x.com/a)." ends at "a"; "wiki/Foo_(bar)" keeps its balanced ")".
    while (k > i && isTrailingPunctuation(at(text, k - 1))) {
        if (at(text, k - 1) == ')' && closed <= opened)
            break;
        closed -= at(text, k - 1) == ')';
        --k;
    }
    return k - i;
}

std::size_t matchEmail(CodePoints text, std::size_t i) {
    std::size_t k = i;
    auto isLocal = [](char32_t c) {
        return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    };
    while (isLocal(at(text, k))) ++k;
    if (k == i || at(text, k) != '@')
        return 0;
    const std::size_t domain = matchDomain(text, k + 1);
    return domain == 0 ? 0 : k + 1 + domain - i;
}

std::size_t matchMention(CodePoints text, std::size_t i) {
    if (at(text, i) != '@' || !isWordChar(at(text, i + 1)))
        return 0;
    std::size_t k = i + 1;
    while (isWordChar(at(text, k)) || (at(text, k) == '.' && isWordChar(at(text, k + 1)))) {
        ++k;
    }
    if (at(text, k) == '@') {  // Mastodon: @user@instance
        const std::size_t domain = matchDomain(text, k + 1);
        if (domain > 0)
            k += 1 + domain;
    }
    return k - i;
}

std::size_t matchNumber(CodePoints text, std::size_t i) {
    std::size_t k = i;
    while (isDecimalDigit(at(text, k))) {
        ++k;
        const char32_t c = at(text, k);
        if ((c == '.' || c == ',' || c == ':' || c == '/') && isDecimalDigit(at(text, k + 1))) {
            ++k;
        }
    }
    return k - i;
}

std::size_t matchEmoji(CodePoints text, std::size_t i) {
    const char32_t c = at(text, i);
    auto isPictograph = [](char32_t p) {
        return p >= 0xA9 &&
               u_hasBinaryProperty(static_cast<UChar32>(p), UCHAR_EXTENDED_PICTOGRAPHIC);
    };
    auto isRegional = [](char32_t p) { return p >= 0x1F1E6 && p <= 0x1F1FF; };
    std::size_t k = i;
    if ((c >= '0' && c <= '9') || c == '#' || c == '*') {  // keycap: base, FE0F?, U+20E3
        k = at(text, i + 1) == 0xFE0F ? i + 2 : i + 1;
        return at(text, k) == 0x20E3 ? k + 1 - i : 0;
    }
    if (isRegional(c)) {
        return isRegional(at(text, i + 1)) ? 2 : 1;
    }
    if (!isPictograph(c))
        return 0;
    ++k;
    while (true) {
        const char32_t next = at(text, k);
        if (next == 0xFE0E || next == 0xFE0F || (next >= 0x1F3FB && next <= 0x1F3FF) ||
            next == 0x20E3 || (next >= 0xE0020 && next <= 0xE007F)) {
            ++k;
        } else if (next == 0x200D && isPictograph(at(text, k + 1))) {
            k += 2;
        } else {
            break;
        }
    }
    return k - i;
}

}  // namespace sentinela::nlp
