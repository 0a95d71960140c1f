// Internal: the 64-bit content hash of a post's text (FNV-1a over the text with whitespace runs
// collapsed, ends trimmed and ASCII lower-cased), used for de-duplication without an external id
// and for deterministic splits that keep identical texts together. Thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace sentinela::storage {

std::uint64_t contentHash(std::string_view text);
// FNV-1a over raw bytes, continuing from `seed`.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);

}  // namespace sentinela::storage
