// Versions of the text libraries nlp was built with, for `sentinela --version`. Thread-safe.
#pragma once

#include <string>

namespace sentinela::nlp {

std::string icuVersion();
std::string sentencepieceVersion();

}  // namespace sentinela::nlp
