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
#include "model/training_data.h"
#include "model/training_step.h"
#include "model/validation.h"

namespace sentinela::model {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

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

void stage(const TrainCallbacks& callbacks, const std::string& name) {
    if (callbacks.onStage) {
        callbacks.onStage(name);
    }
}

}  // namespace

Classifier train(const TrainConfig& config,
                 const LabeledTexts& train,
                 const LabeledTexts& val,
                 std::stop_token stop,
                 const TrainCallbacks& callbacks) {
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

    stage(callbacks, "training tokenizer");
    auto tokenizer = nlp::Tokenizer::train(train.texts, config.tokenizer);
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
    Network<float> network(shape);
    network.initialize(mixSeed(config.seed, 1));
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

    stage(callbacks, "training");
    for (int epoch = 1; epoch <= config.epochs && !cancelled; ++epoch) {
        const auto epochStart = Clock::now();
        const auto batches = makeBatches(trainSet, config.batchSize, shuffle);
        const std::int64_t reportEvery = std::max<std::int64_t>(1, stepsPerEpoch / 100);
        double lossSum = 0.0;
        std::int64_t done = 0;
        for (const auto& batch : batches) {
            if (stop.stop_requested()) {
                cancelled = true;
                break;
            }
            const float rate = scheduledRate(config, globalStep, totalSteps);
            lossSum += step.run(batch, globalStep, rate);
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
    impl->thresholds = defaultThresholds;
    if (config.multiLabel) {
        impl->thresholds = tuneThresholds(bestEvaluation.scores, valSet, l);
        bestEvaluation =
                evaluate(impl->network, impl->wide.get(), valSet, labels, config, impl->thresholds);
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
    m.valMetricsJson = toJson(bestEvaluation.metrics).dump();
    m.trainConfigJson = toJson(config).dump();
    m.trainSeconds = secondsSince(started);
    return Classifier(std::move(impl));
}

}  // namespace sentinela::model
