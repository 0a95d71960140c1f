// Internal: what a Classifier holds, shared by classifier.cpp, classifier_file.cpp, explain.cpp and
// trainer.cpp. Immutable after construction except thresholds and calibration (see classifier.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/calibration.h"
#include "model/classifier.h"
#include "model/network.h"
#include "model/wide_layer.h"
#include "nlp/tokenizer.h"

namespace sentinela::model {

struct Classifier::Impl {
    Impl(nlp::Tokenizer tokenizerIn, Network<float> networkIn)
        : tokenizer(std::move(tokenizerIn)), network(std::move(networkIn)) {}

    nlp::Tokenizer tokenizer;
    Network<float> network;
    std::unique_ptr<WideLayer<float>> wide;  // null when trained without the wide branch
    std::vector<std::string> labels;
    std::vector<float> thresholds;
    Calibration calibration;
    ModelMetadata metadata;
    int maxTokens = 128;
};

// The part of a post the model can read: its first kInputBytesPerToken * maxTokens bytes (and at
// least the wide branch's window), cut at a space or a character. The network reads the first
// maxTokens tokens and no token spans 64 bytes of real text, so this changes no score of a real
// post; it bounds the work one hostile post costs (a 64 MiB line, a run without spaces).
inline constexpr std::size_t kInputBytesPerToken = 64;
std::string_view readablePrefix(std::string_view text, int maxTokens, int wideBytes = 0);

// Token ids of one post as the network sees it: at most maxTokens ids (the first ones), and an
// empty post becomes the single pad id so that it still gets a score.
void encodeForNetwork(const nlp::Tokenizer& tokenizer,
                      std::string_view text,
                      int maxTokens,
                      std::vector<std::int32_t>& ids);

// What scoreEncoded writes per post and label.
struct ScoreOutput {
    Calibration calibration;  // probabilities of logits / temperature (T = 1: raw)
    bool logits = false;      // the final logits instead, for fitting the temperature
};

// encodeForNetwork, and the post's n-gram counts for the wide branch (values are counts; the
// caller applies tf-idf), from one normalisation of the text.
void encodeWithNgrams(const nlp::Tokenizer& tokenizer,
                      std::string_view text,
                      int maxTokens,
                      const nlp::NgramOptions& ngrams,
                      std::vector<std::int32_t>& ids,
                      SparseFeatures& counts);

// Scores (L per post, row-major post x label) of already-encoded posts, posts sorted by length
// and cut into chunks of at most kInferenceChunk, spread over `threads` threads (1 = the calling
// thread only). scores must hold posts.size() * L values.
inline constexpr int kInferenceChunk = 64;
void scoreEncoded(const Network<float>& network,
                  std::span<const std::vector<std::int32_t>> posts,
                  int threads,
                  std::span<float> scores,
                  const ScoreOutput& output = {},
                  int chunk = kInferenceChunk);
// The same with the wide branch: features[i] (tf-idf) belongs to posts[i]; wide may be null.
void scoreEncoded(const Network<float>& network,
                  const WideLayer<float>* wide,
                  std::span<const std::vector<std::int32_t>> posts,
                  std::span<const SparseFeatures> features,
                  int threads,
                  std::span<float> scores,
                  const ScoreOutput& output = {},
                  int chunk = kInferenceChunk);

}  // namespace sentinela::model
