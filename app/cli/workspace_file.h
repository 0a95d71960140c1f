// Opening a workspace from the CLI: existing workspaces must exist (a typo must not silently
// create an empty one), and new ones are created only by `sentinela init`. Not thread-safe.
#pragma once

#include <filesystem>

#include "storage/workspace.h"

namespace sentinela::cli {

// Opens an existing workspace; throws CommandError(kBadInput) naming the path when it does not
// exist, with the `sentinela init` command that creates it.
storage::Workspace openExistingWorkspace(const std::filesystem::path& file, bool readOnly = false);

// The analyst recorded in the label history: --analyst, else $USER, else "cli".
std::string analystName(const std::string& flag);

}  // namespace sentinela::cli
