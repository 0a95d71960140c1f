// Internal: the clocks of a training run (the trainer's and the pretrainer's): elapsed seconds on
// the steady clock, and the UTC time stamp written into model and encoder files. Thread-safe.
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace sentinela::model {

using Clock = std::chrono::steady_clock;

inline double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// ISO 8601 UTC, "2026-12-04T17:21:00Z".
inline std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

}  // namespace sentinela::model
