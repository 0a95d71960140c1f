#include "storage/versions.h"

#include <sqlite3.h>

namespace sentinela::storage {

std::string sqliteVersion() {
    return sqlite3_libversion();
}

}  // namespace sentinela::storage
