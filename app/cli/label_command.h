// `sentinela label WORKSPACE`: labels posts from a CSV (--from), one post at a time (--set POST
// LABEL), or undoes the analyst's last labelling action (--undo). Every change is appended to
// the workspace's label history.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addLabelCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
