#include "app/cli/eval_command.h"

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "app/cli/calibration_report.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/model_scoring.h"
#include "model/classifier.h"
#include "model/metrics_table.h"

namespace sentinela::cli {
namespace {

struct EvalOptions {
    std::filesystem::path model, data;
    std::string task, textField = "text", labelField = "label";
    std::optional<float> threshold;
    bool json = false, curve = false;
};

bool isSqliteFile(const std::filesystem::path& file) {
    char magic[16] = {};
    std::ifstream(file, std::ios::binary).read(magic, sizeof magic);
    return std::string_view(magic, 15) == "SQLite format 3";
}

ExitCode runEval(const EvalOptions& options) {
    requireReadableFile(options.model, "model file");
    requireReadableFile(options.data, "data file");
    auto classifier = model::Classifier::load(options.model);
    const auto labeled =
            isSqliteFile(options.data)
                    ? labeledFromWorkspace(options.data, options.task.empty()
                                                                 ? classifier.metadata().task
                                                                 : options.task)
                    : model::readLabeledJsonl(options.data, options.textField, options.labelField);
    if (labeled.size() == 0) {
        throw CommandError(ExitCode::kBadInput,
                           "'" + options.data.string() + "' holds no labeled posts");
    }
    const auto scored = scoreLabeled(classifier, labeled, interruptToken());
    throwIfInterrupted();
    const auto metrics = computeScoredMetrics(classifier, scored, options.threshold);
    const auto calibration = compareCalibration(classifier, labeled, scored, options.threshold);
    const auto flagIndex = defaultFlagLabels(classifier).front();
    const auto curve =
            model::precisionRecallCurve(scored.goldOf(flagIndex), scored.scoresOf(flagIndex));
    if (options.json) {
        nlohmann::json out{{"model", options.model.string()},
                           {"data", options.data.string()},
                           {"metrics", model::toJson(metrics)},
                           {"calibration", toJson(calibration)}};
        if (options.curve) {
            out["curve"] = {{"label", classifier.labels()[flagIndex]},
                            {"points", model::toJson(curve)}};
        }
        printJson(out);
        return ExitCode::kOk;
    }
    std::cout << options.model.string() << " on " << options.data.string() << " (" << labeled.size()
              << " posts)\n\n"
              << model::formatMetricsTable(metrics) << formatCalibration(calibration) << "\n"
              << model::formatConfusionMatrix(metrics);
    if (options.curve) {
        std::cout << "\nthreshold curve for '" << classifier.labels()[flagIndex] << "':\n"
                  << model::formatThresholdCurve(curve);
    }
    return ExitCode::kOk;
}

}  // namespace

void addEvalCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<EvalOptions>();
    auto* cmd = app.add_subcommand(
            "eval",
            "Measure a model on labeled data: per-class precision/recall/F1, macro averages, "
            "ROC-AUC, calibration and the confusion matrix.\n"
            "Calibration: the model's scores are softmax/sigmoid of its logits divided by a "
            "temperature T fitted on the training's validation split. ECE (expected calibration "
            "error) puts each post's confidence (the score of its predicted label; multi-label: "
            "every label's score) in 15 equal-width bins [0, 1/15), ..., [14/15, 1] and sums, "
            "over the bins, (posts in bin / posts) * |accuracy in bin - mean confidence in bin|. "
            "It is reported for the raw scores (T = 1) and the calibrated ones, with the mean "
            "negative log-likelihood of the gold labels.\n"
            "  sentinela eval offensive.model test.jsonl\n"
            "  sentinela eval offensive.model demo.sentinela --task offensive --json");
    cmd->add_option("model", options->model, "Model file")->required();
    cmd->add_option("data", options->data,
                    "JSON Lines file of {\"text\", \"label\"} objects, or a workspace file")
            ->required();
    cmd->add_option("--task", options->task,
                    "Workspace task to evaluate on (default: the model's task)");
    cmd->add_option("--text-field", options->textField, "JSON field with the text")
            ->capture_default_str();
    cmd->add_option("--label-field", options->labelField, "JSON field with the label")
            ->capture_default_str();
    cmd->add_option("--threshold", options->threshold,
                    "Binary tasks: decide the positive label at this score (default: the "
                    "model's threshold)")
            ->check(CLI::Range(0.0, 1.0));
    cmd->add_flag("--curve", options->curve,
                  "Also print precision/recall/flagged at each threshold for the flag label");
    cmd->add_flag("--json", options->json, "Print the result as JSON");
    commands.add(cmd, [options] { return runEval(*options); });
}

}  // namespace sentinela::cli
