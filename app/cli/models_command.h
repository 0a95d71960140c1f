// `sentinela models WORKSPACE|MODEL`: lists a workspace's registered models (task, metrics, active,
// last scan), or describes one model file (labels, thresholds, training metadata).
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addModelsCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
