// Internal: parses one JSON record with simdjson (about 3-4x faster than nlohmann::json::parse
// on export records) into the nlohmann::json value the mappers read. The result is the value
// nlohmann itself would build: the same types (non-negative integers unsigned, negative ones
// signed, others double), duplicate keys resolved the same way (the last wins). Returns false,
// leaving `out` unspecified, for anything it does not take: invalid JSON, integers beyond 64
// bits, records over 1 MiB; the caller then parses with nlohmann (and its error messages).
// Without simdjson at build time it always returns false.
// Thread-safety: safe; each thread keeps its own parser buffers (bounded by the 1 MiB limit).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sentinela::storage::readers {

bool parseJsonFast(const std::string& text, nlohmann::json& out);

}  // namespace sentinela::storage::readers
