// `sentinela`: the command-line front end. Each subcommand lives in app/cli/<verb>_command.cpp;
// this file only registers them and maps errors to exit codes.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cli/exit_code.h"
#include "app/cli/version_text.h"

int main(int argc, char** argv) {
    using namespace sentinela::cli;
    CLI::App app{
            "Sentinela finds what matters in social media posts: import exports, label them, "
            "train an LSTM classifier, scan large exports and review what it flags."};
    app.name("sentinela");
    app.set_version_flag("--version", versionText());
    app.require_subcommand(0, 1);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version are "errors" with exit code 0 in CLI11; every other parse error
        // is a usage error, and scripts get one code for all of them.
        const int code = app.exit(e);
        return code == 0 ? code : toInt(ExitCode::kUsage);
    }
    if (app.get_subcommands().empty()) {
        std::cout << app.help();
        return toInt(ExitCode::kOk);
    }
    return toInt(ExitCode::kOk);
}
