// `sentinela`: the command-line front end. Each subcommand lives in app/cli/<verb>_command.cpp;
// this file only registers them, runs the selected one and maps errors to exit codes.
#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/demo_command.h"
#include "app/cli/eval_command.h"
#include "app/cli/exit_code.h"
#include "app/cli/explain_command.h"
#include "app/cli/export_command.h"
#include "app/cli/import_command.h"
#include "app/cli/init_command.h"
#include "app/cli/interrupt.h"
#include "app/cli/label_command.h"
#include "app/cli/library_errors.h"
#include "app/cli/models_command.h"
#include "app/cli/predict_command.h"
#include "app/cli/pretrain_command.h"
#include "app/cli/scan_command.h"
#include "app/cli/show_command.h"
#include "app/cli/stats_command.h"
#include "app/cli/tokenize_command.h"
#include "app/cli/train_command.h"
#include "app/cli/version_text.h"
#include "model/versions.h"

int main(int argc, char** argv) {
    using namespace sentinela::cli;
    installInterruptHandler();  // before any thread exists, so every thread inherits the mask
    CLI::App app{
            "Sentinela finds what matters in social media posts: import exports, label them, "
            "train an LSTM classifier, scan large exports and review what it flags."};
    app.name("sentinela");
    // A callback: the text names the base encoder by loading it, which no other command should
    // pay for at start-up.
    app.set_version_flag("--version", std::function<std::string()>(versionText));
    app.require_subcommand(0, 1);

    CommandTable commands;
    // Subcommands register here, one line each (app/cli/<verb>_command.h).
    addInitCommand(app, commands);
    addImportCommand(app, commands);
    addLabelCommand(app, commands);
    addPretrainCommand(app, commands);
    addTrainCommand(app, commands);
    addEvalCommand(app, commands);
    addPredictCommand(app, commands);
    addExplainCommand(app, commands);
    addScanCommand(app, commands);
    addExportCommand(app, commands);
    addModelsCommand(app, commands);
    addShowCommand(app, commands);
    addStatsCommand(app, commands);
    addDemoCommand(app, commands);
    addTokenizeCommand(app, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0 in CLI11; every other parse error
        // is a usage error, and scripts get one code for all of them.
        const int code = app.exit(e);
        return code == 0 ? code : toInt(ExitCode::kUsage);
    }
    const auto* run = commands.selected();
    if (run == nullptr) {
        std::cout << app.help();
        return toInt(ExitCode::kOk);
    }
    if (const auto problem = sentinela::model::inferenceKernelProblem(); !problem.empty()) {
        std::cerr << "sentinela: warning: " << problem << "\n";
    }
    try {
        return toInt((*run)());
    } catch (const std::exception& e) {
        // Library errors already say where and what to do; the exit code tells scripts which
        // kind of problem it was (README.md, "Exit codes").
        std::cerr << "sentinela: error: " << e.what() << "\n";
        return toInt(exitCodeFor(e));
    }
}
