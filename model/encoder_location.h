// Where the base encoder that ships with Sentinela is found, so that `sentinela train` and the
// GUI's training page start from it with no flag. Thread-safe (reads the environment and files).
#pragma once

#include <filesystem>
#include <optional>

namespace sentinela::model {

// $SENTINELA_ENCODER (a file, or "none" to train from scratch), else resources/encoders/
// base.encoder of the source tree this binary was built from, else ../share/sentinela/encoders/
// base.encoder beside an installed binary. nullopt when none exists (or "none").
std::optional<std::filesystem::path> findDefaultEncoder();

}  // namespace sentinela::model
