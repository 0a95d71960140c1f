// `sentinela explain MODEL TEXT`: which tokens drove the decision. The text is printed with each
// token highlighted by its attribution (colour when stdout is a terminal), then the strongest
// tokens as a table.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addExplainCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
