// A word-level vocabulary: the most frequent normalized words, kept to compare with subwords.
// Words missing from it encode as the unknown id.
#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>

#include "nlp/code_points.h"
#include "nlp/utf8.h"
#include "nlp/vocabulary.h"

namespace sentinela::nlp {
namespace {

// Heterogeneous lookup, so encoding looks words up by string_view without copying them.
struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordIds = std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>>;

void appendU32(std::string& out, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) out.push_back(static_cast<char>((value >> (8 * k)) & 0xFF));
}

class WordVocabulary final : public Tokenizer::Vocabulary {
public:
    explicit WordVocabulary(std::vector<std::string> words) : words_(std::move(words)) {
        ids_.reserve(words_.size());
        for (std::size_t i = 0; i < words_.size(); ++i) {
            if (!ids_.emplace(words_[i], static_cast<std::int32_t>(i)).second) {
                throw TokenizerError("the word vocabulary lists \"" + words_[i] +
                                     "\" twice; the tokenizer data is damaged: train it again");
            }
        }
    }

    void encode(std::string_view normalized, std::vector<std::int32_t>& ids) const override {
        ids.clear();
        thread_local std::vector<ByteSpan> words;
        words.clear();
        splitWords(normalized, words);
        for (const auto& w : words)
            ids.push_back(idOf(normalized.substr(w.begin, w.end - w.begin)));
    }

    void encodeWithSpans(std::string_view normalized,
                         std::vector<PieceSpan>& pieces) const override {
        pieces.clear();
        std::vector<ByteSpan> words;
        splitWords(normalized, words);
        for (const auto& w : words) {
            pieces.push_back({idOf(normalized.substr(w.begin, w.end - w.begin)), w.begin, w.end});
        }
    }

    std::string piece(std::int32_t id) const override {
        return words_.at(static_cast<std::size_t>(id));
    }
    std::int32_t size() const override { return static_cast<std::int32_t>(words_.size()); }

    std::string serialize() const override {
        std::string out;
        appendU32(out, static_cast<std::uint32_t>(words_.size()));
        for (const auto& word : words_) {
            appendU32(out, static_cast<std::uint32_t>(word.size()));
            out += word;
        }
        return out;
    }

private:
    std::int32_t idOf(std::string_view word) const {
        const auto it = ids_.find(word);
        return it == ids_.end() ? Tokenizer::kUnknownId : it->second;
    }

    std::vector<std::string> words_;  // id -> word
    WordIds ids_;
};

std::vector<std::string> reservedWords() {
    std::vector<std::string> words = {std::string(kPadPiece), std::string(kUnknownPiece)};
    for (const auto placeholder : kPlaceholders) words.emplace_back(placeholder);
    return words;
}

}  // namespace

std::unique_ptr<const Tokenizer::Vocabulary> trainWordVocabulary(
        const std::vector<std::string>& normalized, const TokenizerOptions& options) {
    if (options.vocabularySize < 16) {
        throw TokenizerError("vocabularySize " + std::to_string(options.vocabularySize) +
                             " is too small for a word vocabulary: use 5000 or more");
    }
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> counts;
    std::vector<ByteSpan> words;
    for (const auto& text : normalized) {
        words.clear();
        splitWords(text, words);
        for (const auto& w : words) {
            const std::string_view word = std::string_view(text).substr(w.begin, w.end - w.begin);
            const auto it = counts.find(word);
            if (it == counts.end()) {
                counts.emplace(std::string(word), 1);
            } else {
                ++it->second;
            }
        }
    }
    std::vector<std::string> vocabulary = reservedWords();
    std::vector<std::pair<std::string_view, std::int64_t>> ranked;
    for (const auto& [word, count] : counts) {
        const bool reserved =
                std::find(vocabulary.begin(), vocabulary.end(), word) != vocabulary.end();
        if (count >= options.wordMinCount && !reserved)
            ranked.emplace_back(word, count);
    }
    // Most frequent first; ties in byte order, so training is deterministic.
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    const std::size_t room = static_cast<std::size_t>(options.vocabularySize) - vocabulary.size();
    for (std::size_t k = 0; k < ranked.size() && k < room; ++k)
        vocabulary.emplace_back(ranked[k].first);
    return std::make_unique<WordVocabulary>(std::move(vocabulary));
}

std::unique_ptr<const Tokenizer::Vocabulary> loadWordVocabulary(std::string_view data) {
    auto readU32 = [&data](std::uint32_t& value) {
        if (data.size() < 4)
            return false;
        value = 0;
        for (int k = 0; k < 4; ++k) {
            value |= static_cast<std::uint32_t>(static_cast<unsigned char>(data[k])) << (8 * k);
        }
        data.remove_prefix(4);
        return true;
    };
    const char* damaged = "the tokenizer's word list is truncated or damaged: train it again";
    std::uint32_t count = 0;
    if (!readU32(count) || count > data.size() / 4 + 1)
        throw TokenizerError(damaged);
    std::vector<std::string> words;
    words.reserve(count);
    for (std::uint32_t k = 0; k < count; ++k) {
        std::uint32_t length = 0;
        if (!readU32(length) || length > data.size())
            throw TokenizerError(damaged);
        words.emplace_back(data.substr(0, length));
        data.remove_prefix(length);
    }
    const auto reserved = reservedWords();
    if (!data.empty() || words.size() < reserved.size() ||
        !std::equal(reserved.begin(), reserved.end(), words.begin())) {
        throw TokenizerError(damaged);
    }
    return std::make_unique<WordVocabulary>(std::move(words));
}

}  // namespace sentinela::nlp
