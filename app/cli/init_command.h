// `sentinela init WORKSPACE [--task PRESET]...`: creates a workspace with the built-in tasks
// (sentiment, offensive, illegal-content) or only the ones named.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addInitCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
