#include "storage/content_hash.h"

namespace sentinela::storage {
namespace {
constexpr std::uint64_t kPrime = 0x100000001b3ULL;
bool isSpace(unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t hash = seed;
    for (const unsigned char c : bytes) {
        hash = (hash ^ c) * kPrime;
    }
    return hash;
}

std::uint64_t contentHash(std::string_view text) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    bool pendingSpace = false, started = false;
    for (const unsigned char c : text) {
        if (isSpace(c)) {
            pendingSpace = started;
            continue;
        }
        if (pendingSpace) {
            hash = (hash ^ static_cast<unsigned char>(' ')) * kPrime;
            pendingSpace = false;
        }
        started = true;
        const unsigned char folded =
                (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
        hash = (hash ^ folded) * kPrime;
    }
    return hash;
}

}  // namespace sentinela::storage
