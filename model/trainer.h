// Training an LSTM text classifier: the one entry point that the CLI (`sentinela train`) and the
// GUI (training page) both call. train() trains the tokenizer on the training texts, then the
// network with AdamW on length-bucketed mini-batches split over `threads` worker threads, runs a
// validation pass after every epoch, stops early on the task's metric, restores the best epoch,
// fits the score temperature on the validation split (model/calibration.h), tunes multi-label
// thresholds on the calibrated scores and returns the classifier. Results are reproducible for a
// fixed seed and thread count.
//
// Thread-safety: train() is reentrant (no shared state); callbacks run on the calling thread.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "model/classifier.h"
#include "model/encoder.h"
#include "model/labeled_texts.h"
#include "model/metrics.h"
#include "model/network_config.h"
#include "nlp/ngram_features.h"
#include "nlp/tokenizer.h"

namespace sentinela::model {

// The quantity early stopping maximises on the validation split.
enum class SelectionMetric {
    kAuto,  // macro recall for sentiment tasks (task name contains "sentiment"), else macro-F1
    kMacroF1,
    kMacroRecall,  // TweetEval's metric for sentiment
    kAccuracy,
};

enum class ClassWeighting {
    kAuto,  // kBalanced when the largest class has >= 1.5x the examples of the smallest
    kNone,
    kBalanced,  // weight_c = N / (C * count_c), as scikit-learn's class_weight="balanced"
};

enum class LearningRateSchedule {
    kConstant,
    kLinear,  // linear warm-up, then linear decay to 10% of the peak over the planned epochs
    kCosine,  // linear warm-up, then cosine decay to 10% of the peak
};

// The wide branch (model/wide_layer.h): a linear layer over hashed word and character n-gram
// tf-idf, trained jointly with the LSTM, its output added to the logits. On by default: it won on
// the validation splits (docs/benchmarks.md, "Wide branch"), most with few labels.
enum class WideOptimizerKind {
    kAdamW,  // lazy AdamW: every n-gram moves about learningRate per step it occurs in
    kSgd,    // plain SGD: an n-gram moves in proportion to its gradient, as logistic regression's
             // solvers do (AdamW memorises rare n-grams within two epochs with few labels)
};

struct WideConfig {
    bool enabled = true;
    WideOptimizerKind optimizer = WideOptimizerKind::kSgd;
    nlp::NgramOptions ngrams;    // buckets (2^20), maxBytes (4096), words, characters
    float learningRate = 10.0f;  // its own peak rate, on the network's schedule (AdamW: ~3e-2)
    // Decoupled weight decay on every column every step (W *= 1 - learningRate * weightDecay):
    // the L2 penalty that plays logistic regression's C. Not part of gradient clipping.
    float weightDecay = 1e-4f;  // AdamW: ~0.1
};

// Every knob of a training run. The defaults are the tuned configuration (docs/benchmarks.md,
// "Model accuracy"); `sentinela train` with no flags uses exactly these.
struct TrainConfig {
    std::string task;                 // e.g. "offensive", "sentiment", "illegal-content"
    bool multiLabel = false;          // one sigmoid per label (binary cross-entropy) vs. softmax
    std::vector<std::string> labels;  // label order; empty = sorted names found in the training set
    nlp::TokenizerOptions tokenizer;
    NetworkConfig network;
    WideConfig wide;
    int maxTokens = 128;  // longer posts keep their first maxTokens tokens
    int epochs = 12;
    int batchSize = 32;
    float learningRate = 1e-3f;  // AdamW peak learning rate (chosen on the val splits)
    float weightDecay = 1e-4f;   // AdamW decoupled weight decay (not applied to biases)
    float beta1 = 0.9f;
    float beta2 = 0.999f;
    float gradientClipNorm = 5.0f;  // global L2 norm; 0 = off
    // Single-label: the training target puts 1 - labelSmoothing on the gold label and spreads
    // labelSmoothing evenly over all labels (model/loss.h); 0 = plain cross-entropy.
    float labelSmoothing = 0.0f;
    LearningRateSchedule schedule = LearningRateSchedule::kLinear;
    float warmupFraction = 0.05f;  // of the planned steps
    int patience = 3;              // epochs without improvement before stopping; 0 = never stop
    SelectionMetric selectionMetric = SelectionMetric::kAuto;
    ClassWeighting classWeighting = ClassWeighting::kAuto;
    // Fine-tuning from a pretrained encoder (ignored without one), ULMFiT's levers: the
    // embedding and LSTM learn at learningRate * encoderLearningRateScale (discriminative rates),
    // and stay frozen for the first encoderFrozenEpochs epochs (gradual unfreezing).
    float encoderLearningRateScale = 0.5f;
    int encoderFrozenEpochs = 0;
    // Polyak averaging (model/weight_average.h): validate and keep an exponential moving average
    // of the weights over about this many epochs of steps instead of the last step's weights;
    // 0 = off.
    float weightAverageEpochs = 0.0f;
    std::uint64_t seed = 42;
    int threads = 2;  // worker threads; 0 = all hardware threads
};

// Throws TrainConfigError naming the offending field ("network.hiddenSize: must be 1..4096").
class TrainConfigError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};
nlohmann::json toJson(const TrainConfig& config);
// Missing fields keep their defaults; unknown fields and out-of-range values throw.
TrainConfig trainConfigFromJson(const nlohmann::json& json);
void validate(const TrainConfig& config);  // throws TrainConfigError

