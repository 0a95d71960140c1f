// `sentinela`: the command-line front end. Each subcommand lives in app/cli/<verb>_command.cpp;
// this file only registers them, runs the selected one and maps errors to exit codes.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "app/cli/command.h"
#include "app/cli/exit_code.h"
#include "app/cli/interrupt.h"
#include "app/cli/tokenize_command.h"
#include "app/cli/version_text.h"

int main(int argc, char** argv) {
    using namespace sentinela::cli;
    installInterruptHandler();  // before any thread exists, so every thread inherits the mask
    CLI::App app{
            "Sentinela finds what matters in social media posts: import exports, label them, "
            "train an LSTM classifier, scan large exports and review what it flags."};
    app.name("sentinela");
    app.set_version_flag("--version", versionText());
    app.require_subcommand(0, 1);

    CommandTable commands;
    // Subcommands register here, one line each (app/cli/<verb>_command.h).
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
    try {
        return toInt((*run)());
    } catch (const CommandError& e) {
        std::cerr << "sentinela: " << e.what() << "\n";
        return toInt(e.code());
    } catch (const std::exception& e) {
        std::cerr << "sentinela: error: " << e.what() << "\n";
        return toInt(ExitCode::kFailure);
    }
}
