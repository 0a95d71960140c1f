// Internal: text that remembers, for every byte, which bytes of an earlier text it came from.
// Every rewriting step (UTF-8 repair, mojibake repair, HTML entities, normalization) produces one,
// and composing them maps each output byte back to the ORIGINAL post, so a token can be
// highlighted in what the analyst actually sees. Plain value type; not shared between threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "nlp/normalizer.h"

namespace sentinela::nlp {

struct MappedText {
    std::string text;
    std::vector<ByteSpan> source;  // source.size() == text.size()

    void clear() {
        text.clear();
        source.clear();
    }
    void append(std::string_view bytes, ByteSpan from) {
        text.append(bytes);
        source.insert(source.end(), bytes.size(), from);
    }
    void append(char byte, ByteSpan from) {
        text.push_back(byte);
        source.push_back(from);
    }
};

// Rewrites spans that point into an intermediate text so they point into that text's own source:
// inner[i] is where byte i of the intermediate text came from.
inline ByteSpan composeSpan(ByteSpan outer, std::span<const ByteSpan> inner) {
    if (inner.empty()) {
        return {0, 0};
    }
    const auto n = static_cast<std::uint32_t>(inner.size());
    ByteSpan result;
    result.begin = outer.begin < n ? inner[outer.begin].begin : inner[n - 1].end;
    result.end = outer.end > outer.begin ? inner[outer.end - 1].end : result.begin;
    return result;
}

inline void composeSpans(std::vector<ByteSpan>& outer, std::span<const ByteSpan> inner) {
    for (auto& span : outer) {
        span = composeSpan(span, inner);
    }
}

}  // namespace sentinela::nlp
