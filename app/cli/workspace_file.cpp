#include "app/cli/workspace_file.h"

#include <cstdlib>

#include "app/cli/command.h"

namespace sentinela::cli {

storage::Workspace openExistingWorkspace(const std::filesystem::path& file, bool readOnly) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
        throw CommandError(ExitCode::kBadInput,
                           "workspace '" + file.string() +
                                   "' does not exist. Create it with: sentinela init " +
                                   file.string());
    }
    storage::WorkspaceOptions options;
    options.installPresets = false;
    options.readOnly = readOnly;
    return storage::Workspace(file, options);
}

std::string analystName(const std::string& flag) {
    if (!flag.empty()) {
        return flag;
    }
    const char* user = std::getenv("USER");
    return user != nullptr && *user != '\0' ? std::string(user) : std::string("cli");
}

}  // namespace sentinela::cli
