// A trained text classifier: tokenizer + LSTM network + label names + score calibration +
// decision thresholds + training metadata. Load it from a model file, score posts, explain a
// score.
//
// Thread-safety: after load (or train), every const method is safe to call concurrently from many
// threads; each call uses its own scratch memory. save/setThresholds/setCalibration need
// exclusive access.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/calibration.h"
#include "nlp/reader_words.h"

namespace sentinela::nlp {
class Tokenizer;
}

namespace sentinela::model {

// A model file that parsed but does not describe a valid classifier (missing tensor, wrong
// shape, config mismatch). File-level problems throw ModelFileError (model/model_file.h).
struct ModelFile;  // model/model_file.h

class ClassifierError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ModelMetadata {
    std::string task;
    std::string createdAt;  // ISO 8601 UTC, "2026-11-26T10:00:00Z"
    std::string dataHash;   // FNV-1a 64 (hex) over the training texts and labels, in order
    std::uint64_t seed = 0;
    int threads = 0;
    std::int64_t trainExamples = 0;
    std::int64_t valExamples = 0;
    int epochsRun = 0;
    int bestEpoch = 0;
    bool cancelled = false;
    std::string selectedMetricName;  // "macro_f1", "macro_recall", ...
    double selectedMetric = 0.0;     // value on the validation split at bestEpoch
    // Its 95% bootstrap interval over the validation posts (model/validation.h): how much to
    // trust it. Both 0 for models trained before the interval existed.
    double selectedMetricLow = 0.0;
    double selectedMetricHigh = 0.0;
    bool hasMetricInterval() const { return selectedMetricHigh > 0.0; }
    std::string valMetricsJson;   // model::toJson(Metrics) of the best epoch, as text
    std::string trainConfigJson;  // model::toJson(TrainConfig), as text
    double trainSeconds = 0.0;
    std::string encoder;  // name of the pretrained encoder it started from ("" = none)
    // Problems train() accepted but the analyst should know about, e.g. "the validation split
    // has no post labeled 'threat'" (multi-label); also passed to TrainCallbacks::onWarning.
    std::vector<std::string> warnings;
    // Temperature fit on the validation split (calibration()): mean NLL per post before (T = 1)
    // and after. 0 for models trained before calibration existed.
    double valNllBefore = 0.0;
    double valNllAfter = 0.0;
};

// Above this half-width, the CLI and the GUI call a validation interval wide: models closer than
// that cannot be told apart on this validation set.
inline constexpr double kRoughValidationHalfWidth = 0.05;

// One word of the post as a reader sees it (nlp/reader_words.h: a run of letters, a #hashtag, an
// @mention, a URL, an emoji) and how much it moved the explained label's score.
struct WordAttribution {
    std::string text;  // the word as written in the original text
    nlp::WordKind kind = nlp::WordKind::kWord;
    // Span in the ORIGINAL text: bytes of UTF-8 and UTF-16 code units (for Qt), [begin, end).
    std::int32_t byteBegin = 0, byteEnd = 0;
    std::int32_t utf16Begin = 0, utf16End = 0;
    // score(post) minus score(post with this word removed), for the explained label. Positive =
    // pushes towards the label. Exact for the model: the edited text is scored like any post.
    float attribution = 0.0f;
    // The same change in log-odds, log(p / (1 - p)) of the label's score. Ranks the words as
    // `attribution` does, but does not saturate: in a post scored 0.9999 no single word moves
    // the probability by 0.01, while the one that matters still moves the log-odds by several.
    float logOdds = 0.0f;
};

struct Explanation {
    std::vector<float> scores;           // of the whole post, one per label
    int label = 0;                       // the label explained (index into labels())
    std::vector<WordAttribution> words;  // in text order
    // Words left unexplained: those after the model's maxTokens (it never reads them) and those
    // beyond kMaxExplainedWords. 0 for posts of ordinary length.
    int wordsNotExplained = 0;
};

// Wall-clock seconds spent per stage, accumulated over predictBatch calls (for `scan --timings`).
struct PredictTimings {
    double tokenizeSeconds = 0.0;
    double networkSeconds = 0.0;
    std::int64_t posts = 0;
    std::int64_t tokens = 0;
};

class Classifier {
public:
    struct Impl;  // defined in model/classifier_impl.h (network, tokenizer, labels)
    explicit Classifier(std::unique_ptr<Impl> impl);
    Classifier(Classifier&&) noexcept;
    Classifier& operator=(Classifier&&) noexcept;
    ~Classifier();

    // Throws ModelFileError (unreadable, corrupted, newer format) or ClassifierError.
    static Classifier load(const std::filesystem::path& file);
    // The same from a model file already in memory; `file` names it in errors.
    static Classifier fromModelFile(const ModelFile& in, const std::filesystem::path& file);
    void save(const std::filesystem::path& file) const;  // throws ModelFileError

    const std::vector<std::string>& labels() const;
    bool multiLabel() const;
    // Decision thresholds, one per label. Multi-label: label j is present when score_j >= t_j.
    // Single-label binary: the second label (index 1, e.g. "offensive") is chosen when its score
    // >= thresholds()[1]; otherwise argmax. Defaults 0.5 (multi-label: tuned on validation).
    const std::vector<float>& thresholds() const;
    void setThresholds(std::vector<float> thresholds);  // throws ClassifierError on wrong size
    // The temperature every score goes through (model/calibration.h); fitted on the validation
    // split by train(), T = 1 for older model files. setCalibration({}) gives the raw scores
    // (e.g. for comparing calibration errors); throws ClassifierError unless T > 0.
    const Calibration& calibration() const;
    void setCalibration(Calibration calibration);
    const ModelMetadata& metadata() const;
    const nlp::Tokenizer& tokenizer() const;
    int maxTokens() const;

    // Scores per label: softmax probabilities (single-label) or independent sigmoids, of the
    // logits divided by calibration().temperature.
    std::vector<float> predict(std::string_view text) const;
    // Scores of many posts, posts[i] -> result[i]. threads = 1 runs on the calling thread (the
    // scan pipeline calls it from its own workers); threads > 1 splits the posts over that many
    // threads. A post gets the same scores alone or in any batch.
    std::vector<std::vector<float>> predictBatch(std::span<const std::string> texts,
                                                 int threads = 1,
                                                 PredictTimings* timings = nullptr) const;
    std::vector<std::vector<float>> predictBatch(std::span<const std::string_view> texts,
                                                 int threads = 1,
                                                 PredictTimings* timings = nullptr) const;
    // Indices of the labels decided for these scores (see thresholds()); single-label: exactly one.
    std::vector<int> decide(std::span<const float> scores) const;

    // Per-word attributions for `label`, or for the top label when empty, by occlusion at the text
    // level: each word is removed from the text and the edited texts are scored together in one
    // predictBatch call on the calling thread. Explains at most kMaxExplainedWords words, all
    // within the model's maxTokens. Throws ClassifierError for a label outside labels().
    static constexpr int kMaxExplainedWords = 256;
    Explanation explain(std::string_view text, std::optional<int> label = std::nullopt) const;

    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace sentinela::model
