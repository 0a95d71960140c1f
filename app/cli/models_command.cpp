#include "app/cli/models_command.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/workspace_file.h"
#include "model/classifier.h"

namespace sentinela::cli {
namespace {

struct ModelsOptions {
    std::filesystem::path path;
    std::string task;
    bool json = false;
};

bool isSqliteFile(const std::filesystem::path& file) {
    char magic[16] = {};
    std::ifstream(file, std::ios::binary).read(magic, sizeof magic);
    return std::string_view(magic, 15) == "SQLite format 3";
}

// The headline number of a model's stored validation metrics, e.g. "macro_f1 0.812".
std::string headline(const std::string& metricsJson) {
    const auto metrics = nlohmann::json::parse(metricsJson, nullptr, false);
    for (const char* key : {"macro_f1", "accuracy"}) {
        if (metrics.is_object() && metrics.contains(key) && metrics[key].is_number()) {
            char text[48];
            std::snprintf(text, sizeof text, "%s %.3f", key, metrics[key].get<double>());
            return text;
        }
    }
    return "no metrics";
}

ExitCode describeModelFile(const ModelsOptions& options) {
    const auto classifier = model::Classifier::load(options.path);
    const auto& meta = classifier.metadata();
    nlohmann::json out{{"file", options.path.string()},
                       {"task", meta.task},
                       {"labels", classifier.labels()},
                       {"multi_label", classifier.multiLabel()},
                       {"thresholds", classifier.thresholds()},
                       {"created_at", meta.createdAt},
                       {"train_examples", meta.trainExamples},
                       {"val_examples", meta.valExamples},
                       {"epochs_run", meta.epochsRun},
                       {"best_epoch", meta.bestEpoch},
                       {"selected_metric",
                        {{"name", meta.selectedMetricName}, {"value", meta.selectedMetric}}},
                       {"data_hash", meta.dataHash},
                       {"seed", meta.seed},
                       {"train_seconds", meta.trainSeconds},
                       {"cancelled", meta.cancelled}};
    if (options.json) {
        out["train_config"] = nlohmann::json::parse(meta.trainConfigJson, nullptr, false);
        printJson(out);
        return ExitCode::kOk;
    }
    std::cout << options.path.string() << "\n  task " << meta.task << ", labels";
    for (const auto& label : classifier.labels()) {
        std::cout << " " << label;
    }
    std::cout << "\n  trained " << meta.createdAt << " on " << meta.trainExamples
              << " posts (validation " << meta.valExamples << "), best epoch " << meta.bestEpoch
              << " of " << meta.epochsRun << ", " << meta.selectedMetricName << " "
              << meta.selectedMetric << (meta.cancelled ? " (training was interrupted)" : "")
              << "\n  data hash " << meta.dataHash << ", seed " << meta.seed << "\n";
    return ExitCode::kOk;
}

ExitCode listWorkspaceModels(const ModelsOptions& options) {
    auto store = openExistingWorkspace(options.path, true);
    const auto models = store.models(options.task);
    if (options.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& m : models) {
            out.push_back({{"id", m.id},
                           {"name", m.name},
                           {"task", m.task},
                           {"file", m.file.string()},
                           {"active", m.active},
                           {"created_at", m.createdAt},
                           {"last_scan_at", m.lastScanAt},
                           {"predicted_posts", m.predictedPosts},
                           {"metrics", nlohmann::json::parse(m.metricsJson, nullptr, false)}});
        }
        printJson(out);
        return ExitCode::kOk;
    }
    if (models.empty()) {
        std::cout << "no models in " << options.path.string() << " yet; train one: sentinela train "
                  << options.path.string() << " --task TASK --out TASK.model\n";
    }
    for (const auto& m : models) {
        std::cout << (m.active ? "* " : "  ") << m.id << "  " << m.name << "  task " << m.task
                  << "  " << headline(m.metricsJson) << "  " << m.predictedPosts
                  << " posts scored  " << m.file.string() << "\n";
    }
    return ExitCode::kOk;
}

ExitCode runModels(const ModelsOptions& options) {
    requireReadableFile(options.path, "workspace or model file");
    return isSqliteFile(options.path) ? listWorkspaceModels(options) : describeModelFile(options);
}

}  // namespace

void addModelsCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ModelsOptions>();
    auto* cmd = app.add_subcommand(
            "models",
            "List a workspace's models (* = the task's active model), or describe a model "
            "file.\n"
            "  sentinela models case.sentinela\n"
            "  sentinela models offensive.model --json");
    cmd->add_option("path", options->path, "Workspace or model file")->required();
    cmd->add_option("--task", options->task, "Only models of this task");
    cmd->add_flag("--json", options->json, "Print as JSON");
    commands.add(cmd, [options] { return runModels(*options); });
}

}  // namespace sentinela::cli
