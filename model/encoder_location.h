// Where the base encoder that ships with Sentinela is found, so that `sentinela train` and the
// GUI's training page start from it with no flag. Thread-safe (reads the environment and files).
#pragma once

#include <filesystem>
#include <optional>

namespace sentinela::model {

// $SENTINELA_ENCODER (a file, or "none" to train from scratch), else base.encoder in the first
// of shippedDataDirs("encoders") that has one (data_location.h): /usr/share/sentinela/encoders
// beside an installed binary, resources/encoders of the source tree for a build run in place.
// nullopt when none exists (or "none").
std::optional<std::filesystem::path> findDefaultEncoder();

}  // namespace sentinela::model
