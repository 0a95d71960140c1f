#include "model/validation.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/classifier_impl.h"
#include "model/random.h"

namespace sentinela::model {

SelectionMetric resolveMetric(const TrainConfig& config) {
    if (config.selectionMetric != SelectionMetric::kAuto) {
        return config.selectionMetric;
    }
    return config.task.find("sentiment") != std::string::npos ? SelectionMetric::kMacroRecall
                                                              : SelectionMetric::kMacroF1;
}

std::string metricName(SelectionMetric metric) {
    switch (metric) {
        case SelectionMetric::kMacroRecall:
            return "macro_recall";
        case SelectionMetric::kAccuracy:
            return "accuracy";
        case SelectionMetric::kAuto:
        case SelectionMetric::kMacroF1:
            break;
    }
    return "macro_f1";
}

double metricValue(SelectionMetric metric, const Metrics& metrics) {
    switch (metric) {
        case SelectionMetric::kMacroRecall:
            return metrics.macroRecall;
        case SelectionMetric::kAccuracy:
            return metrics.accuracy;
        case SelectionMetric::kAuto:
        case SelectionMetric::kMacroF1:
            break;
    }
    return metrics.macroF1;
}

Evaluation evaluate(const Network<float>& network,
                    const WideLayer<float>* wide,
                    const EncodedSet& set,
                    const std::vector<std::string>& labels,
                    const TrainConfig& config,
                    const std::vector<float>& thresholds,
                    const Calibration& calibration) {
    const int l = static_cast<int>(labels.size());
    Evaluation e;
    e.scores.resize(set.ids.size() * l);
    scoreEncoded(network, wide, set.ids, set.wide, resolveThreads(config.threads), e.scores,
                 {calibration});
    double loss = 0.0;
    for (std::size_t i = 0; i < set.ids.size(); ++i) {
        const float* p = e.scores.data() + i * l;
        if (config.multiLabel) {
            for (int j = 0; j < l; ++j) {
                const double q = set.multiTargets[i * l + j] ? p[j] : 1.0 - p[j];
                loss -= std::log(std::max(q, 1e-12));
            }
        } else {
            loss -= std::log(std::max(double(p[set.targets[i]]), 1e-12));
        }
    }
    e.loss = set.ids.empty() ? 0.0 : loss / double(set.ids.size());
    e.metrics = config.multiLabel
                        ? computeMultiLabelMetrics(labels, set.multiTargets, e.scores, thresholds)
                        : computeMetrics(labels, set.targets, e.scores);
    e.selected = metricValue(resolveMetric(config), e.metrics);
    return e;
}

MetricInterval bootstrapInterval(SelectionMetric metric,
                                 const std::vector<std::string>& labels,
                                 const EncodedSet& set,
                                 const std::vector<float>& scores,
                                 const std::vector<float>& thresholds,
                                 bool multiLabel,
                                 int resamples) {
    const std::size_t posts = set.ids.size();
    const std::size_t l = labels.size();
    if (posts == 0 || resamples <= 0) {
        return {};
    }
    Random random(0x5e17e1a);
    std::vector<double> values;
    values.reserve(std::size_t(resamples));
    std::vector<std::int32_t> targets(multiLabel ? 0 : posts);
    std::vector<std::uint8_t> multiTargets(multiLabel ? posts * l : 0);
    std::vector<float> drawnScores(posts * l);
    for (int r = 0; r < resamples; ++r) {
        for (std::size_t i = 0; i < posts; ++i) {
            const std::size_t post = random.below(posts);
            std::copy_n(scores.begin() + std::ptrdiff_t(post * l), l,
                        drawnScores.begin() + std::ptrdiff_t(i * l));
            if (multiLabel) {
                std::copy_n(set.multiTargets.begin() + std::ptrdiff_t(post * l), l,
                            multiTargets.begin() + std::ptrdiff_t(i * l));
            } else {
                targets[i] = set.targets[post];
            }
        }
        const Metrics drawn =
                multiLabel ? computeMultiLabelMetrics(labels, multiTargets, drawnScores, thresholds)
                           : computeMetrics(labels, targets, drawnScores);
        values.push_back(metricValue(metric, drawn));
    }
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        return values[std::min(values.size() - 1,
                               std::size_t(q * double(values.size() - 1) + 0.5))];
    };
    // A model right on all 10 validation posts gives every resample the same figure, and the
    // percentiles a zero-width interval: no evidence reads as certainty. The interval is
    // therefore at least +-3/N around the figure (the rule of three: with no error seen in N
    // posts, the error rate may still be up to 3/N at 95 %).
    const double figure = metricValue(
            metric, multiLabel
                            ? computeMultiLabelMetrics(labels, set.multiTargets, scores, thresholds)
                            : computeMetrics(labels, set.targets, scores));
    const double least = 3.0 / double(posts);
    return {std::max(0.0, std::min(at(0.025), figure - least)),
            std::min(1.0, std::max(at(0.975), figure + least))};
}

TemperatureFit fitTemperature(const Network<float>& network,
                              const WideLayer<float>* wide,
                              const EncodedSet& set,
                              const TrainConfig& config,
                              int labels) {
    std::vector<float> logits(set.ids.size() * static_cast<std::size_t>(labels));
    ScoreOutput output;
    output.logits = true;
    scoreEncoded(network, wide, set.ids, set.wide, resolveThreads(config.threads), logits, output);
    return config.multiLabel ? fitSigmoidTemperature(logits, set.multiTargets, labels)
                             : fitSoftmaxTemperature(logits, set.targets, labels);
}

std::vector<float> tuneThresholds(const std::vector<float>& scores,
                                  const EncodedSet& set,
                                  int labels) {
    const std::size_t n = set.ids.size();
    std::vector<float> thresholds(labels, 0.5f);
    std::vector<std::size_t> order(n);
    for (int j = 0; j < labels; ++j) {
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return scores[a * labels + j] > scores[b * labels + j];
        });
        std::size_t positives = 0;
        for (std::size_t i = 0; i < n; ++i) {
            positives += set.multiTargets[i * labels + j];
        }
        if (positives == 0) {
            continue;
        }
        // Flag the top k posts for every k; F1 = 2 TP / (flagged + positives).
        double best = -1.0;
        std::size_t truePositives = 0;
        for (std::size_t k = 0; k < n; ++k) {
            truePositives += set.multiTargets[order[k] * labels + j];
            const bool tieWithNext =
                    k + 1 < n && scores[order[k + 1] * labels + j] == scores[order[k] * labels + j];
            if (tieWithNext) {
                continue;
            }
            const double f1 = 2.0 * double(truePositives) / double(k + 1 + positives);
            if (f1 > best) {
                best = f1;
                // Midway to the next lower score: the margin generalises better than a threshold
                // sitting exactly on the lowest flagged validation score.
                const float here = scores[order[k] * labels + j];
                thresholds[j] =
                        k + 1 < n ? 0.5f * (here + scores[order[k + 1] * labels + j]) : here;
            }
        }
    }
    return thresholds;
}

}  // namespace sentinela::model
