// `sentinela stats WORKSPACE`: posts, imports, models, and per task the labeled posts per label,
// the flagged posts awaiting review and the active model.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addStatsCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
