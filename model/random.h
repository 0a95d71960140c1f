// Internal: a small, fast, seedable random generator (splitmix64) for initialisation, dropout
// masks and shuffling. Identical streams on every platform, unlike std:: distributions.
#pragma once

#include <cmath>
#include <cstdint>

namespace sentinela::model {

class Random {
public:
    explicit Random(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 24 bits (enough for dropout and initialisation).
    float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
    double uniformDouble() {
        return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
    }
    // Uniform integer in [0, bound).
    std::uint64_t below(std::uint64_t bound) { return next() % bound; }

private:
    std::uint64_t state_;
};

// Derives an independent stream for (seed, a, b): e.g. (run seed, step, worker).
inline std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) {
    Random r(seed ^ (a * 0xD1B54A32D192ED03ull) ^ (b * 0x8CB92BA72F3D8DD7ull));
    r.next();
    return r.next();
}

}  // namespace sentinela::model
