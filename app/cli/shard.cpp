#include "app/cli/shard.h"

#include <charconv>
#include <string>

#include "app/cli/command.h"

namespace sentinela::cli {

std::uint64_t stableHash(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

bool Shard::contains(std::string_view externalId, std::string_view text) const {
    if (count <= 1) {
        return true;
    }
    return stableHash(externalId.empty() ? text : externalId) % count == index;
}

Shard parseShard(std::string_view text, std::string_view flag) {
    const auto fail = [&] {
        return CommandError(ExitCode::kUsage,
                            std::string(flag) + " expects I/N with 0 <= I < N, e.g. " +
                                    std::string(flag) + " 3/16 (got '" + std::string(text) + "')");
    };
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        throw fail();
    }
    Shard shard;
    const auto parse = [](std::string_view part, std::uint64_t& value) {
        const auto* end = part.data() + part.size();
        const auto result = std::from_chars(part.data(), end, value);
        return !part.empty() && result.ec == std::errc() && result.ptr == end;
    };
    if (!parse(text.substr(0, slash), shard.index) || !parse(text.substr(slash + 1), shard.count) ||
        shard.count == 0 || shard.index >= shard.count) {
        throw fail();
    }
    return shard;
}

}  // namespace sentinela::cli
