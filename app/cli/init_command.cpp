#include "app/cli/init_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/json_output.h"
#include "storage/workspace.h"

namespace sentinela::cli {
namespace {

struct InitOptions {
    std::filesystem::path workspace;
    std::vector<std::string> presets;
    bool json = false;
};

const storage::TaskPreset& findPreset(const std::string& name) {
    std::string names;
    for (const auto& preset : storage::builtinTaskPresets()) {
        if (preset.schema.name == name) {
            return preset;
        }
        names += (names.empty() ? "" : ", ") + preset.schema.name;
    }
    throw CommandError(ExitCode::kUsage, "unknown task preset '" + name + "'. Presets: " + names);
}

ExitCode runInit(const InitOptions& options) {
    for (const auto& name : options.presets) {
        findPreset(name);  // fail on a typo before creating anything
    }
    const bool existed = std::filesystem::exists(options.workspace);
    if (existed && !std::filesystem::is_regular_file(options.workspace)) {
        throw CommandError(ExitCode::kOutputError,
                           "'" + options.workspace.string() + "' exists and is not a file");
    }
    storage::WorkspaceOptions open;
    open.installPresets = options.presets.empty();
    storage::Workspace store(options.workspace, open);
    for (const auto& name : options.presets) {
        store.installPreset(findPreset(name), "cli");
    }
    const auto tasks = store.tasks();
    if (options.json) {
        nlohmann::json out{{"workspace", options.workspace.string()},
                           {"created", !existed},
                           {"tasks", nlohmann::json::array()}};
        for (const auto& task : tasks) {
            nlohmann::json labels = nlohmann::json::array();
            for (const auto& label : task.labels) {
                labels.push_back(label.name);
            }
            out["tasks"].push_back({{"name", task.name},
                                    {"kind", task.kind},
                                    {"multi_label", task.multiLabel},
                                    {"labels", labels}});
        }
        printJson(out);
        return ExitCode::kOk;
    }
    std::cout << (existed ? "workspace " : "created workspace ") << options.workspace.string()
              << "\ntasks:\n";
    for (const auto& task : tasks) {
        std::cout << "  " << task.name << (task.multiLabel ? " (multi-label)" : "") << ":";
        for (const auto& label : task.labels) {
            std::cout << " " << label.name;
        }
        std::cout << "\n";
    }
    return ExitCode::kOk;
}

}  // namespace

void addInitCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<InitOptions>();
    auto* cmd = app.add_subcommand(
            "init",
            "Create a workspace (one SQLite file) with the built-in labelling tasks, or only "
            "the presets named with --task. On an existing workspace, adds the named presets.\n"
            "  sentinela init case.sentinela\n"
            "  sentinela init case.sentinela --task offensive");
    cmd->add_option("workspace", options->workspace, "Workspace file to create")->required();
    cmd->add_option("--task", options->presets,
                    "Task preset to install: sentiment, offensive, illegal-content (repeatable)");
    cmd->add_flag("--json", options->json, "Print the result as JSON");
    commands.add(cmd, [options] { return runInit(*options); });
}

}  // namespace sentinela::cli
