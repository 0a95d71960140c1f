// A one-line progress bar with rate and ETA on stderr, for import, train and scan.
// It draws only when stderr is a terminal, so scripts, pipes and logs stay clean; it redraws at
// most ten times a second, so calling update() per post costs almost nothing. Thread-safe:
// update(), add() and setDetail() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace sentinela::cli {

class ProgressBar {
public:
    enum class Unit { kCount, kBytes };
    // `total` 0 means unknown (no percentage nor ETA, only the count and the rate).
    ProgressBar(std::string label, Unit unit, std::int64_t total, std::string countName = "");
    ~ProgressBar();  // finish()
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void setTotal(std::int64_t total);
    void update(std::int64_t done);  // absolute position
    void add(std::int64_t delta);
    void setDetail(std::string detail);  // shown after the ETA, e.g. "loss 0.412"
    // Prints a whole line to stderr above the bar (the bar is redrawn below it); without a
    // terminal, just prints the line. For per-epoch reports and warnings during long work.
    void println(const std::string& line);
    // Draws the final state and ends the line; later calls do nothing.
    void finish();

    // True when bars are drawn: stderr is a terminal and SENTINELA_NO_PROGRESS is unset.
    static bool enabled();

private:
    void maybeDraw(bool force);
    std::string render(double elapsedSeconds) const;

    const std::string label_, countName_;
    const Unit unit_;
    const bool enabled_;
    const std::chrono::steady_clock::time_point start_;
    std::atomic<std::int64_t> total_, done_{0};
    std::atomic<std::int64_t> nextDrawNs_{0};
    std::mutex drawMutex_;  // guards detail_, finished_ and the terminal line
    std::string detail_;
    bool finished_ = false;
};

// "1.2 MB", "834 B"; "12.3k", "1.5M" for counts. Used by the bar and by summaries.
std::string formatBytes(double bytes);
std::string formatCount(double count);
// "1:02:03" or "2:03".
std::string formatDuration(double seconds);

}  // namespace sentinela::cli
