#include "app/cli/scan_thresholds.h"

#include <cstdio>

#include "app/cli/command.h"
#include "app/cli/interrupt.h"
#include "app/cli/labeled_data.h"
#include "app/cli/model_scoring.h"
#include "model/metrics.h"

namespace sentinela::cli {
namespace {

model::LabeledTexts calibrationData(const model::Classifier& classifier,
                                    const std::filesystem::path& calibration,
                                    const std::filesystem::path& workspace) {
    if (!calibration.empty()) {
        requireReadableFile(calibration, "calibration file");
        return model::readLabeledJsonl(calibration);
    }
    if (!workspace.empty()) {
        return labeledFromWorkspace(workspace, classifier.metadata().task);
    }
    throw CommandError(ExitCode::kUsage,
                       "--target-precision needs labeled posts to measure precision on: give "
                       "--calibration labeled.jsonl, or --workspace W with labels for task '" +
                               classifier.metadata().task + "'");
}

}  // namespace

ThresholdChoice chooseThresholds(const model::Classifier& classifier,
                                 const std::vector<std::string>& labelNames,
                                 std::optional<float> threshold,
                                 std::optional<double> targetPrecision,
                                 const std::filesystem::path& calibration,
                                 const std::filesystem::path& workspace) {
    ThresholdChoice choice;
    choice.flagLabels = labelNames.empty() ? defaultFlagLabels(classifier)
                                           : labelIndices(classifier, labelNames);
    const auto& labels = classifier.labels();
    if (threshold) {
        choice.thresholds.assign(labels.size(), *threshold);
        return choice;
    }
    if (!targetPrecision) {
        return choice;
    }
    const auto labeled = calibrationData(classifier, calibration, workspace);
    const auto scored = scoreLabeled(classifier, labeled, interruptToken());
    throwIfInterrupted();
    choice.thresholds.assign(labels.size(), 1.0f);
    for (const int label : choice.flagLabels) {
        const auto gold = scored.goldOf(label);
        if (std::find(gold.begin(), gold.end(), 1) == gold.end()) {
            throw CommandError(ExitCode::kBadInput,
                               "no labeled post has label '" + labels[label] +
                                       "', so its precision cannot be measured; label some "
                                       "first or use --threshold");
        }
        const auto pick =
                model::thresholdForPrecision(gold, scored.scoresOf(label), *targetPrecision);
        choice.thresholds[label] = pick.point.threshold;
        char note[256];
        std::snprintf(note, sizeof note,
                      "%s: threshold %.4f %s precision %.3f (target %.3f), recall %.3f on %zu "
                      "labeled posts",
                      labels[label].c_str(), pick.point.threshold,
                      pick.met ? "reaches" : "is the best reachable,", pick.point.precision,
                      *targetPrecision, pick.point.recall, labeled.size());
        choice.notes.emplace_back(note);
    }
    return choice;
}

}  // namespace sentinela::cli
