// Where the data that ships with Sentinela is found (the base encoder, the demo posts): beside an
// installed binary (/usr/bin/sentinela reads /usr/share/sentinela/NAME), else in resources/NAME of
// the source tree a build runs in place from. Thread-safe (reads /proc and nothing shared).
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

namespace sentinela::model {

// This process's executable (/proc/self/exe, symbolic links resolved); empty when unreadable.
std::filesystem::path currentExecutable();

// The folders that may hold the shipped data NAME ("encoders", "demo"), in the order to try
// them: BINDIR/../share/sentinela/NAME for `executable` (the install layout of GNUInstallDirs),
// then the source tree's resources/NAME unless this is a package build (SENTINELA_PACKAGE),
// which compiles no build path in. Callers pick the first that holds the file they need.
std::vector<std::filesystem::path> shippedDataDirs(
        std::string_view name, const std::filesystem::path& executable = currentExecutable());

}  // namespace sentinela::model
