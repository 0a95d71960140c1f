// What `scan` reports when it ends: counts (posts read, flagged per label, skipped and rejected
// records with reasons), throughput, stage timings, and the highest-scoring flagged posts, as
// text for people and as JSON for scripts. Not thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/cli/scan_pipeline.h"
#include "storage/import_report.h"

namespace sentinela::cli {

struct ScanReport {
    ScanStats stats;
    storage::ImportReport importReport;
    std::vector<std::string> labels;
    std::vector<int> flagLabels;
    std::vector<float> thresholds;  // empty = the model's decision
    bool interrupted = false;
    std::string output, workspace;
    bool timings = false;
    std::int64_t storedPosts = 0, duplicatePosts = 0, unscoredWithoutId = 0;
};

nlohmann::json scanReportJson(const ScanReport& report);
std::string formatScanReport(const ScanReport& report);

// Keeps the N flagged posts with the highest flag score (bounded memory), for display.
class TopFlaggedSink : public ScanSink {
public:
    struct Entry {
        float score = 0.0f;
        int label = 0;
        std::string id, author, text;
    };
    explicit TopFlaggedSink(std::size_t capacity) : capacity_(capacity) {}
    void write(const ScanBatch& batch) override;
    // Highest score first.
    std::vector<Entry> entries() const;

private:
    std::size_t capacity_;
    std::vector<Entry> heap_;  // min-heap on score
};

// One line per post: score, label, the post's id (its author when it has none), text. The id,
// not the author: an X export's author is a number that reads like an id, and one author's
// posts would look like posts sharing an id.
std::string formatTopFlagged(const TopFlaggedSink& top, const std::vector<std::string>& labels);

}  // namespace sentinela::cli
