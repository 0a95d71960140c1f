// `sentinela eval MODEL DATA`: scores a labeled JSON Lines file (or a workspace task's labels)
// and prints the metrics table, the confusion matrix and optionally the threshold curve.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addEvalCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
