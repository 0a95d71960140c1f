// The text of `sentinela --version`: Sentinela's version and the libraries it was built with.
#pragma once

#include <string>

namespace sentinela::cli {

std::string versionText();

}  // namespace sentinela::cli
