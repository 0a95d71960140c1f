// Internal: the trainer's validation pass (scores, loss, metrics, the metric early stopping
// compares) and the per-label threshold search for multi-label tasks. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "model/calibration.h"
#include "model/metrics.h"
#include "model/network.h"
#include "model/trainer.h"
#include "model/training_data.h"
#include "model/wide_layer.h"

namespace sentinela::model {

struct Evaluation {
    std::vector<float> scores;  // posts x L row-major
    double loss = 0.0;          // unweighted mean cross-entropy
    Metrics metrics;
    double selected = 0.0;
};

SelectionMetric resolveMetric(const TrainConfig& config);
std::string metricName(SelectionMetric metric);
double metricValue(SelectionMetric metric, const Metrics& metrics);

// Scores are softmax/sigmoid of the logits divided by calibration.temperature.
// wide: the wide branch (null without one); set.wide must then hold tf-idf features.
Evaluation evaluate(const Network<float>& network,
                    const WideLayer<float>* wide,
                    const EncodedSet& set,
                    const std::vector<std::string>& labels,
                    const TrainConfig& config,
                    const std::vector<float>& thresholds,
                    const Calibration& calibration = {});

// How uncertain a validation figure is: the 2.5th and 97.5th percentiles of `metric` over
// `resamples` bootstrap resamples of the set's posts (drawn with replacement, fixed seed, so
// the interval is reproducible), widened to at least +-3/N around the figure (N posts; the rule
// of three) so that a perfect score on few posts does not read as certain. With the few dozen
// validation posts an analyst labels, a macro-F1 of 0.70 may well be anything from 0.55 to
// 0.85; the GUI and the CLI say so.
struct MetricInterval {
    double low = 0.0;
    double high = 0.0;
};
MetricInterval bootstrapInterval(SelectionMetric metric,
                                 const std::vector<std::string>& labels,
                                 const EncodedSet& set,
                                 const std::vector<float>& scores,
                                 const std::vector<float>& thresholds,
                                 bool multiLabel,
                                 int resamples = 1000);

// The temperature that calibrates the network's scores on `set` (model/calibration.h).
TemperatureFit fitTemperature(const Network<float>& network,
                              const WideLayer<float>* wide,
                              const EncodedSet& set,
                              const TrainConfig& config,
                              int labels);

// Multi-label: per label, the threshold that maximises that label's F1 on `set` (midway between
// the lowest flagged score and the next one), or 0.5 when the label never occurs.
std::vector<float> tuneThresholds(const std::vector<float>& scores,
                                  const EncodedSet& set,
                                  int labels);

}  // namespace sentinela::model
