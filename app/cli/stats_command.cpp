#include "app/cli/stats_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/json_output.h"
#include "app/cli/workspace_file.h"

namespace sentinela::cli {
namespace {

struct StatsOptions {
    std::filesystem::path workspace;
    bool json = false;
};

nlohmann::json statsJson(const storage::WorkspaceStats& stats) {
    nlohmann::json out{{"posts", stats.posts},
                       {"imports", stats.imports},
                       {"models", stats.models},
                       {"last_scan_at", stats.lastScanAt},
                       {"posts_by_source", stats.postsBySource},
                       {"tasks", nlohmann::json::array()}};
    for (const auto& task : stats.tasks) {
        nlohmann::json labels = nlohmann::json::object();
        for (const auto& label : task.labels) {
            labels[label.label] = label.count;
        }
        out["tasks"].push_back({{"task", task.task},
                                {"labeled_posts", task.labeledPosts},
                                {"labels", labels},
                                {"flagged_unreviewed", task.flagged},
                                {"active_model", task.activeModel}});
    }
    return out;
}

ExitCode runStats(const StatsOptions& options) {
    auto store = openExistingWorkspace(options.workspace, true);
    const auto stats = store.stats();
    if (options.json) {
        printJson(statsJson(stats));
        return ExitCode::kOk;
    }
    std::cout << options.workspace.string() << ": " << stats.posts << " posts from "
              << stats.imports << " imports, " << stats.models << " models";
    if (!stats.lastScanAt.empty()) {
        std::cout << ", last scan " << stats.lastScanAt;
    }
    std::cout << "\n";
    for (const auto& [source, count] : stats.postsBySource) {
        std::cout << "  " << source << ": " << count << " posts\n";
    }
    for (const auto& task : stats.tasks) {
        std::cout << "task " << task.task << ": " << task.labeledPosts << " labeled (";
        for (std::size_t i = 0; i < task.labels.size(); ++i) {
            std::cout << (i == 0 ? "" : ", ") << task.labels[i].label << " "
                      << task.labels[i].count;
        }
        std::cout << ")";
        if (!task.activeModel.empty()) {
            std::cout << ", model " << task.activeModel << ", " << task.flagged
                      << " flagged awaiting review";
        }
        std::cout << "\n";
    }
    return ExitCode::kOk;
}

}  // namespace

void addStatsCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<StatsOptions>();
    auto* cmd = app.add_subcommand(
            "stats",
            "Summarise a workspace: posts, labels per task, models, flagged posts.\n"
            "  sentinela stats case.sentinela --json");
    cmd->add_option("workspace", options->workspace, "Workspace file")->required();
    cmd->add_flag("--json", options->json, "Print the statistics as JSON");
    commands.add(cmd, [options] { return runStats(*options); });
}

}  // namespace sentinela::cli
