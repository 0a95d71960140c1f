// `sentinela import WORKSPACE FILE`: streams an export (any supported format, plain, gzip or
// zstd; FILE = - reads stdin) into a workspace, optionally with labels, with a progress bar.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addImportCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
