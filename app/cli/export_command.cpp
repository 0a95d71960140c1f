#include "app/cli/export_command.h"

#include <iostream>
#include <memory>

#include "app/cli/output_file.h"
#include "app/cli/workspace_file.h"

namespace sentinela::cli {
namespace {

struct ExportOptions {
    std::filesystem::path workspace, out;
    std::string task, what = "labeled", format;
    bool split = false;
    double minScore = 0.5;
};

ExitCode runExport(const ExportOptions& options) {
    auto store = openExistingWorkspace(options.workspace, true);
    if (options.what != "history" && (options.task.empty() || !store.task(options.task))) {
        throw CommandError(ExitCode::kUsage,
                           "--task must name a task of '" + options.workspace.string() + "'");
    }
    const bool csv =
            options.format.empty() ? options.out.extension() == ".csv" : options.format == "csv";
    const auto format = csv ? storage::ExportFormat::kCsv : storage::ExportFormat::kJsonl;
    AtomicOutputFile out(options.out);
    std::int64_t rows = 0;
    if (options.what == "labeled") {
        storage::LabeledExportOptions labeled;
        labeled.task = options.task;
        labeled.format = format;
        labeled.split = options.split;
        rows = store.exportLabeled(labeled, out.stream());
    } else if (options.what == "flagged") {
        rows = store.exportFlagged(options.task, options.minScore, format, out.stream());
    } else {
        rows = store.exportLabelHistory(options.task, out.stream());
    }
    out.commit();
    std::cerr << "exported " << rows << " " << options.what << " rows"
              << (out.isStdout() ? "" : " to " + options.out.string()) << "\n";
    return ExitCode::kOk;
}

}  // namespace

void addExportCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ExportOptions>();
    auto* cmd = app.add_subcommand(
            "export",
            "Export from a workspace: labeled posts ({\"id\",\"text\",\"label\",\"split\"}, "
            "ready for train --train), flagged posts, or the label history (CSV).\n"
            "  sentinela export case.sentinela --task offensive --split --out labeled.jsonl\n"
            "  sentinela export case.sentinela --task offensive --what flagged --out flagged.csv");
    cmd->add_option("workspace", options->workspace, "Workspace file")->required();
    cmd->add_option("--task", options->task, "Task to export (history: empty = every task)");
    cmd->add_option("--what", options->what, "labeled, flagged or history")
            ->capture_default_str()
            ->check(CLI::IsMember({"labeled", "flagged", "history"}));
    cmd->add_option("--format", options->format, "jsonl or csv (default: by --out extension)")
            ->check(CLI::IsMember({"jsonl", "csv"}));
    cmd->add_flag("--split", options->split,
                  "labeled: add a deterministic train/val/test split (80/10/10)");
    cmd->add_option("--min-score", options->minScore, "flagged: lowest flag score")
            ->capture_default_str();
    cmd->add_option("--out", options->out, "Output file (- = stdout)")->required();
    commands.add(cmd, [options] { return runExport(*options); });
}

}  // namespace sentinela::cli
