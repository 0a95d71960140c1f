#include "app/cli/progress_bar.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace sentinela::cli {
namespace {

constexpr std::int64_t kRedrawIntervalNs = 100'000'000;  // 10 redraws a second at most
constexpr int kBarWidth = 24;

std::int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

std::string formatScaled(double value, const char* const* suffixes, int count, double step) {
    int index = 0;
    while (std::abs(value) >= step && index + 1 < count) {
        value /= step;
        ++index;
    }
    char text[32];
    if (index == 0) {
        std::snprintf(text, sizeof text, "%.0f%s", value, suffixes[index]);
    } else {
        std::snprintf(text, sizeof text, "%.1f%s", value, suffixes[index]);
    }
    return text;
}

}  // namespace

std::string formatBytes(double bytes) {
    static const char* const kSuffixes[] = {" B", " KB", " MB", " GB", " TB"};
    return formatScaled(bytes, kSuffixes, 5, 1024.0);
}

std::string formatCount(double count) {
    static const char* const kSuffixes[] = {"", "k", "M", "G"};
    return formatScaled(count, kSuffixes, 4, 1000.0);
}

std::string formatDuration(double seconds) {
    const auto total = static_cast<long long>(std::max(0.0, std::round(seconds)));
    char text[32];
    if (total >= 3600) {
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60,
                      total % 60);
    } else {
        std::snprintf(text, sizeof text, "%lld:%02lld", total / 60, total % 60);
    }
    return text;
}

bool ProgressBar::enabled() {
    const char* term = std::getenv("TERM");
    return isatty(STDERR_FILENO) == 1 && std::getenv("SENTINELA_NO_PROGRESS") == nullptr &&
           !(term != nullptr && std::string(term) == "dumb");
}

ProgressBar::ProgressBar(std::string label, Unit unit, std::int64_t total, std::string countName)
    : label_(std::move(label)),
      countName_(std::move(countName)),
      unit_(unit),
      enabled_(enabled()),
      start_(std::chrono::steady_clock::now()),
      total_(total) {}

ProgressBar::~ProgressBar() {
    finish();
}

void ProgressBar::setTotal(std::int64_t total) {
    total_.store(total, std::memory_order_relaxed);
}

void ProgressBar::update(std::int64_t done) {
    done_.store(done, std::memory_order_relaxed);
    maybeDraw(false);
}

void ProgressBar::add(std::int64_t delta) {
    done_.fetch_add(delta, std::memory_order_relaxed);
    maybeDraw(false);
}

void ProgressBar::setDetail(std::string detail) {
    if (!enabled_) {
        return;
    }
    {
        std::lock_guard lock(drawMutex_);
        detail_ = std::move(detail);
    }
    maybeDraw(false);
}

void ProgressBar::println(const std::string& line) {
    std::lock_guard lock(drawMutex_);
    if (enabled_ && !finished_) {
        std::fprintf(stderr, "\r\033[K%s\n", line.c_str());
        nextDrawNs_.store(0, std::memory_order_relaxed);  // redraw at the next update
    } else {
        std::fprintf(stderr, "%s\n", line.c_str());
    }
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (!enabled_) {
        return;
    }
    maybeDraw(true);
    std::lock_guard lock(drawMutex_);
    if (!finished_) {
        finished_ = true;
        std::fputc('\n', stderr);
        std::fflush(stderr);
    }
}

void ProgressBar::maybeDraw(bool force) {
    if (!enabled_) {
        return;
    }
    const std::int64_t now = nowNs();
    std::int64_t due = nextDrawNs_.load(std::memory_order_relaxed);
    if (!force && (now < due || !nextDrawNs_.compare_exchange_strong(due, now + kRedrawIntervalNs,
                                                                     std::memory_order_relaxed))) {
        return;  // drawn recently, or another thread is drawing this frame
    }
    std::lock_guard lock(drawMutex_);
    if (finished_) {
        return;
    }
    const double elapsed =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::string line = render(elapsed);
    // \r returns to the line start, \033[K clears what a longer previous frame left behind.
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
}

std::string ProgressBar::render(double elapsedSeconds) const {
    const std::int64_t done = done_.load(std::memory_order_relaxed);
    const std::int64_t total = total_.load(std::memory_order_relaxed);
    const auto amount = [this](double value) {
        return unit_ == Unit::kBytes ? formatBytes(value) : formatCount(value);
    };
    const double rate = elapsedSeconds > 0 ? static_cast<double>(done) / elapsedSeconds : 0.0;
    std::string line = label_ + " ";
    if (total > 0) {
        const double fraction = std::clamp(static_cast<double>(done) / total, 0.0, 1.0);
        const int filled = static_cast<int>(fraction * kBarWidth);
        line += "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
        char percent[16];
        std::snprintf(percent, sizeof percent, "%3.0f%% ", fraction * 100);
        line += percent;
        line += amount(done) + "/" + amount(total);
    } else {
        line += amount(done);
    }
    if (!countName_.empty()) {
        line += " " + countName_;
    }
    line += "  " + amount(rate) + "/s";
    if (total > 0 && rate > 0 && done < total) {
        line += "  ETA " + formatDuration(static_cast<double>(total - done) / rate);
    } else {
        line += "  " + formatDuration(elapsedSeconds);
    }
    if (!detail_.empty()) {
        line += "  " + detail_;
    }
    return line;
}

}  // namespace sentinela::cli
