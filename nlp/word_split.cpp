// Word-level splitting of normalized text, shared by the word vocabulary and Normalizer::words.
#include <algorithm>

#include "nlp/code_points.h"
#include "nlp/utf8.h"
#include "nlp/vocabulary.h"

namespace sentinela::nlp {

void splitWords(std::string_view text, std::vector<ByteSpan>& words) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t chunkEnd = std::min(text.find(' ', i), text.size());
        const std::string_view chunk = text.substr(i, chunkEnd - i);
        const bool isPlaceholder = !chunk.empty() && chunk.front() == '<' &&
                                   std::find(std::begin(kPlaceholders), std::end(kPlaceholders),
                                             chunk) != std::end(kPlaceholders);
        if (isPlaceholder) {
            words.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(chunkEnd)});
        } else {
            // Runs of word characters and runs of the rest: "r$" -> "r" "$", "oi!!!" -> "oi" "!!!".
            std::size_t start = i;
            int startClass = -1;
            for (std::size_t k = i; k < chunkEnd;) {
                char32_t c = 0;
                int n = utf8::decode(text.data() + k, chunkEnd - k, c);
                if (n < 0)
                    n = -n;
                const int charClass = isWordChar(c) ? 1 : 0;
                if (startClass >= 0 && charClass != startClass && c != 0x200D && c != 0xFE0F) {
                    words.push_back(
                            {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(k)});
                    start = k;
                }
                if (c != 0x200D && c != 0xFE0F)
                    startClass = charClass;
                k += static_cast<std::size_t>(n);
            }
            if (chunkEnd > start) {
                words.push_back(
                        {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(chunkEnd)});
            }
        }
        i = chunkEnd + 1;
    }
}

std::vector<NormalizedWord> Normalizer::words(std::string_view text) const {
    const NormalizedText normalized = applyWithOffsets(text);
    std::vector<ByteSpan> spans;
    splitWords(normalized.text, spans);
    std::vector<NormalizedWord> words;
    words.reserve(spans.size());
    for (const auto& span : spans) {
        ByteSpan original{normalized.source[span.begin].begin, 0};
        for (std::uint32_t k = span.begin; k < span.end; ++k) {
            original.begin = std::min(original.begin, normalized.source[k].begin);
            original.end = std::max(original.end, normalized.source[k].end);
        }
        words.push_back(
                {normalized.text.substr(span.begin, span.end - span.begin), original, span});
    }
    return words;
}

}  // namespace sentinela::nlp
