#include "model/classifier.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "model/classifier_impl.h"

namespace sentinela::model {

Classifier::Classifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

const std::vector<std::string>& Classifier::labels() const {
    return impl_->labels;
}
bool Classifier::multiLabel() const {
    return impl_->network.shape().multiLabel;
}
const std::vector<float>& Classifier::thresholds() const {
    return impl_->thresholds;
}
void Classifier::setThresholds(std::vector<float> thresholds) {
    if (thresholds.size() != impl_->labels.size()) {
        throw ClassifierError("setThresholds: got " + std::to_string(thresholds.size()) +
                              " thresholds for " + std::to_string(impl_->labels.size()) +
                              " labels; give one per label, in labels() order");
    }
    impl_->thresholds = std::move(thresholds);
}
const Calibration& Classifier::calibration() const {
    return impl_->calibration;
}
void Classifier::setCalibration(Calibration calibration) {
    if (!(calibration.temperature > 0.0f) || !std::isfinite(calibration.temperature)) {
        throw ClassifierError("setCalibration: temperature " +
                              std::to_string(calibration.temperature) +
                              " is not a positive number; use 1 for the raw scores");
    }
    impl_->calibration = calibration;
}
const ModelMetadata& Classifier::metadata() const {
    return impl_->metadata;
}
const nlp::Tokenizer& Classifier::tokenizer() const {
    return impl_->tokenizer;
}
int Classifier::maxTokens() const {
    return impl_->maxTokens;
}

std::vector<float> Classifier::predict(std::string_view text) const {
    const std::string_view one[1] = {text};
    return std::move(predictBatch(std::span<const std::string_view>(one), 1).front());
}

namespace {

template <typename Text>
std::vector<std::vector<float>> predictTexts(const Classifier::Impl& impl,
                                             std::span<const Text> texts,
                                             int threads,
                                             PredictTimings* timings) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::vector<std::vector<std::int32_t>> encoded(texts.size());
    std::vector<SparseFeatures> features(impl.wide ? texts.size() : 0);
    threads = std::max(1, threads);
    {
        std::atomic<std::size_t> next{0};
        auto work = [&] {
            for (std::size_t i = next++; i < texts.size(); i = next++) {
                if (impl.wide) {
                    encodeWithNgrams(impl.tokenizer, texts[i], impl.maxTokens, impl.wide->options(),
                                     encoded[i], features[i]);
                    applyTfidf(impl.wide->idf(), features[i]);
                } else {
                    encodeForNetwork(impl.tokenizer, texts[i], impl.maxTokens, encoded[i]);
                }
            }
        };
        std::vector<std::jthread> helpers;
        for (int t = 1; t < threads && static_cast<std::size_t>(t) < texts.size(); ++t) {
            helpers.emplace_back(work);
        }
        work();
    }
    const auto encodedAt = Clock::now();
    const auto labels = impl.labels.size();
    std::vector<float> flat(texts.size() * labels);
    scoreEncoded(impl.network, impl.wide.get(), encoded, features, threads, flat,
                 {impl.calibration});
    std::vector<std::vector<float>> scores(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
        scores[i].assign(flat.begin() + static_cast<std::ptrdiff_t>(i * labels),
                         flat.begin() + static_cast<std::ptrdiff_t>((i + 1) * labels));
    }
    if (timings != nullptr) {
        timings->tokenizeSeconds += std::chrono::duration<double>(encodedAt - start).count();
        timings->networkSeconds += std::chrono::duration<double>(Clock::now() - encodedAt).count();
        timings->posts += static_cast<std::int64_t>(texts.size());
        for (const auto& ids : encoded) {
            timings->tokens += static_cast<std::int64_t>(ids.size());
        }
    }
    return scores;
}

}  // namespace

std::vector<std::vector<float>> Classifier::predictBatch(std::span<const std::string> texts,
                                                         int threads,
                                                         PredictTimings* timings) const {
    return predictTexts(*impl_, texts, threads, timings);
}

std::vector<std::vector<float>> Classifier::predictBatch(std::span<const std::string_view> texts,
                                                         int threads,
                                                         PredictTimings* timings) const {
    return predictTexts(*impl_, texts, threads, timings);
}

std::vector<int> Classifier::decide(std::span<const float> scores) const {
    const auto& thresholds = impl_->thresholds;
    if (scores.size() != impl_->labels.size()) {
        throw ClassifierError("decide: got " + std::to_string(scores.size()) + " scores for " +
                              std::to_string(impl_->labels.size()) + " labels");
    }
    std::vector<int> decided;
    if (multiLabel()) {
        for (std::size_t j = 0; j < scores.size(); ++j) {
            if (scores[j] >= thresholds[j]) {
                decided.push_back(static_cast<int>(j));
            }
        }
        return decided;
    }
    if (scores.size() == 2) {
        decided.push_back(scores[1] >= thresholds[1] ? 1 : 0);
        return decided;
    }
    decided.push_back(
            static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin()));
    return decided;
}

}  // namespace sentinela::model
