// `sentinela train`: trains a classifier from a workspace task's labels (deterministic split) or
// from JSON Lines files, with a live progress bar, and saves the model file.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addTrainCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
