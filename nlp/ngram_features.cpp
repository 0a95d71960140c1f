#include "nlp/ngram_features.h"

#include <stdexcept>
#include <string>

#include "nlp/code_points.h"
#include "nlp/utf8.h"

namespace sentinela::nlp {

namespace {

constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ull;
constexpr std::uint64_t kPrime = 0x100000001b3ull;
constexpr int kMinChars = 2, kMaxChars = 5;

std::uint64_t step(std::uint64_t h, char32_t c) {
    return (h ^ static_cast<std::uint64_t>(c)) * kPrime;
}

// murmur3's 64-bit finaliser: FNV's low bits alone are poorly mixed for short inputs.
std::uint32_t bucketOf(std::uint64_t h, std::uint64_t mask) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb93fe53a87c5ull;
    h ^= h >> 33;
    return static_cast<std::uint32_t>(h & mask);
}

std::uint64_t hashRun(std::uint64_t h, const char32_t* begin, const char32_t* end) {
    for (const char32_t* c = begin; c != end; ++c) {
        h = step(h, *c);
    }
    return h;
}

// The case-folded code points of the first maxBytes bytes (never a partial code point).
void decodeFolded(std::string_view text, int maxBytes, std::u32string& out) {
    out.clear();
    const std::size_t limit = std::min(text.size(), static_cast<std::size_t>(maxBytes));
    std::size_t i = 0;
    while (i < limit) {
        char32_t c = 0;
        int length = utf8::decode(text.data() + i, text.size() - i, c);
        if (length < 0) {
            c = utf8::kReplacementChar;
            length = -length;
        }
        if (i + static_cast<std::size_t>(length) > limit) {
            break;
        }
        out.push_back(foldCase(c));
        i += static_cast<std::size_t>(length);
    }
}

void hashWords(const std::u32string& text, std::uint64_t mask, std::vector<std::uint32_t>& out) {
    const char32_t* previous = nullptr;
    const char32_t* previousEnd = nullptr;
    const char32_t* data = text.data();
    const std::size_t size = text.size();
    for (std::size_t i = 0; i < size;) {
        if (!isWordChar(data[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < size && isWordChar(data[end])) {
            ++end;
        }
        if (end - i >= 2) {
            out.push_back(bucketOf(hashRun(step(kOffsetBasis, 'w'), data + i, data + end), mask));
            if (previous != nullptr) {
                std::uint64_t h = hashRun(step(kOffsetBasis, 'b'), previous, previousEnd);
                h = hashRun(step(h, U' '), data + i, data + end);
                out.push_back(bucketOf(h, mask));
            }
            previous = data + i;
            previousEnd = data + end;
        }
        i = end;
    }
}

void hashCharacters(const std::u32string& text,
                    std::uint64_t mask,
                    std::u32string& padded,
                    std::vector<std::uint32_t>& out) {
    const std::size_t size = text.size();
    for (std::size_t i = 0; i < size;) {
        if (isSpace(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < size && !isSpace(text[end])) {
            ++end;
        }
        padded.assign(1, U' ');
        padded.append(text, i, end - i);
        padded.push_back(U' ');
        const std::size_t m = padded.size();
        // n-grams of 2..min(5, m) code points: for n >= m, sklearn's char_wb counts the whole
        // padded chunk once (at n == m) and stops.
        const std::size_t longest = std::min<std::size_t>(kMaxChars, m);
        for (std::size_t start = 0; start + kMinChars <= m; ++start) {
            std::uint64_t h = step(step(kOffsetBasis, 'c'), padded[start]);
            for (std::size_t n = 2; n <= longest && start + n <= m; ++n) {
                h = step(h, padded[start + n - 1]);
                out.push_back(bucketOf(h, mask));
            }
        }
        i = end;
    }
}

bool isPowerOfTwo(int n) {
    return n > 0 && (n & (n - 1)) == 0;
}

}  // namespace

void validate(const NgramOptions& options) {
    if (!isPowerOfTwo(options.buckets) || options.buckets < (1 << 10) ||
        options.buckets > (1 << 24)) {
        throw std::invalid_argument("buckets: must be a power of two in 2^10..2^24, got " +
                                    std::to_string(options.buckets));
    }
    if (options.maxBytes < 16 || options.maxBytes > (1 << 20)) {
        throw std::invalid_argument("maxBytes: must be 16..1048576, got " +
                                    std::to_string(options.maxBytes));
    }
    if (!options.words && !options.characters) {
        throw std::invalid_argument("words: words and characters are both off; turn one on");
    }
}

void hashNgrams(std::string_view normalized,
                const NgramOptions& options,
                std::vector<std::uint32_t>& buckets) {
    thread_local std::u32string text, padded;
    buckets.clear();
    decodeFolded(normalized, options.maxBytes, text);
    const auto mask = static_cast<std::uint64_t>(options.buckets) - 1;
    if (options.words) {
        hashWords(text, mask, buckets);
    }
    if (options.characters) {
        hashCharacters(text, mask, padded, buckets);
    }
}

}  // namespace sentinela::nlp
