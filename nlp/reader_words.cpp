#include "nlp/reader_words.h"

#include <algorithm>

#include "nlp/code_points.h"
#include "nlp/placeholders.h"
#include "nlp/utf8.h"

namespace sentinela::nlp {
namespace {

// The code points of the original text as written (no NFKC: the spans must cover the bytes the
// reader sees), each with its byte range; utf16[i] is where code point i starts in UTF-16.
struct DecodedText {
    std::vector<CodePoint> points;
    std::vector<std::int32_t> utf16;  // one more than points: the end
};

DecodedText decode(std::string_view text) {
    DecodedText decoded;
    decoded.points.reserve(text.size());
    decoded.utf16.reserve(text.size() + 1);
    std::int32_t units = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        int length = utf8::decode(text.data() + i, text.size() - i, c);
        if (length < 0) {
            c = utf8::kReplacementChar;
            length = -length;
        }
        const auto begin = static_cast<std::uint32_t>(i);
        i += static_cast<std::size_t>(length);
        decoded.points.push_back({c, begin, static_cast<std::uint32_t>(i)});
        decoded.utf16.push_back(units);
        units += c >= 0x10000 ? 2 : 1;
    }
    decoded.utf16.push_back(units);
    return decoded;
}

char32_t at(CodePoints text, std::size_t i) {
    return i < text.size() ? text[i].value : 0;
}

bool isJoiner(char32_t c) {
    return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010;  // ' ’ - ‐
}

// A run of word characters with single apostrophes or hyphens between them ("don't").
std::size_t matchPlainWord(CodePoints text, std::size_t i) {
    std::size_t k = i;
    while (isWordChar(at(text, k)) ||
           (k > i && isJoiner(at(text, k)) && isWordChar(at(text, k + 1)))) {
        ++k;
    }
    return k - i;
}

std::size_t matchHashtag(CodePoints text, std::size_t i) {
    if (at(text, i) != '#' || !isWordChar(at(text, i + 1))) {
        return 0;
    }
    std::size_t k = i + 1;
    while (isWordChar(at(text, k))) {
        ++k;
    }
    return k - i;
}

// The longest word starting at i, and its kind; {0, _} when no word starts there.
std::pair<std::size_t, WordKind> matchWord(CodePoints text, std::size_t i) {
    // As in the normalizer: URLs, addresses, mentions and hashtags start only where a word could
    // ("e-mail@x.com" is an address, "ab@cd" inside a word is not a mention).
    const bool wordStart = i == 0 || !isWordChar(text[i - 1].value);
    if (wordStart) {
        if (const auto m = matchUrl(text, i); m > 0) {
            return {m, WordKind::kUrl};
        }
        if (const auto m = matchEmail(text, i); m > 0) {
            return {m, WordKind::kEmail};
        }
        if (const auto m = matchMention(text, i); m > 0) {
            return {m, WordKind::kMention};
        }
        if (const auto m = matchHashtag(text, i); m > 0) {
            return {m, WordKind::kHashtag};
        }
        // "1.000,50" and "10:30" read as one number, as the normalizer's <number> sees them.
        if (const auto m = matchNumber(text, i); m > matchPlainWord(text, i)) {
            return {m, WordKind::kWord};
        }
    }
    if (const auto m = matchEmoji(text, i);
        m > 0) {  // before plain words: keycaps start with digits
        return {m, WordKind::kEmoji};
    }
    return {matchPlainWord(text, i), WordKind::kWord};
}

}  // namespace

std::vector<ReaderWord> readerWords(std::string_view text) {
    const DecodedText decoded = decode(text);
    const CodePoints points(decoded.points);
    std::vector<ReaderWord> words;
    for (std::size_t i = 0; i < points.size();) {
        const auto [length, kind] = matchWord(points, i);
        if (length == 0) {
            ++i;  // a space, punctuation or a symbol: part of no word
            continue;
        }
        const std::size_t end = i + length;
        words.push_back({kind, static_cast<std::int32_t>(points[i].begin),
                         static_cast<std::int32_t>(points[end - 1].end), decoded.utf16[i],
                         decoded.utf16[end]});
        i = end;
    }
    return words;
}

std::string withoutWords(std::string_view text, std::span<const ReaderWord> words) {
    auto isSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    std::string edited;
    edited.reserve(text.size());
    std::size_t position = 0;
    for (const auto& word : words) {
        const auto begin =
                std::clamp(static_cast<std::size_t>(word.byteBegin), position, text.size());
        const auto end = std::clamp(static_cast<std::size_t>(word.byteEnd), begin, text.size());
        edited.append(text.substr(position, begin - position));
        const bool spaceBefore = edited.empty() || isSpace(edited.back());
        const bool spaceAfter = end == text.size() || isSpace(text[end]);
        if (!spaceBefore && !spaceAfter) {
            edited += ' ';
        }
        position = end;
    }
    edited.append(text.substr(position));
    return edited;
}

std::string_view wordKindName(WordKind kind) {
    switch (kind) {
        case WordKind::kWord:
            return "word";
        case WordKind::kHashtag:
            return "hashtag";
        case WordKind::kMention:
            return "mention";
        case WordKind::kUrl:
            return "url";
        case WordKind::kEmail:
            return "email";
        case WordKind::kEmoji:
            return "emoji";
    }
    return "word";
}

}  // namespace sentinela::nlp
