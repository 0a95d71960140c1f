// The text normalizer: turns a raw post into the text the tokenizer sees, identically at training
// and at scan time, and remembers where each output byte came from in the raw post.
//
// Steps, in order (docs/nlp.md has the full rules and examples):
//  1. repair (text_repair.h): invalid UTF-8 -> U+FFFD (counted), mojibake, HTML entities;
//  2. Unicode NFKC ("ｆｕｌｌ" -> "full", "ﬁ" -> "fi"); control and format characters removed,
//     except ZWJ, variation selectors, tag characters and skin tones that emoji need;
//  3. placeholders (each switchable): URLs -> <url>, e-mail addresses -> <email>,
//     @mentions -> <mention>, numbers -> <number>;
//  4. "#hashtag" -> "# hashtag" (and "#ForaTemer" -> "# fora temer": camel case is split);
//  5. emoji kept, each as its own space-separated token ("lindo😍" -> "lindo 😍");
//  6. case folding (option), accent stripping (option, off: in Portuguese "é" and "e" differ);
//  7. the same character more than maxCharRepeat times in a row is cut ("muuuuito" -> "muuuito";
//     digits are never cut); whitespace collapsed to one space, none at the ends.
//
// Normalizer is immutable after construction: apply* are const and safe to call from many
// threads at once (ICU's normalizer instances are shared read-only; scratch is per call).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::nlp {

// The placeholder tokens, written with ASCII brackets so they survive case folding; a literal
// "<url>" typed in a post is read as the placeholder, which is harmless.
inline constexpr std::string_view kUrlToken = "<url>";
inline constexpr std::string_view kMentionToken = "<mention>";
inline constexpr std::string_view kEmailToken = "<email>";
inline constexpr std::string_view kNumberToken = "<number>";

struct NormalizerOptions {
    bool caseFold = true;
    int maxCharRepeat = 3;  // 0 or less: never cut repeats
    bool replaceUrls = true, replaceMentions = true, replaceEmails = true, replaceNumbers = true,
         splitHashtags = true, stripAccents = false;

    friend bool operator==(const NormalizerOptions&, const NormalizerOptions&) = default;
};

// Half-open byte range [begin, end) of a source text; begin == end marks inserted text (a
// separating space the normalizer added), anchored where it was inserted.
struct ByteSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

// The normalized text and, for each of its bytes, the bytes of the ORIGINAL text it came from.
struct NormalizedText {
    std::string text;
    std::vector<ByteSpan> source;      // source.size() == text.size()
    int replacedInvalidSequences = 0;  // invalid UTF-8 sequences replaced by U+FFFD
};

// A word of normalized text as the word-level vocabulary splits it: placeholders and emoji
// whole, runs of letters and digits, runs of other characters ("!!!").
struct NormalizedWord {
    std::string text;     // normalized
    ByteSpan original;    // bytes of the original text it came from
    ByteSpan normalized;  // bytes of the normalized text
};

class Normalizer {
public:
    explicit Normalizer(NormalizerOptions options = {});

    std::string apply(std::string_view text) const;
    NormalizedText applyWithOffsets(std::string_view text) const;
    // As apply(), into a caller-owned string (reused across calls: no allocation once warm).
    void applyInto(std::string_view text, std::string& out) const;

    // The words of the normalized text, each with its span in the original: what `sentinela
    // tokenize` shows without a tokenizer, and what a word vocabulary encodes.
    std::vector<NormalizedWord> words(std::string_view text) const;

    const NormalizerOptions& options() const { return options_; }

private:
    NormalizerOptions options_;
};

}  // namespace sentinela::nlp
