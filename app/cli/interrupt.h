// Ctrl-C for the CLI. The first SIGINT (or SIGTERM) requests a stop through one std::stop_source;
// long commands pass its token to the libraries, wind down, leave outputs and the workspace
// consistent and exit with 130. A second Ctrl-C exits at once (temporary files may remain).
// Call installInterruptHandler() first thing in main(), before any other thread exists: it blocks
// the signals in every thread and lets one watcher thread receive them with sigwait(), so no
// library code ever runs inside a signal handler.
#pragma once

#include <stop_token>

namespace sentinela::cli {

void installInterruptHandler();
std::stop_token interruptToken();
bool interrupted();
// Throws CommandError(kInterrupted) when a stop was requested; for loops between library calls.
void throwIfInterrupted();

}  // namespace sentinela::cli
