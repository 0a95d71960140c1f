// `--shard I/N`: splits one export among N independent scanner processes (Slurm array jobs,
// Hadoop streaming tasks...) without coordination. A post belongs to shard I when a stable hash of
// its id (or of its text when it has no id) mod N == I: the same on every machine, run and version,
// so N processes with I = 0..N-1 each flag a disjoint part and together cover every post once.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace sentinela::cli {

struct Shard {
    std::uint64_t index = 0, count = 1;
    bool contains(std::string_view externalId, std::string_view text) const;
};

// Parses "I/N" with 0 <= I < N for `flag` (--shard, or --split: a byte-range split, see
// storage/importer.h); throws CommandError(kUsage) with an example otherwise.
Shard parseShard(std::string_view text, std::string_view flag = "--shard");

// 64-bit FNV-1a: fixed by its definition, unlike std::hash.
std::uint64_t stableHash(std::string_view bytes);

}  // namespace sentinela::cli
