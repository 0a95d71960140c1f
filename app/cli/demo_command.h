// `sentinela demo [DIR]`: the whole workflow on the bundled demo data (resources/demo/): init,
// import, label, train, eval, scan and explain, printing each command as a user would type it.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addDemoCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
