// Which labels `scan` flags and at which scores: the model's own decision, one --threshold for
// every flag label, or per-label thresholds chosen to reach --target-precision on labeled posts
// (a JSON Lines file, or the workspace task's labels). Not thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/classifier.h"

namespace sentinela::cli {

struct ThresholdChoice {
    std::vector<int> flagLabels;
    std::vector<float> thresholds;   // per model label; empty = the model's decide()
    std::vector<std::string> notes;  // what was chosen and why, for stderr
};

// Throws CommandError(kUsage) for an unknown label or --target-precision without labeled data.
ThresholdChoice chooseThresholds(const model::Classifier& classifier,
                                 const std::vector<std::string>& labelNames,
                                 std::optional<float> threshold,
                                 std::optional<double> targetPrecision,
                                 const std::filesystem::path& calibration,
                                 const std::filesystem::path& workspace);

}  // namespace sentinela::cli
