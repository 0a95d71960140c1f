// How subcommands plug into `sentinela`: each app/cli/<verb>_command.cpp has an
//   void add<Verb>Command(CLI::App& app, CommandTable& commands);
// that declares the subcommand's flags (with defaults and help) and registers the function that
// does the work through the libraries. main.cpp parses, then runs the one that was selected.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "app/cli/exit_code.h"

namespace sentinela::cli {

// Thrown by a command to stop with a given exit code and a message for stderr.
class CommandError : public std::runtime_error {
public:
    CommandError(ExitCode code, const std::string& message)
        : std::runtime_error(message), code_(code) {}
    ExitCode code() const { return code_; }

private:
    ExitCode code_;
};

class CommandTable {
public:
    void add(CLI::App* subcommand, std::function<ExitCode()> run) {
        commands_.emplace_back(subcommand, std::move(run));
    }
    // The work of the subcommand that was parsed, or nullptr if none was given.
    const std::function<ExitCode()>* selected() const {
        for (const auto& [subcommand, run] : commands_) {
            if (subcommand->parsed()) {
                return &run;
            }
        }
        return nullptr;
    }

private:
    std::vector<std::pair<CLI::App*, std::function<ExitCode()>>> commands_;
};

}  // namespace sentinela::cli
