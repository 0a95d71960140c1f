// `sentinela export WORKSPACE --task T --out FILE`: labeled posts (optionally split into
// train/val/test) in the shared datasets' JSON Lines shape, flagged posts, or the label history.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addExportCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
