#include "app/cli/scan_summary.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "app/cli/progress_bar.h"
#include "app/cli/terminal.h"

namespace sentinela::cli {
namespace {

constexpr std::size_t kRejectedShown = 5;

bool scoreAbove(const TopFlaggedSink::Entry& a, const TopFlaggedSink::Entry& b) {
    return a.score > b.score;
}

double rate(std::int64_t count, double seconds) {
    return seconds > 0 ? static_cast<double>(count) / seconds : 0.0;
}

}  // namespace

void TopFlaggedSink::write(const ScanBatch& batch) {
    if (capacity_ == 0) {
        return;
    }
    for (std::size_t i = 0; i < batch.posts.size(); ++i) {
        if (batch.flagged[i].empty()) {
            continue;
        }
        int best = batch.flagged[i].front();
        for (const int label : batch.flagged[i]) {
            best = batch.scores[i][label] > batch.scores[i][best] ? label : best;
        }
        const float score = batch.scores[i][best];
        if (heap_.size() == capacity_ && score <= heap_.front().score) {
            continue;
        }
        const auto& post = batch.posts[i];
        heap_.push_back({score, best, post.externalId, post.author, post.text});
        std::push_heap(heap_.begin(), heap_.end(), scoreAbove);
        if (heap_.size() > capacity_) {
            std::pop_heap(heap_.begin(), heap_.end(), scoreAbove);
            heap_.pop_back();
        }
    }
}

std::vector<TopFlaggedSink::Entry> TopFlaggedSink::entries() const {
    auto sorted = heap_;
    std::sort(sorted.begin(), sorted.end(), scoreAbove);
    return sorted;
}

nlohmann::json scanReportJson(const ScanReport& report) {
    const auto& s = report.stats;
    const auto& r = report.importReport;
    nlohmann::json flagged = nlohmann::json::object();
    for (const int label : report.flagLabels) {
        const auto it = s.flaggedByLabel.find(label);
        flagged[report.labels[label]] = it == s.flaggedByLabel.end() ? 0 : it->second;
    }
    nlohmann::json rejected = nlohmann::json::array();
    for (const auto& line : r.rejectedLines) {
        rejected.push_back({{"line", line.line}, {"reason", line.reason}});
    }
    nlohmann::json out{{"input", r.file},
                       {"format", r.format},
                       {"compression", r.compression},
                       {"records_read", r.read},
                       {"posts_scanned", s.posts},
                       {"posts_in_other_shards", s.otherShards},
                       {"flagged_posts", s.flaggedPosts},
                       {"flagged_by_label", flagged},
                       {"skipped", r.skipped},
                       {"skipped_by_reason", r.skippedByReason},
                       {"rejected", r.rejected},
                       {"rejected_lines", rejected},
                       {"bytes_read", r.bytesRead},
                       {"seconds", s.wallSeconds},
                       {"posts_per_second", rate(s.posts, s.wallSeconds)},
                       {"interrupted", report.interrupted}};
    if (const auto& split = r.split) {
        // What a merge needs to turn the split's line numbers into the file's (import_report.h).
        out["split"] = {{"index", split->index},          {"count", split->count},
                        {"first_byte", split->firstByte}, {"end_byte", split->endByte},
                        {"first_line", split->firstLine}, {"lines", split->lines}};
    }
    if (!report.thresholds.empty()) {
        for (const int label : report.flagLabels) {
            out["thresholds"][report.labels[label]] = report.thresholds[label];
        }
    }
    if (!report.output.empty()) {
        out["output"] = report.output;
    }
    if (!report.workspace.empty()) {
        out["workspace"] = {{"file", report.workspace},
                            {"stored", report.storedPosts},
                            {"duplicates", report.duplicatePosts},
                            {"unscored_without_id", report.unscoredWithoutId}};
    }
    if (report.timings) {
        out["timings"] = {{"read_parse_seconds", s.readSeconds},
                          {"tokenize_seconds", s.classify.tokenizeSeconds},
                          {"network_seconds", s.classify.networkSeconds},
                          {"write_seconds", s.writeSeconds},
                          {"wall_seconds", s.wallSeconds},
                          {"workers", s.workers},
                          {"tokens", s.classify.tokens}};
    }
    return out;
}

std::string formatScanReport(const ScanReport& report) {
    const auto& s = report.stats;
    const auto& r = report.importReport;
    std::ostringstream out;
    out << "scanned " << s.posts << " posts of " << r.read << " records in " << r.file << " ("
        << r.format << (r.compression == "none" ? "" : ", " + r.compression) << ") in "
        << formatDuration(s.wallSeconds) << ", " << formatCount(rate(s.posts, s.wallSeconds))
        << " posts/s\n";
    if (s.otherShards > 0) {
        out << "  " << s.otherShards << " posts belong to other shards\n";
    }
    if (const auto& split = r.split) {
        out << "  split " << split->index << "/" << split->count << ": bytes " << split->firstByte
            << " to " << split->endByte << ", " << split->lines << " lines; line numbers count "
            << "from " << split->firstLine << " at byte " << split->firstByte << "\n";
    }
    out << "flagged " << s.flaggedPosts << " posts";
    for (const int label : report.flagLabels) {
        const auto it = s.flaggedByLabel.find(label);
        out << "  " << report.labels[label] << " "
            << (it == s.flaggedByLabel.end() ? 0 : it->second);
        if (!report.thresholds.empty()) {
            char threshold[32];
            std::snprintf(threshold, sizeof threshold, " (score >= %.3f)",
                          report.thresholds[label]);
            out << threshold;
        }
    }
    out << "\n";
    if (!report.output.empty() && report.output != "-") {
        out << "  written to " << report.output << "\n";
    }
    if (!report.workspace.empty()) {
        out << "  stored in " << report.workspace << ": " << report.storedPosts << " new posts, "
            << report.duplicatePosts << " already there";
        if (report.unscoredWithoutId > 0) {
            out << ", " << report.unscoredWithoutId << " without an id (not scored there)";
        }
        out << "\n";
    }
    if (r.skipped > 0) {
        out << "skipped " << r.skipped << " records that are not posts:";
        for (const auto& [reason, count] : r.skippedByReason) {
            out << "  " << reason << " " << count;
        }
        out << "\n";
    }
    if (r.rejected > 0) {
        out << "rejected " << r.rejected << " malformed records:\n";
        for (std::size_t i = 0; i < r.rejectedLines.size() && i < kRejectedShown; ++i) {
            out << "  line " << r.rejectedLines[i].line << ": " << r.rejectedLines[i].reason
                << "\n";
        }
        if (r.rejected > static_cast<std::int64_t>(kRejectedShown)) {
            out << "  ... (--json lists the first " << r.rejectedLines.size() << ")\n";
        }
    }
    if (report.timings) {
        char line[512];
        std::snprintf(line, sizeof line,
                      "timings (seconds; stage sums over %d workers):\n"
                      "  read+parse %.3f  tokenize %.3f  network %.3f  write %.3f  wall %.3f\n"
                      "  %.0f posts/s, %.0f tokens/s\n",
                      s.workers, s.readSeconds, s.classify.tokenizeSeconds,
                      s.classify.networkSeconds, s.writeSeconds, s.wallSeconds,
                      rate(s.posts, s.wallSeconds), rate(s.classify.tokens, s.wallSeconds));
        out << line;
    }
    return out.str();
}

std::string formatTopFlagged(const TopFlaggedSink& top, const std::vector<std::string>& labels) {
    const auto entries = top.entries();
    if (entries.empty()) {
        return {};
    }
    const bool colour = stdoutWantsColour();
    std::ostringstream out;
    out << "\nhighest-scoring flagged posts:\n";
    for (const auto& entry : entries) {
        char score[16];
        std::snprintf(score, sizeof score, "%.3f", entry.score);
        out << "  " << bold(score, colour) << "  " << labels[entry.label] << "  "
            << dim(entry.id.empty() ? entry.author : entry.id, colour) << "  "
            << oneLine(entry.text, 90) << "\n";
    }
    return out.str();
}

}  // namespace sentinela::cli
