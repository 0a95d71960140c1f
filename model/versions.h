// Version of the linear-algebra library model was built with, for `sentinela --version`.
#pragma once

#include <string>

namespace sentinela::model {

std::string eigenVersion();

}  // namespace sentinela::model
