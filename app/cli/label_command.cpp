#include "app/cli/label_command.h"

#include <charconv>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/workspace_file.h"

namespace sentinela::cli {
namespace {

constexpr std::size_t kRejectedShown = 10;

struct LabelOptions {
    std::filesystem::path workspace, from;
    std::vector<std::string> set;  // POST LABEL
    std::string task, analyst, note;
    bool undo = false, json = false;
};

// POST is a workspace post id (a number), SOURCE:ID, or a bare external id looked up in every
// source the workspace holds.
std::int64_t resolvePost(storage::Workspace& store, const std::string& post) {
    std::int64_t id = 0;
    const auto* end = post.data() + post.size();
    if (auto [ptr, ec] = std::from_chars(post.data(), end, id); ec == std::errc() && ptr == end) {
        if (store.post(id)) {
            return id;
        }
    }
    if (const auto colon = post.find(':'); colon != std::string::npos) {
        if (auto found = store.findPostId(post.substr(0, colon), post.substr(colon + 1))) {
            return *found;
        }
    }
    for (const auto& [source, count] : store.stats().postsBySource) {
        if (auto found = store.findPostId(source, post)) {
            return *found;
        }
    }
    throw CommandError(ExitCode::kBadInput, "no post '" + post + "' in '" + store.file().string() +
                                                    "'. Give a post id, SOURCE:ID or an "
                                                    "external id of an imported post.");
}

void requireTask(storage::Workspace& store, const std::string& task) {
    if (task.empty()) {
        throw CommandError(ExitCode::kUsage, "--task TASK is required");
    }
    if (!store.task(task)) {
        throw CommandError(ExitCode::kUsage,
                           "workspace '" + store.file().string() + "' has no task '" + task + "'");
    }
}

ExitCode runLabel(const LabelOptions& options) {
    const int modes = !options.from.empty() + !options.set.empty() + options.undo;
    if (modes != 1) {
        throw CommandError(ExitCode::kUsage,
                           "give exactly one of --from CSV, --set POST LABEL "
                           "or --undo");
    }
    auto store = openExistingWorkspace(options.workspace);
    const auto analyst = analystName(options.analyst);
    nlohmann::json out{{"workspace", options.workspace.string()}};
    if (options.undo) {
        const auto result = store.undoLast(analyst);
        out["undone_action"] = result.actionId;
        out["posts"] = result.count;
        if (!options.json) {
            std::cout << (result.count == 0
                                  ? "nothing to undo for " + analyst + "\n"
                                  : "undid action " + std::to_string(result.actionId) + ": " +
                                            std::to_string(result.count) + " posts restored\n");
        }
    } else if (!options.set.empty()) {
        requireTask(store, options.task);
        const auto postId = resolvePost(store, options.set[0]);
        const auto result =
                store.setLabel(postId, options.task, options.set[1], analyst, options.note);
        out["post"] = postId;
        out["label"] = options.set[1];
        out["action"] = result.actionId;
        if (!options.json) {
            std::cout << "post " << postId << ": " << options.task << " = " << options.set[1]
                      << "\n";
        }
    } else {
        requireTask(store, options.task);
        requireReadableFile(options.from, "labels file");
        const auto report = store.importLabelsCsv(options.from, options.task, analyst);
        out["applied"] = report.applied;
        out["action"] = report.actionId;
        out["rejected"] = nlohmann::json::array();
        for (const auto& rejection : report.rejected) {
            out["rejected"].push_back({{"line", rejection.line},
                                       {"label", rejection.label},
                                       {"reason", rejection.reason}});
        }
        if (!options.json) {
            std::cout << "labeled " << report.applied << " posts for task " << options.task
                      << " (undo: sentinela label " << options.workspace.string() << " --undo)\n";
            if (!report.rejected.empty()) {
                std::cout << "rejected " << report.rejected.size() << " rows:\n";
            }
            for (std::size_t i = 0; i < report.rejected.size() && i < kRejectedShown; ++i) {
                std::cout << "  line " << report.rejected[i].line << ": "
                          << report.rejected[i].reason << "\n";
            }
        }
    }
    if (options.json) {
        printJson(out);
    }
    return ExitCode::kOk;
}

}  // namespace

void addLabelCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<LabelOptions>();
    auto* cmd = app.add_subcommand(
            "label",
            "Label posts: from a CSV with a post column (post_id, id or external_id) and a label "
            "column, or one post with --set; --undo reverts your last action.\n"
            "  sentinela label case.sentinela --from labels.csv --task offensive\n"
            "  sentinela label case.sentinela --set 1790000000000000001 offensive --task "
            "offensive");
    cmd->add_option("workspace", options->workspace, "Workspace file")->required();
    cmd->add_option("--from", options->from, "CSV of labels to apply");
    cmd->add_option("--set", options->set, "POST LABEL: label one post")->expected(2);
    cmd->add_flag("--undo", options->undo, "Undo your last labelling action");
    cmd->add_option("--task", options->task, "Task the labels belong to");
    cmd->add_option("--analyst", options->analyst, "Name in the label history (default: $USER)");
    cmd->add_option("--note", options->note, "Note stored with the label (--set)");
    cmd->add_flag("--json", options->json, "Print the result as JSON");
    commands.add(cmd, [options] { return runLabel(*options); });
}

}  // namespace sentinela::cli
