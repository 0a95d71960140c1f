// The training loop: tokenizer, encoding, then epochs of length-bucketed mini-batches
// (TrainingStep), a validation pass after each epoch, early stopping on the task's metric and the
// best epoch's weights restored at the end.
#include "model/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>

#include "model/classifier_impl.h"
#include "model/encoder_impl.h"
#include "model/run_clock.h"
#include "model/training_data.h"
#include "model/training_step.h"
#include "model/validation.h"
#include "model/weight_average.h"

namespace sentinela::model {

namespace {

float scheduledRate(const TrainConfig& c, std::int64_t step, std::int64_t totalSteps) {
    const auto warmup = static_cast<std::int64_t>(c.warmupFraction * double(totalSteps));
    if (step < warmup) {
        return c.learningRate * float(step + 1) / float(warmup + 1);
    }
    const double span = double(std::max<std::int64_t>(1, totalSteps - warmup));
    const double progress = std::min(1.0, double(step - warmup) / span);
    switch (c.schedule) {
        case LearningRateSchedule::kConstant:
            return c.learningRate;
        case LearningRateSchedule::kLinear:
            return c.learningRate * float(1.0 - 0.9 * progress);
        case LearningRateSchedule::kCosine:
            return c.learningRate * float(0.1 + 0.45 * (1.0 + std::cos(M_PI * progress)));
    }
    return c.learningRate;
}

// The embedding and LSTM tensors of the encoder into the classifier's network (same names).
void copyEncoderWeights(const Encoder& encoder, Network<float>& network) {
    auto& source = const_cast<Network<float>&>(encoder.impl().network);
    std::vector<const Matrix<float>*> tensors;
    source.params().forEach(source.shape(), [&](const std::string& name, Matrix<float>& m, bool) {
        if (name == "embedding" || name.rfind("lstm.", 0) == 0) {
            tensors.push_back(&m);
        }
    });
    std::size_t i = 0;
    network.params().forEach(network.shape(), [&](const std::string& name, Matrix<float>& m, bool) {
        if (name == "embedding" || name.rfind("lstm.", 0) == 0) {
            m = *tensors.at(i++);
        }
    });
}

void stage(const TrainCallbacks& callbacks, const std::string& name) {
    if (callbacks.onStage) {
        callbacks.onStage(name);
    }
}

std::string quotedList(const std::vector<std::string>& names) {
    std::string list;
    for (const auto& name : names) {
        list += (list.empty() ? "'" : ", '") + name + "'";
    }
    return list;
}

// A validation split without some label: a single-label task cannot select epochs on it (the
// label's recall and F1 are 0 whatever the model does); a multi-label task can, with a warning.
std::vector<std::string> checkValidationLabels(const TrainConfig& config,
                                               const LabeledTexts& val,
                                               const std::vector<std::string>& labels,
                                               const TrainCallbacks& callbacks) {
    const auto absent = absentLabels(val, labels);
    if (absent.empty()) {
        return {};
    }
    const std::string which = "the validation split (" + std::to_string(val.size()) +
                              " posts) has no post labeled " + quotedList(absent);
    const std::string remedy = "Label more posts as " + quotedList(absent) +
                               ", or keep a larger share of the labeled posts for validation";
    if (!config.multiLabel) {
        throw TrainError(which + ", so the " + metricName(resolveMetric(config)) +
                         " that selects the best epoch would be meaningless. " + remedy + ".");
    }
    const bool one = absent.size() == 1;
    const std::string warning =
            which + "; " +
            (one ? "its decision threshold stays 0.5 and its F1 counts as 0"
                 : "their decision thresholds stay 0.5 and their F1 counts as 0") +
            " in the validation macro-F1. " + remedy + ".";
    if (callbacks.onWarning) {
        callbacks.onWarning(warning);
    }
    return {warning};
}

}  // namespace

Classifier train(const TrainConfig& config,
                 const LabeledTexts& train,
                 const LabeledTexts& val,
                 std::stop_token stop,
                 const TrainCallbacks& callbacks,
                 const Encoder* encoder) {
    const auto started = Clock::now();
    validate(config);
    if (train.size() == 0) {
        throw TrainError("the training set is empty; label some posts first");
    }
    if (val.size() == 0) {
        throw TrainError("the validation set is empty; early stopping needs held-out posts");
    }
    const auto labels = resolveLabels(config, train);
    const int l = static_cast<int>(labels.size());
    auto warnings = checkValidationLabels(config, val, labels, callbacks);

    stage(callbacks, encoder != nullptr ? "reading encoder" : "training tokenizer");
    auto tokenizer = encoder != nullptr ? nlp::Tokenizer::fromBytes(encoder->tokenizer().toBytes())
                                        : nlp::Tokenizer::train(train.texts, config.tokenizer);
    stage(callbacks, "encoding posts");
    EncodedSet trainSet = encodeSet(tokenizer, train, labels, config, "train");
    EncodedSet valSet = encodeSet(tokenizer, val, labels, config, "val");
    std::unique_ptr<WideLayer<float>> wide;
    if (config.wide.enabled) {
        wide = std::make_unique<WideLayer<float>>(
                config.wide.ngrams, l, fitIdf(trainSet.wide, config.wide.ngrams.buckets));
        for (auto* set : {&trainSet, &valSet}) {
            for (auto& features : set->wide) {
                applyTfidf(wide->idf(), features);
            }
        }
    }

    NetworkShape shape;
    shape.config = config.network;
    shape.vocabularySize = tokenizer.vocabularySize();
    shape.labels = l;
    shape.multiLabel = config.multiLabel;
    if (encoder != nullptr) {
        const auto& e = encoder->network();
        shape.config.embeddingDim = e.embeddingDim;
        shape.config.hiddenSize = e.hiddenSize;
        shape.config.layers = e.layers;
        shape.config.bidirectional = e.bidirectional;
    }
    Network<float> network(shape);
    network.initialize(mixSeed(config.seed, 1));
    if (encoder != nullptr) {
        copyEncoderWeights(*encoder, network);
    }
    TrainingStep step(config, trainSet, classWeights(config, trainSet, l), network, wide.get());

    const auto metric = resolveMetric(config);
    const std::vector<float> defaultThresholds(l, 0.5f);
    Random shuffle(mixSeed(config.seed, 2));
    const std::int64_t stepsPerEpoch =
            (static_cast<std::int64_t>(trainSet.ids.size()) + config.batchSize - 1) /
            config.batchSize;
    const std::int64_t totalSteps = stepsPerEpoch * config.epochs;
    std::optional<NetworkParams<float>> best;
    Matrix<float> bestWide;  // W of the best epoch, its scale folded in
    Evaluation bestEvaluation;
    int bestEpoch = 0;
    int epochsRun = 0;
    bool cancelled = false;
    std::int64_t globalStep = 0;
    std::optional<WeightAverage> average;
    if (config.weightAverageEpochs > 0.0f) {
        average.emplace(network, wide.get(), config.weightAverageEpochs, stepsPerEpoch);
    }

    stage(callbacks, "training");
    for (int epoch = 1; epoch <= config.epochs && !cancelled; ++epoch) {
        const auto epochStart = Clock::now();
        const auto batches = makeBatches(trainSet, config.batchSize, shuffle);
        const std::int64_t reportEvery = std::max<std::int64_t>(1, stepsPerEpoch / 100);
        if (encoder != nullptr) {
            step.setEncoderRateScale(
                    epoch <= config.encoderFrozenEpochs ? 0.0f : config.encoderLearningRateScale);
        }
        double lossSum = 0.0;
        std::int64_t done = 0;
        for (const auto& batch : batches) {
            if (stop.stop_requested()) {
                cancelled = true;
                break;
            }
            const float rate = scheduledRate(config, globalStep, totalSteps);
            lossSum += step.run(batch, globalStep, rate);
            if (average) {
                average->update(globalStep, network, wide.get());
            }
            ++globalStep;
            ++done;
            if (callbacks.onStep && (done % reportEvery == 0 || done == stepsPerEpoch)) {
                StepProgress p;
                p.epoch = epoch;
                p.epochs = config.epochs;
                p.step = done;
                p.stepsPerEpoch = stepsPerEpoch;
                p.loss = lossSum / double(done);
                p.learningRate = rate;
                p.elapsedSeconds = secondsSince(started);
                callbacks.onStep(p);
            }
        }
        if (cancelled) {
            break;
        }
        EpochReport report;
        report.epoch = epoch;
        report.epochs = config.epochs;
        report.trainLoss = lossSum / double(std::max<std::int64_t>(1, done));
        report.epochSeconds = secondsSince(epochStart);
        const auto validationStart = Clock::now();
        if (average) {
            average->swap(network, wide.get());  // validate (and keep) the averaged weights
        }
        auto evaluation = evaluate(network, wide.get(), valSet, labels, config, defaultThresholds);
        report.validationSeconds = secondsSince(validationStart);
        report.valLoss = evaluation.loss;
        report.valMetrics = evaluation.metrics;
        report.selectedMetric = evaluation.selected;
        report.selectedMetricName = metricName(metric);
        report.improved = !best.has_value() || evaluation.selected > bestEvaluation.selected;
        epochsRun = epoch;
        if (report.improved) {
            best = network.params();
            if (wide) {
                bestWide = wide->weights() * wide->scale();
            }
            bestEvaluation = std::move(evaluation);
            bestEpoch = epoch;
        }
        if (average) {
            average->swap(network, wide.get());  // training goes on from the last step's weights
        }
        report.bestEpoch = bestEpoch;
        if (callbacks.onEpoch) {
            callbacks.onEpoch(report);
        }
        if (config.patience > 0 && epoch - bestEpoch >= config.patience) {
            break;
        }
    }
    if (!best.has_value()) {
        throw TrainingCancelled();
    }
    network.params() = std::move(*best);
    if (wide) {
        wide->weights() = std::move(bestWide);
        wide->setScale(1.0f);
    }

    auto impl = std::make_unique<Classifier::Impl>(std::move(tokenizer), std::move(network));
    impl->wide = std::move(wide);
    impl->labels = labels;
    impl->maxTokens = config.maxTokens;
    // Calibrate first, then tune the thresholds on the calibrated scores they will be compared
    // with; valMetrics (and its ECE) describe the calibrated scores too.
    stage(callbacks, "calibrating scores");
    const auto fit = fitTemperature(impl->network, impl->wide.get(), valSet, config, l);
    impl->calibration.temperature = fit.temperature;
    impl->thresholds = defaultThresholds;
    bestEvaluation = evaluate(impl->network, impl->wide.get(), valSet, labels, config,
                              impl->thresholds, impl->calibration);
    if (config.multiLabel) {
        impl->thresholds = tuneThresholds(bestEvaluation.scores, valSet, l);
        bestEvaluation = evaluate(impl->network, impl->wide.get(), valSet, labels, config,
                                  impl->thresholds, impl->calibration);
    }
    auto& m = impl->metadata;
    m.task = config.task;
    m.createdAt = utcNow();
    m.dataHash = dataHash(train);
    m.seed = config.seed;
    m.threads = resolveThreads(config.threads);
    m.trainExamples = static_cast<std::int64_t>(train.size());
    m.valExamples = static_cast<std::int64_t>(val.size());
    m.epochsRun = epochsRun;
    m.bestEpoch = bestEpoch;
    m.cancelled = cancelled;
    m.selectedMetricName = metricName(metric);
    m.selectedMetric = bestEvaluation.selected;
    // Fewer resamples for large validation sets, where the interval is narrow anyway and each
    // resample costs more.
    const auto interval =
            bootstrapInterval(metric, labels, valSet, bestEvaluation.scores, impl->thresholds,
                              config.multiLabel, valSet.ids.size() <= 5000 ? 1000 : 200);
    m.selectedMetricLow = interval.low;
    m.selectedMetricHigh = interval.high;
    m.valMetricsJson = toJson(bestEvaluation.metrics).dump();
    m.trainConfigJson = toJson(config).dump();
    m.warnings = std::move(warnings);
    m.valNllBefore = fit.nllBefore;
    m.valNllAfter = fit.nllAfter;
    m.trainSeconds = secondsSince(started);
    m.encoder = encoder != nullptr ? encoder->name() : "";
    return Classifier(std::move(impl));
}

}  // namespace sentinela::model
