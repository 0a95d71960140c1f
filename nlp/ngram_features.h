// Hashed word and character n-grams of a normalised post: the features of the classifier's wide
// branch (model/wide_layer.h). They are the terms scikit-learn's TfidfVectorizer counts with
// analyzer="word", ngram_range=(1, 2) and analyzer="char_wb", ngram_range=(2, 5), except that a
// term is hashed into one of `buckets` buckets instead of being looked up in a vocabulary:
//   - text: the first maxBytes bytes of the normalised text (cut at a code point), case-folded;
//   - words: maximal runs of word characters (letters, marks, digits, '_') of >= 2 code points,
//     as sklearn's token pattern \b\w\w+\b; word unigrams and bigrams of adjacent words;
//   - characters: each whitespace-separated chunk padded with one space on both sides, and every
//     n-gram of 2..5 code points inside it (a chunk shorter than n counts once, whole), as char_wb.
// Hash (fixed: a model file's weights depend on it): FNV-1a 64 taking one code point per step,
// h = (h xor cp) * 0x100000001b3 from the offset basis 0xcbf29ce484222325, first fed a kind tag
// ('w' word, 'b' bigram with U+0020 between the words, 'c' characters), then murmur3's fmix64;
// bucket = h mod buckets (buckets is a power of two).
// The work per post is linear in min(text size, maxBytes): a 300 KB post costs no more than its
// first maxBytes. Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sentinela::nlp {

struct NgramOptions {
    int buckets = 1 << 20;   // a power of two, 2^10..2^24
    int maxBytes = 4096;     // of normalised text; the rest of a longer post is not read
    bool words = true;       // word unigrams and bigrams
    bool characters = true;  // char_wb 2..5-grams
};

// Throws std::invalid_argument naming the field when buckets or maxBytes are out of range.
void validate(const NgramOptions& options);

// Clears `buckets` and appends the bucket of every n-gram occurrence, repeats kept (a term that
// occurs 3 times appears 3 times), in text order.
void hashNgrams(std::string_view normalized,
                const NgramOptions& options,
                std::vector<std::uint32_t>& buckets);

}  // namespace sentinela::nlp
