#include "app/cli/import_command.h"

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/export_input_options.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/progress_bar.h"
#include "app/cli/workspace_file.h"
#include "storage/import_into_workspace.h"

namespace sentinela::cli {
namespace {

constexpr std::size_t kRejectedShown = 5;

struct ImportCommandOptions {
    std::filesystem::path workspace, file;
    ExportInputOptions read;
    std::string task;
    bool json = false;
};

ExitCode runImport(const ImportCommandOptions& options) {
    if (!options.read.labelField.empty() && options.task.empty()) {
        throw CommandError(ExitCode::kUsage,
                           "--label-field needs --task TASK: which task the labels belong to");
    }
    auto store = openExistingWorkspace(options.workspace);
    if (!options.task.empty() && !store.task(options.task)) {
        throw CommandError(ExitCode::kUsage,
                           "workspace '" + options.workspace.string() + "' has no task '" +
                                   options.task + "'. Add it: sentinela init " +
                                   options.workspace.string() + " --task " + options.task);
    }
    storage::WorkspaceImportOptions importOptions;
    importOptions.reader = toImportOptions(options.read);
    importOptions.labelTask = options.task;

    ProgressBar bar("import", ProgressBar::Unit::kBytes, 0);
    const auto onProgress = [&](const storage::ImportProgress& p) {
        bar.setTotal(p.totalBytes);
        bar.setDetail(formatCount(static_cast<double>(p.postsRead)) + " posts, " +
                      formatCount(static_cast<double>(p.imported)) + " new");
        bar.update(p.bytesRead);
    };
    storage::ImportReport report;
    if (options.file == "-") {
        report = storage::importIntoWorkspace(store, std::cin, "-", importOptions, interruptToken(),
                                              onProgress);
    } else {
        requireReadableFile(options.file, "export");
        report = storage::importIntoWorkspace(store, options.file, importOptions, interruptToken(),
                                              onProgress);
    }
    bar.finish();
    if (options.json) {
        printJson(nlohmann::json::parse(report.toJson()));
    } else {
        std::cout << report.summary();
        if (!report.summary().ends_with('\n')) {
            std::cout << "\n";
        }
        for (std::size_t i = 0; i < report.rejectedLines.size() && i < kRejectedShown; ++i) {
            std::cout << "  rejected line " << report.rejectedLines[i].line << ": "
                      << report.rejectedLines[i].reason << "\n";
        }
    }
    if (report.cancelled) {
        std::cerr << "sentinela: interrupted; the posts imported so far are kept, and running "
                     "the same import again completes it\n";
        return ExitCode::kInterrupted;
    }
    return ExitCode::kOk;
}

}  // namespace

void addImportCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ImportCommandOptions>();
    auto* cmd = app.add_subcommand(
            "import",
            "Import a post export into a workspace (format detected unless --format; .gz and "
            ".zst read directly; - reads stdin). Re-importing skips posts already there.\n"
            "  sentinela import case.sentinela tweets.js\n"
            "  sentinela import case.sentinela posts.csv --text-field body --label-field label "
            "--task offensive");
    cmd->add_option("workspace", options->workspace, "Workspace file")->required();
    cmd->add_option("file", options->file, "Export file (- reads stdin)")->required();
    addExportInputOptions(*cmd, options->read, true);
    cmd->add_option("--task", options->task, "Task that receives the --label-field labels");
    cmd->add_flag("--json", options->json, "Print the import report as JSON");
    commands.add(cmd, [options] { return runImport(*options); });
}

}  // namespace sentinela::cli
