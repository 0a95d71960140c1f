// Maps the libraries' typed errors to the CLI's exit codes, so every command reports the same
// problem with the same code: unreadable inputs 3, bad model files 4, workspace problems 5, bad
// configuration 2. Pure function; thread-safe.
#pragma once

#include <exception>

#include "app/cli/exit_code.h"

namespace sentinela::cli {

ExitCode exitCodeFor(const std::exception& error);

}  // namespace sentinela::cli
