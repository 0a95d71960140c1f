// Explanations by occlusion: a token's attribution is how much the explained label's score drops
// when that token is removed from the post. Exact for the model (no gradient approximation), and
// cheap: the T occluded copies of a post are scored together as one batch.
#include <algorithm>
#include <stdexcept>

#include "model/classifier_impl.h"

namespace sentinela::model {

Explanation Classifier::explain(std::string_view text, std::optional<int> label) const {
    const auto& impl = *impl_;
    auto tokens = impl.tokenizer.encodeWithOffsets(text);
    if (static_cast<int>(tokens.size()) > impl.maxTokens) {
        tokens.resize(static_cast<std::size_t>(impl.maxTokens));
    }
    std::vector<std::vector<std::int32_t>> posts;
    std::vector<std::int32_t> full;
    for (const auto& token : tokens) {
        full.push_back(token.id);
    }
    if (full.empty()) {
        full.push_back(nlp::Tokenizer::kPadId);
    }
    posts.push_back(full);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        std::vector<std::int32_t> occluded;
        for (std::size_t j = 0; j < tokens.size(); ++j) {
            if (j != i) {
                occluded.push_back(tokens[j].id);
            }
        }
        if (occluded.empty()) {
            occluded.push_back(nlp::Tokenizer::kPadId);
        }
        posts.push_back(std::move(occluded));
    }
    const int labels = static_cast<int>(impl.labels.size());
    std::vector<float> scores(posts.size() * static_cast<std::size_t>(labels));
    scoreEncoded(impl.network, posts, 1, scores, {impl.calibration});

    Explanation explanation;
    explanation.scores.assign(scores.begin(), scores.begin() + labels);
    if (label.has_value()) {
        if (*label < 0 || *label >= labels) {
            throw ClassifierError("explain: label index " + std::to_string(*label) +
                                  " is outside 0.." + std::to_string(labels - 1));
        }
        explanation.label = *label;
    } else {
        explanation.label = static_cast<int>(
                std::max_element(explanation.scores.begin(), explanation.scores.end()) -
                explanation.scores.begin());
    }
    const float base = explanation.scores[explanation.label];
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        TokenAttribution a;
        a.tokenId = tokens[i].id;
        a.piece = impl.tokenizer.piece(tokens[i].id);
        a.byteBegin = tokens[i].byteBegin;
        a.byteEnd = tokens[i].byteEnd;
        a.utf16Begin = tokens[i].utf16Begin;
        a.utf16End = tokens[i].utf16End;
        a.attribution = base - scores[(i + 1) * labels + explanation.label];
        explanation.tokens.push_back(std::move(a));
    }
    return explanation;
}

}  // namespace sentinela::model
