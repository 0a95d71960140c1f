// `sentinela predict MODEL TEXT...`: the decided label(s) and every label's score for each text
// (or each line of stdin with TEXT = -).
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addPredictCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
