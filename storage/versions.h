// Version of SQLite that storage runs on (the loaded library, not the header). Thread-safe.
#pragma once

#include <string>

namespace sentinela::storage {

std::string sqliteVersion();

}  // namespace sentinela::storage
