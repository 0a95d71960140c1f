#include "app/cli/stats_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/json_output.h"
#include "app/cli/workspace_file.h"

namespace sentinela::cli {
namespace {

struct StatsOptions {
    std::filesystem::path workspace;
    bool json = false;
    bool check = false;
};

// What `--check` finds: damage (the file is not healthy) and notes (healthy, but work was left
// unfinished: an import that was killed or failed keeps its committed batches).
struct CheckResult {
    std::vector<std::string> problems, notes;
};

CheckResult checkWorkspace(storage::Workspace& store, const storage::WorkspaceStats& stats) {
    CheckResult result;
    result.problems = store.checkIntegrity(true);
    for (const auto& import : store.imports()) {
        if (import.status == "running") {
            result.notes.push_back("import " + std::to_string(import.id) + " of '" + import.file +
                                   "' did not finish (still running, killed, or failed); " +
                                   std::to_string(store.postsFromImport(import.id)) +
                                   " of its posts are kept. Running the same import again "
                                   "completes it.");
        }
    }
    if (stats.unindexedPosts > 0) {
        result.notes.push_back(std::to_string(stats.unindexedPosts) +
                               " posts are not searchable yet (an import did not finish); the "
                               "next import into this workspace indexes them.");
    }
    return result;
}

nlohmann::json statsJson(const storage::WorkspaceStats& stats, const CheckResult* check) {
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
    if (check != nullptr) {
        out["check"] = {{"ok", check->problems.empty()},
                        {"problems", check->problems},
                        {"notes", check->notes}};
    }
    return out;
}

ExitCode runStats(const StatsOptions& options) {
    // The search index's check needs a writable connection (Workspace::checkIntegrity).
    auto store = openExistingWorkspace(options.workspace, !options.check);
    const auto stats = store.stats();
    std::optional<CheckResult> check;
    if (options.check) {
        check = checkWorkspace(store, stats);
    }
    // A damaged workspace is an input that is not in the expected format.
    const auto exitCode = check && !check->problems.empty() ? ExitCode::kBadInput : ExitCode::kOk;
    if (options.json) {
        printJson(statsJson(stats, check ? &*check : nullptr));
        return exitCode;
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
    if (check) {
        std::cout << "check: " << (check->problems.empty() ? "ok" : "DAMAGED") << "\n";
        for (const auto& problem : check->problems) {
            std::cout << "  problem: " << problem << "\n";
        }
        for (const auto& note : check->notes) {
            std::cout << "  note: " << note << "\n";
        }
    }
    if (exitCode != ExitCode::kOk) {
        std::cerr << "sentinela: error: " << options.workspace.string()
                  << " is damaged (see the problems above). Restore it from a backup; `sqlite3 "
                     "FILE .recover` may save what is readable.\n";
    }
    return exitCode;
}

}  // namespace

void addStatsCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<StatsOptions>();
    auto* cmd = app.add_subcommand(
            "stats",
            "Summarise a workspace: posts, labels per task, models, flagged posts.\n"
            "  sentinela stats case.sentinela --json\n"
            "  sentinela stats case.sentinela --check");
    cmd->add_option("workspace", options->workspace, "Workspace file")->required();
    cmd->add_flag("--json", options->json, "Print the statistics as JSON");
    cmd->add_flag("--check", options->check,
                  "Also check the file's integrity (slow on big workspaces; opens it for writing, "
                  "which rebuilds indexes an unfinished import dropped): exit code 3 when damaged; "
                  "notes imports that did not finish");
    commands.add(cmd, [options] { return runStats(*options); });
}

}  // namespace sentinela::cli
