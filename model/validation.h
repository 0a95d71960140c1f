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
