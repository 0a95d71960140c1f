// Words as a reader sees them in the ORIGINAL text of a post, for explanations: the units an
// analyst can read, point at and remove, whatever the tokenizer cuts them into.
//
// A word is one of:
//   - a URL, an e-mail address or an @mention (the normalizer's own recognisers, placeholders.h);
//   - a #hashtag: '#' and the letters, digits and '_' after it ("#ForaTemer" is one word);
//   - an emoji: a pictograph with its variation selector, skin tone and ZWJ-joined parts, a flag
//     or a keycap ("👩🏽‍💻" is one word);
//   - a number as the normalizer reads one ("1.000,50", "10:30");
//   - a run of letters, combining marks and digits, with an apostrophe (' or ’) or a hyphen
//     between two of them kept inside ("don't", "d’água", "guarda-chuva", "covid19").
// Everything else (spaces, punctuation, symbols) belongs to no word: "!!!" is not explained.
// This is our rule rather than ICU's word-break iterator: ICU splits hashtags, mentions and URLs
// into pieces, which is what the explanation must not show.
//
// Spans are [begin, end) in UTF-8 bytes and in UTF-16 code units (what QString counts). Invalid
// UTF-8 counts as one U+FFFD per maximal subpart, as everywhere in nlp/. Pure function:
// thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::nlp {

enum class WordKind { kWord, kHashtag, kMention, kUrl, kEmail, kEmoji };

struct ReaderWord {
    WordKind kind = WordKind::kWord;
    std::int32_t byteBegin = 0, byteEnd = 0;
    std::int32_t utf16Begin = 0, utf16End = 0;
};

// The words of `text`, in text order, never overlapping. Linear in the text's length.
std::vector<ReaderWord> readerWords(std::string_view text);

// The text without these words (in text order, as readerWords gives them). Where a removed word
// touched text on both sides ("lindo😍😍"), a space takes its place so that its neighbours do not
// merge into a new word ("lindo 😍"). What explanations score to measure a word's effect.
std::string withoutWords(std::string_view text, std::span<const ReaderWord> words);

// "word", "hashtag", "mention", "url", "email", "emoji" (for JSON output).
std::string_view wordKindName(WordKind kind);

}  // namespace sentinela::nlp
