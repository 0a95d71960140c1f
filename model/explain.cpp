// Explanations by occlusion at the text level: a word's attribution is how much the explained
// label's score drops when the word is removed from the post's text. The edited texts go through
// the same predictBatch as any post, so the attribution is exact for whatever the model contains
// (tokenizer, normalizer, every branch of the network), and cheap: the W edited copies of a post
// are scored together as one batch.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/classifier_impl.h"

namespace sentinela::model {
namespace {

// What of a long post matters to the explanation. The model reads the first maxTokens tokens, so
// only words starting before the last of them (`readEnd`) can move the score. Removing a word of
// k tokens pulls k more tokens into the model's window, so the edited copies keep the text up to
// k (+ a margin) tokens further, cut at a space so the words before the cut tokenize as before.
struct Window {
    std::size_t readEnd = 0;  // words starting here or later are not read by the model
    std::size_t textEnd = 0;  // the edited copies are made from text[0, textEnd)
};

Window modelWindow(const nlp::Tokenizer& tokenizer,
                   std::string_view text,
                   int maxTokens,
                   std::span<const nlp::ReaderWord> words) {
    const auto tokens = tokenizer.encodeWithOffsets(text);
    const auto read = static_cast<std::size_t>(maxTokens);
    if (tokens.size() <= read) {
        return {text.size(), text.size()};
    }
    Window window;
    for (std::size_t t = 0; t < read; ++t) {
        window.readEnd = std::max(window.readEnd, static_cast<std::size_t>(tokens[t].byteEnd));
    }
    // The most tokens any word that the model reads is made of (tokens come in text order).
    std::size_t widest = 0, t = 0;
    for (const auto& word : words) {
        if (static_cast<std::size_t>(word.byteBegin) >= window.readEnd) {
            break;
        }
        while (t < tokens.size() && tokens[t].byteBegin < word.byteBegin) {
            ++t;
        }
        std::size_t k = t;
        while (k < tokens.size() && tokens[k].byteBegin < word.byteEnd) {
            ++k;
        }
        widest = std::max(widest, k - t);
    }
    constexpr std::size_t kMarginTokens = 8;
    const std::size_t kept = std::min(tokens.size(), read + widest + kMarginTokens);
    std::size_t keptEnd = window.readEnd;  // a token of inserted text has an empty span: use max
    for (std::size_t k = read; k < kept; ++k) {
        keptEnd = std::max(keptEnd, static_cast<std::size_t>(tokens[k].byteEnd));
    }
    const auto cut = text.find_first_of(" \t\n\r\v\f", keptEnd);
    window.textEnd = cut == std::string_view::npos ? text.size() : cut;
    return window;
}

// log(p / (1 - p)) of label's score. Single-label: 1 - p is the other labels' probabilities
// summed, which keeps its precision when p rounds to 1.0f (they are tiny but exact floats).
double logOdds(std::span<const float> scores, int label, bool multiLabel) {
    constexpr double kFloor = 1e-30;
    const double p = scores[static_cast<std::size_t>(label)];
    double rest = 0.0;
    if (multiLabel) {
        rest = std::max(1.0 - p, 1e-7);  // a sigmoid's complement: float resolution near 1
    } else {
        for (std::size_t j = 0; j < scores.size(); ++j) {
            rest += j == static_cast<std::size_t>(label) ? 0.0 : scores[j];
        }
    }
    return std::log(std::max(p, kFloor)) - std::log(std::max(rest, kFloor));
}

// The wide branch reads the first maxBytes of the NORMALISED text, which can reach past the
// LSTM's window: words there move the score too, and the edited copies must keep enough text for
// the n-grams to be those of the whole post. Normalisation rarely shrinks text by more than 4x
// (long URLs become <url>, runs of a repeated character are cut), so 4 * maxBytes of the original
// keeps the wide branch's view exact in practice.
void widenForNgrams(std::string_view text, std::size_t maxBytes, Window& window) {
    auto cutAtSpace = [&](std::size_t at) {
        if (at >= text.size()) {
            return text.size();
        }
        const auto cut = text.find_first_of(" \t\n\r\v\f", at);
        return cut == std::string_view::npos ? text.size() : cut;
    };
    window.readEnd = std::max(window.readEnd, std::min(text.size(), maxBytes));
    window.textEnd = std::max(window.textEnd, cutAtSpace(4 * maxBytes));
}

}  // namespace

Explanation Classifier::explain(std::string_view text, std::optional<int> label) const {
    const auto& impl = *impl_;
    const int labels = static_cast<int>(impl.labels.size());
    if (label.has_value() && (*label < 0 || *label >= labels)) {
        throw ClassifierError("explain: label index " + std::to_string(*label) + " is outside 0.." +
                              std::to_string(labels - 1));
    }
    auto words = nlp::readerWords(text);
    Window window = modelWindow(impl.tokenizer, text, impl.maxTokens, words);
    if (impl.wide) {
        widenForNgrams(text, static_cast<std::size_t>(impl.wide->options().maxBytes), window);
    }
    const auto totalWords = words.size();
    std::erase_if(words, [&](const nlp::ReaderWord& word) {
        return static_cast<std::size_t>(word.byteBegin) >= window.readEnd;
    });
    if (words.size() > static_cast<std::size_t>(kMaxExplainedWords)) {
        words.resize(static_cast<std::size_t>(kMaxExplainedWords));
    }

    // The post itself first, then one copy per word without it: one batch, one thread.
    std::vector<std::string> texts;
    texts.reserve(words.size() + 1);
    texts.emplace_back(text);
    const std::string_view kept = text.substr(0, window.textEnd);
    for (const auto& word : words) {
        texts.push_back(nlp::withoutWords(kept, std::span(&word, 1)));
    }
    const auto scores = predictBatch(std::span<const std::string>(texts), 1);

    Explanation explanation;
    explanation.scores = scores.front();
    explanation.label = label.value_or(static_cast<int>(
            std::max_element(explanation.scores.begin(), explanation.scores.end()) -
            explanation.scores.begin()));
    explanation.wordsNotExplained = static_cast<int>(totalWords - words.size());
    const float base = explanation.scores[explanation.label];
    const double baseLogOdds =
            logOdds(explanation.scores, explanation.label, impl.network.shape().multiLabel);
    explanation.words.reserve(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        WordAttribution a;
        a.text = std::string(text.substr(word.byteBegin, word.byteEnd - word.byteBegin));
        a.kind = word.kind;
        a.byteBegin = word.byteBegin;
        a.byteEnd = word.byteEnd;
        a.utf16Begin = word.utf16Begin;
        a.utf16End = word.utf16End;
        a.attribution = base - scores[i + 1][explanation.label];
        a.logOdds = static_cast<float>(baseLogOdds - logOdds(scores[i + 1], explanation.label,
                                                             impl.network.shape().multiLabel));
        explanation.words.push_back(std::move(a));
    }
    return explanation;
}

}  // namespace sentinela::model