// Bad training data (no texts, a single class, a validation label absent from training...).
class TrainError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
// Thrown when the stop token fires before the first epoch finished (nothing worth keeping).
class TrainingCancelled : public std::runtime_error {
public:
    TrainingCancelled() : std::runtime_error("training cancelled before the first epoch ended") {}
};

struct StepProgress {
    int epoch = 0;  // 1-based
    int epochs = 0;
    std::int64_t step = 0;  // 1-based within the epoch
    std::int64_t stepsPerEpoch = 0;
    double loss = 0.0;  // running mean of this epoch's training loss
    double learningRate = 0.0;
    double elapsedSeconds = 0.0;  // since train() started
};

struct EpochReport {
    int epoch = 0;  // 1-based
    int epochs = 0;
    double trainLoss = 0.0;
    // Of the raw scores (T = 1): the temperature is fitted once, after the last epoch; the
    // returned classifier's metadata().valMetricsJson is of the calibrated scores.
    double valLoss = 0.0;
    Metrics valMetrics;
    double selectedMetric = 0.0;  // the value early stopping compares
    std::string selectedMetricName;
    bool improved = false;  // best so far (this epoch's weights are kept)
    int bestEpoch = 0;
    double epochSeconds = 0.0;  // training pass only
    double validationSeconds = 0.0;
};

struct TrainCallbacks {
    std::function<void(const StepProgress&)> onStep;  // every ~1% of an epoch
    std::function<void(const EpochReport&)> onEpoch;
    std::function<void(const std::string&)> onStage;  // "training tokenizer", "encoding", ...
    // A problem train() accepts but the analyst should see (also kept in metadata().warnings).
    std::function<void(const std::string&)> onWarning;
};

// Trains on `train`, selects the epoch on `val` (must be non-empty). With an encoder, the
// classifier uses its tokenizer and starts from its embedding and LSTM weights (the network's
// shape fields embeddingDim, hiddenSize, layers and bidirectional come from the encoder). When
// `stop` fires after at least one epoch ended, returns the best epoch so far with
// metadata().cancelled = true; before that, throws TrainingCancelled. Throws TrainConfigError /
// TrainError for bad input, including a single-label validation split without a post of some label
// (the macro-F1 that selects the epoch would be meaningless); for multi-label tasks such labels are
// a warning instead (rare labels are normal), passed to onWarning and kept in metadata().warnings.
Classifier train(const TrainConfig& config,
                 const LabeledTexts& train,
                 const LabeledTexts& val,
                 std::stop_token stop = {},
                 const TrainCallbacks& callbacks = {},
                 const Encoder* encoder = nullptr);

}  // namespace sentinela::model
