// Where `sentinela scan` writes: flagged posts (or every post) as CSV or JSON Lines, and
// optionally every prediction into a workspace. Sinks run on the pipeline's writer stage, one
// batch at a time, in input order. Not thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli/scan_pipeline.h"

namespace sentinela::cli {

enum class ScanOutputFormat { kCsv, kJsonl };

// .csv -> CSV; anything else (.jsonl, .ndjson, .json, "-") -> JSON Lines.
ScanOutputFormat outputFormatFor(const std::filesystem::path& file);

// Writes one row per flagged post (or per post with `everyPost`): id, source, author,
// created_at, line, flagged labels, the score of each label, text.
std::unique_ptr<ScanSink> makePostWriter(std::ostream& out,
                                         ScanOutputFormat format,
                                         const std::vector<std::string>& labels,
                                         bool everyPost);

// Sends each batch to every sink in turn.
class FanOutSink : public ScanSink {
public:
    void add(ScanSink* sink) { sinks_.push_back(sink); }
    void write(const ScanBatch& batch) override {
        for (auto* sink : sinks_) {
            sink->write(batch);
        }
    }

private:
    std::vector<ScanSink*> sinks_;
};

}  // namespace sentinela::cli
