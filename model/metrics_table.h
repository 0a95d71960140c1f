// Plain-text rendering of Metrics for the CLI: a per-class table, the averages, and the confusion
// matrix, in fixed-width columns that line up in a terminal. Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "model/metrics.h"

namespace sentinela::model {

// label / precision / recall / F1 / support (/ ROC-AUC / PR-AUC) rows, the macro average, then a
// summary line (accuracy, micro-F1, macro recall, ROC-AUC, PR-AUC, ECE). Ends with a newline.
std::string formatMetricsTable(const Metrics& metrics);

// Rows are gold labels, columns predicted labels. Empty for multi-label metrics.
std::string formatConfusionMatrix(const Metrics& metrics);

// threshold / flagged / precision / recall rows, at most maxRows spread evenly over the curve
// (always keeping the first and the last point).
std::string formatThresholdCurve(const std::vector<CurvePoint>& curve, std::size_t maxRows = 20);

}  // namespace sentinela::model
