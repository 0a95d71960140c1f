#include "app/cli/train_command.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/cli/interrupt.h"
#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/output_file.h"
#include "app/cli/progress_bar.h"
#include "app/cli/workspace_file.h"
#include "model/encoder.h"
#include "model/encoder_location.h"
#include "model/metrics_table.h"
#include "model/trainer.h"
#include "storage/workspace.h"

namespace sentinela::cli {
namespace {

struct TrainOptions {
    std::filesystem::path workspace, trainFile, valFile, configFile, out;
    std::string encoder;  // a file, "none", or "" for the base encoder
    std::string task, name, textField = "text", labelField = "label", splitSeed = "sentinela";
    std::string wide;  // "on", "off" or empty (the config's, else the default)
    double valFraction = 0.15;
    int epochs = 0, threads = -1;
    long long seed = -1;
    bool json = false;
};

// True when a --config file designs its own network (tokenizer, or the network's shape): a
// pretrained encoder would override exactly that, so the implicit base encoder is not used.
bool designsOwnNetwork(const nlohmann::json& json) {
    if (json.contains("tokenizer")) {
        return true;
    }
    const auto network = json.find("network");
    if (network == json.end() || !network->is_object()) {
        return false;
    }
    for (const char* key : {"embeddingDim", "hiddenSize", "layers", "bidirectional"}) {
        if (network->contains(key)) {
            return true;
        }
    }
    return false;
}

model::TrainConfig loadConfig(const TrainOptions& options, bool* ownNetwork) {
    model::TrainConfig config;
    if (!options.configFile.empty()) {
        requireReadableFile(options.configFile, "config file");
        std::ifstream in(options.configFile);
        nlohmann::json json;
        try {
            json = nlohmann::json::parse(in);
        } catch (const nlohmann::json::parse_error& e) {
            throw CommandError(ExitCode::kBadInput, "config file '" + options.configFile.string() +
                                                            "' is not valid JSON: " + e.what());
        }
        *ownNetwork = designsOwnNetwork(json);
        try {
            config = model::trainConfigFromJson(json);
        } catch (const std::exception& e) {
            throw CommandError(ExitCode::kUsage,
                               "config file '" + options.configFile.string() + "': " + e.what());
        }
    }
    if (!options.task.empty()) {
        config.task = options.task;
    }
    if (options.epochs > 0) {
        config.epochs = options.epochs;
    }
    if (options.threads >= 0) {
        config.threads = options.threads;
    }
    if (options.seed >= 0) {
        config.seed = static_cast<std::uint64_t>(options.seed);
    }
    if (!options.wide.empty()) {
        config.wide.enabled = options.wide == "on";
    }
    model::validate(config);
    return config;
}

std::string epochLine(const model::EpochReport& r) {
    char line[256];
    std::snprintf(line, sizeof line,
                  "epoch %2d/%d  train loss %.4f  val loss %.4f  %s %.4f  accuracy %.4f  %.1fs%s",
                  r.epoch, r.epochs, r.trainLoss, r.valLoss, r.selectedMetricName.c_str(),
                  r.selectedMetric, r.valMetrics.accuracy, r.epochSeconds + r.validationSeconds,
                  r.improved ? "  *best" : "");
    return line;
}

std::string calibrationLine(const model::Classifier& classifier) {
    const auto& meta = classifier.metadata();
    char line[160];
    std::snprintf(line, sizeof line,
                  "calibration: temperature %.3f (validation NLL %.4f at T = 1, %.4f after)\n",
                  static_cast<double>(classifier.calibration().temperature), meta.valNllBefore,
                  meta.valNllAfter);
    return line;
}

// How far to trust the validation figure that chose the epoch: with a few dozen validation posts
// it moves by 0.1 or more from one draw of posts to the next.
std::string validationUncertaintyLine(const model::ModelMetadata& meta) {
    if (!meta.hasMetricInterval()) {
        return "";
    }
    char line[320];
    const double halfWidth = (meta.selectedMetricHigh - meta.selectedMetricLow) / 2;
    std::snprintf(line, sizeof line,
                  "%s %.4f on %lld validation posts; 95%% bootstrap interval %.4f to %.4f%s\n",
                  meta.selectedMetricName.c_str(), meta.selectedMetric,
                  static_cast<long long>(meta.valExamples), meta.selectedMetricLow,
                  meta.selectedMetricHigh,
                  halfWidth > model::kRoughValidationHalfWidth
                          ? " (wide: too few validation posts to tell close models apart; label "
                            "more, or pass a larger --val)"
                          : "");
    return line;
}

std::string modelName(const TrainOptions& options) {
    return options.name.empty() ? options.out.stem().string() : options.name;
}

// Before training, not after: registering would fail on a taken name only once --out had been
// replaced, leaving the registered model's metrics and thresholds describing a file that changed.
void requireUnregistered(const TrainOptions& options, const std::string& task) {
    auto store = openExistingWorkspace(options.workspace, true);
    const auto file = std::filesystem::absolute(options.out);
    for (const auto& model : store.models(task)) {
        if (model.name == modelName(options) || model.file == file) {
            throw CommandError(ExitCode::kUsage,
                               "task '" + task + "' of '" + options.workspace.string() +
                                       "' already has model '" + model.name + "' (" +
                                       model.file.string() +
                                       "); nothing was trained or replaced. Give another --out "
                                       "file, and --name when the name is taken.");
        }
    }
}

void registerInWorkspace(const TrainOptions& options, const model::Classifier& classifier) {
    storage::Workspace store(options.workspace);
    storage::ModelRegistration registration;
    registration.name = modelName(options);
    registration.task = classifier.metadata().task;
    registration.file = std::filesystem::absolute(options.out);
    registration.metricsJson = classifier.metadata().valMetricsJson;
    registration.thresholds = classifier.thresholds();
    const auto id = store.registerModel(registration, "cli");
    store.activateModel(id, "cli");
}

ExitCode runTrain(const TrainOptions& options) {
    const bool fromWorkspace = !options.workspace.empty();
    if (fromWorkspace == !options.trainFile.empty()) {
        throw CommandError(ExitCode::kUsage,
                           "give either a WORKSPACE with --task, or --train FILE (and optionally "
                           "--val FILE)");
    }
    if (fromWorkspace && options.task.empty()) {
        throw CommandError(ExitCode::kUsage, "training from a workspace needs --task TASK");
    }
    bool ownNetwork = false;
    auto config = loadConfig(options, &ownNetwork);
    checkWritable(options.out);

    model::LabeledTexts train, val;
    if (fromWorkspace) {
        std::tie(train, val) = splitTrainVal(labeledFromWorkspace(options.workspace, config.task),
                                             options.valFraction, options.splitSeed);
        requireUnregistered(options, config.task);
    } else {
        requireReadableFile(options.trainFile, "training file");
        train = model::readLabeledJsonl(options.trainFile, options.textField, options.labelField);
        if (!options.valFile.empty()) {
            requireReadableFile(options.valFile, "validation file");
            val = model::readLabeledJsonl(options.valFile, options.textField, options.labelField);
        } else {
            std::tie(train, val) = splitTrainVal(train, options.valFraction, options.splitSeed);
        }
    }
    if (config.task.empty()) {
        config.task = options.trainFile.parent_path().filename().string();
    }
    if (val.size() == 0) {
        throw CommandError(ExitCode::kBadInput,
                           "the validation split is empty: label more posts or give --val FILE");
    }

    std::optional<model::Encoder> encoder;
    if (options.encoder != "none") {
        std::optional<std::filesystem::path> file;
        if (!options.encoder.empty()) {
            requireReadableFile(options.encoder, "encoder");
            file = std::filesystem::path(options.encoder);
        } else if (!ownNetwork) {
            file = model::findDefaultEncoder();
        }
        if (file.has_value()) {
            encoder = model::Encoder::load(*file);
            if (ownNetwork) {
                std::cerr << "sentinela: note: the encoder's tokenizer and network shape replace "
                             "those of the config file\n";
            }
        }
    }

    ProgressBar bar("train", ProgressBar::Unit::kCount, 0, "steps");
    bar.println("training '" + config.task + "' on " + std::to_string(train.size()) +
                " posts, validating on " + std::to_string(val.size()) +
                (encoder ? ", starting from encoder " + encoder->name()
                         : std::string(", from scratch (no encoder)")));
    model::TrainCallbacks callbacks;
    callbacks.onStep = [&](const model::StepProgress& p) {
        bar.setTotal(p.stepsPerEpoch * p.epochs);
        char detail[64];
        std::snprintf(detail, sizeof detail, "epoch %d/%d loss %.4f", p.epoch, p.epochs, p.loss);
        bar.setDetail(detail);
        bar.update((p.epoch - 1) * p.stepsPerEpoch + p.step);
    };
    callbacks.onEpoch = [&](const model::EpochReport& r) { bar.println(epochLine(r)); };
    callbacks.onStage = [&](const std::string& stage) { bar.setDetail(stage); };
    callbacks.onWarning = [&](const std::string& warning) {
        bar.println("sentinela: warning: " + warning);
    };

    const auto classifier = model::train(config, train, val, interruptToken(), callbacks,
                                         encoder ? &*encoder : nullptr);
    bar.finish();
    classifier.save(options.out);
    if (fromWorkspace) {
        registerInWorkspace(options, classifier);
    }

    const auto& meta = classifier.metadata();
    const auto metrics = model::metricsFromJson(nlohmann::json::parse(meta.valMetricsJson));
    if (options.json) {
        printJson({{"model", options.out.string()},
                   {"task", meta.task},
                   {"labels", classifier.labels()},
                   {"train_examples", meta.trainExamples},
                   {"val_examples", meta.valExamples},
                   {"epochs_run", meta.epochsRun},
                   {"best_epoch", meta.bestEpoch},
                   {"selected_metric",
                    {{"name", meta.selectedMetricName},
                     {"value", meta.selectedMetric},
                     {"interval95", {meta.selectedMetricLow, meta.selectedMetricHigh}}}},
                   {"val_metrics", model::toJson(metrics)},
                   {"calibration",
                    {{"method", "temperature"},
                     {"temperature", classifier.calibration().temperature},
                     {"val_nll_raw", meta.valNllBefore},
                     {"val_nll_calibrated", meta.valNllAfter}}},
                   {"warnings", meta.warnings},
                   {"seconds", meta.trainSeconds},
                   {"encoder", meta.encoder},
                   {"cancelled", meta.cancelled}});
    } else {
        std::cout << "model " << options.out.string() << " (task " << meta.task << ", best epoch "
                  << meta.bestEpoch << " of " << meta.epochsRun << ", " << meta.selectedMetricName
                  << " " << meta.selectedMetric << ", " << formatDuration(meta.trainSeconds)
                  << ")\n"
                  << validationUncertaintyLine(meta) << "\nvalidation (calibrated scores):\n"
                  << model::formatMetricsTable(metrics) << calibrationLine(classifier) << "\n"
                  << model::formatConfusionMatrix(metrics);
    }
    if (meta.cancelled) {
        std::cerr << "sentinela: interrupted; saved the best epoch so far to "
                  << options.out.string() << "\n";
        return ExitCode::kInterrupted;
    }
    return ExitCode::kOk;
}

}  // namespace

void addTrainCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<TrainOptions>();
    auto* cmd = app.add_subcommand(
            "train",
            "Train a classifier from a workspace task's labels, or from JSON Lines files.\n"
            "  sentinela train WORKSPACE --task offensive --out offensive.model\n"
            "  sentinela train --train train.jsonl --val val.jsonl --out m.model");
    cmd->add_option("workspace", options->workspace, "Workspace file whose labels to train on");
    cmd->add_option("--task", options->task,
                    "Task to train (workspace mode: required; file mode: names the model's task)");
    cmd->add_option("--train", options->trainFile,
                    "JSON Lines file of {\"text\", \"label\"} objects to train on");
    cmd->add_option("--val", options->valFile,
                    "JSON Lines validation file (default: a split of the training data)");
    cmd->add_option("--val-fraction", options->valFraction,
                    "Share of each label kept for validation when no --val is given")
            ->capture_default_str()
            ->check(CLI::Range(0.01, 0.9));
    cmd->add_option("--split-seed", options->splitSeed, "Seed of the deterministic split")
            ->capture_default_str();
    cmd->add_option("--text-field", options->textField, "JSON field with the text (files)")
            ->capture_default_str();
    cmd->add_option("--label-field", options->labelField, "JSON field with the label (files)")
            ->capture_default_str();
    cmd->add_option("--encoder", options->encoder,
                    "Pretrained encoder to start from (`sentinela pretrain`); default: the base "
                    "encoder that ships with Sentinela, unless --config sets the tokenizer or the "
                    "network's shape; \"none\" trains from scratch");
    cmd->add_option("--config", options->configFile,
                    "Training configuration JSON (any TrainConfig field; others keep defaults)");
    cmd->add_option("--epochs", options->epochs, "Override the number of epochs");
    cmd->add_option("--threads", options->threads, "Worker threads (0 = all cores)");
    cmd->add_option("--seed", options->seed, "Random seed (results are reproducible per seed)");
    cmd->add_option("--wide", options->wide,
                    "Wide branch: word and character n-grams (TF-IDF) scored next to the LSTM; "
                    "on or off overrides the config (its \"wide\" section)")
            ->check(CLI::IsMember({"on", "off"}));
    cmd->add_option("--out", options->out, "Model file to write")->required();
    cmd->add_option("--name", options->name,
                    "Model name in the workspace (default: the --out file name)");
    cmd->add_flag("--json", options->json, "Print the result as JSON");
    commands.add(cmd, [options] { return runTrain(*options); });
}

}  // namespace sentinela::cli
