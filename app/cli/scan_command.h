// `sentinela scan MODEL EXPORT`: classifies every post of an export (any importable format, or
// stdin) on all cores in constant memory, writes the flagged posts with their scores, optionally
// stores every prediction in a workspace, and prints a summary (posts read, flagged per label,
// rejected lines with reasons, and stage timings with --timings).
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addScanCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
