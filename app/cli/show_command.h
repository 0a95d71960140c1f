// `sentinela show WORKSPACE POST_ID`: one post in full (id, source, external id, author, date,
// language, import, text), its current labels and the active model's latest prediction per task
// (or for --task), and with --raw the original record the import read from the export
// (provenance). --external ID [--source S] finds the post by the export's own id instead.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addShowCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
