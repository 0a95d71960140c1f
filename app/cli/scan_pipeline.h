// The streaming scan: reader -> tokenize+classify workers -> ordered writer, on oneTBB's
// parallel_pipeline. The reader and the writer are serial and keep the export's order; batches of
// posts are classified on every core in between. At most `maxBatchesInFlight` batches exist at
// once, so memory stays constant however large the export is (a 10 GB export needs no more RAM
// than a 10 MB one). Stopping through the stop_token ends reading; batches already read are still
// classified and written, so the output holds exactly the posts up to some point of the input.
//
// Thread-safety: runScanPipeline may be called from any thread; it calls the sink from one
// thread at a time, in input order. The classifier is shared read-only by the workers.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <stop_token>
#include <string>
#include <vector>

#include "app/cli/shard.h"
#include "model/classifier.h"
#include "storage/importer.h"

namespace sentinela::cli {

struct ScanBatch {
    std::vector<storage::PostRecord> posts;
    std::vector<std::vector<float>> scores;  // scores[i]: per label, for posts[i]
    std::vector<std::vector<int>> flagged;   // flagged[i]: flag-label indices posts[i] reached
    std::int64_t flaggedPosts = 0;
};

// Receives every classified batch in input order, from one thread at a time.
class ScanSink {
public:
    virtual ~ScanSink() = default;
    virtual void write(const ScanBatch& batch) = 0;
};

struct ScanSettings {
    std::vector<int> flagLabels;  // labels whose posts are flagged (indices into labels())
    // Per-label thresholds (size labels()); empty = the model's own decision (decide()).
    std::vector<float> thresholds;
    Shard shard;
    std::size_t batchPosts = 256;
    int workers = 0;             // 0 = all hardware threads
    int maxBatchesInFlight = 0;  // 0 = 2 * workers + 2
};

struct ScanStats {
    std::int64_t posts = 0;         // posts classified (in this shard)
    std::int64_t otherShards = 0;   // posts left to the other shards
    std::int64_t flaggedPosts = 0;  // posts with at least one flag label
    std::map<int, std::int64_t> flaggedByLabel;
    double readSeconds = 0.0;        // reading, decompressing and parsing (reader stage)
    model::PredictTimings classify;  // tokenizing and the network, summed over workers
    double writeSeconds = 0.0;       // the sink (writer stage)
    double wallSeconds = 0.0;
    int workers = 0;
    // The input broke mid-way (damaged compressed data): the pipeline stopped there, and every
    // post read before the damage went through it. The caller reports it after its outputs.
    std::exception_ptr inputDamage;
};

// Runs the pipeline to the end of the input or until `stop` fires. `onProgress` is called from
// the writer stage after each batch. Exceptions from the reader, the classifier or the sink stop
// the pipeline and propagate to the caller.
ScanStats runScanPipeline(storage::PostReader& reader,
                          const model::Classifier& classifier,
                          const ScanSettings& settings,
                          ScanSink& sink,
                          std::stop_token stop,
                          const std::function<void(const ScanStats&)>& onProgress = {});

}  // namespace sentinela::cli
