#include "app/cli/scan_pipeline.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <string_view>
#include <thread>

#include "app/cli/pipeline_ordering.h"

namespace sentinela::cli {
namespace {

using Clock = std::chrono::steady_clock;
// Shared ownership so that batches in flight are freed even when a stage throws.
using BatchPtr = std::shared_ptr<ScanBatch>;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Which flag labels a post reaches: its scores against explicit thresholds, or else the model's
// own decision restricted to the flag labels.
std::vector<int> flaggedLabels(const model::Classifier& classifier,
                               const ScanSettings& settings,
                               const std::vector<float>& scores) {
    std::vector<int> flagged;
    if (!settings.thresholds.empty()) {
        for (const int label : settings.flagLabels) {
            if (scores[label] >= settings.thresholds[label]) {
                flagged.push_back(label);
            }
        }
        return flagged;
    }
    for (const int label : classifier.decide(scores)) {
        if (std::find(settings.flagLabels.begin(), settings.flagLabels.end(), label) !=
            settings.flagLabels.end()) {
            flagged.push_back(label);
        }
    }
    return flagged;
}

// The reader's next batch; 0 at the end, or when the input breaks: the ImportError is kept in
// stats and the batches already read still go through the pipeline.
std::size_t nextBatchOrDamage(storage::PostReader& reader,
                              std::vector<storage::PostRecord>& posts,
                              std::size_t batchPosts,
                              ScanStats& stats) {
    try {
        return reader.nextBatch(posts, batchPosts);
    } catch (const storage::ImportError&) {
        stats.inputDamage = std::current_exception();
        return 0;
    }
}

}  // namespace

ScanStats runScanPipeline(storage::PostReader& reader,
                          const model::Classifier& classifier,
                          const ScanSettings& settings,
                          ScanSink& sink,
                          std::stop_token stop,
                          const std::function<void(const ScanStats&)>& onProgress) {
    const int hardware = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int workers = settings.workers > 0 ? settings.workers : hardware;
    const int inFlight =
            settings.maxBatchesInFlight > 0 ? settings.maxBatchesInFlight : 2 * workers + 2;
    // TBB's pool gets exactly `workers` threads; the serial reader and writer stages borrow them
    // between batches, so scanning never oversubscribes the cores it was given.
    oneapi::tbb::global_control threads(oneapi::tbb::global_control::max_allowed_parallelism,
                                        static_cast<std::size_t>(workers));
    ScanStats stats;
    stats.workers = workers;
    std::mutex classifyMutex;  // guards stats.classify
    const auto start = Clock::now();

    // Sync addresses for ThreadSanitizer (pipeline_ordering.h): the pipeline and each serial
    // stage; a batch is its own.
    PipelineSync pipeline;
    const char reading = 0, writing = 0;
    happensBefore(&pipeline.setUp);
    auto readStage = oneapi::tbb::make_filter<void, BatchPtr>(
            oneapi::tbb::filter_mode::serial_in_order, [&](oneapi::tbb::flow_control& control) {
                const StageCall call(pipeline, &reading);
                const auto readStart = Clock::now();
                auto batch = std::make_shared<ScanBatch>();
                std::vector<storage::PostRecord> posts;
                while (batch->posts.empty()) {
                    if (stop.stop_requested() ||
                        nextBatchOrDamage(reader, posts, settings.batchPosts, stats) == 0) {
                        stats.readSeconds += secondsSince(readStart);
                        control.stop();
                        return BatchPtr();
                    }
                    for (auto& post : posts) {
                        if (settings.shard.contains(post.externalId, post.text)) {
                            batch->posts.push_back(std::move(post));
                        } else {
                            ++stats.otherShards;
                        }
                    }
                }
                stats.readSeconds += secondsSince(readStart);
                happensBefore(batch.get());
                return batch;
            });

    auto classifyStage = oneapi::tbb::make_filter<BatchPtr, BatchPtr>(
            oneapi::tbb::filter_mode::parallel, [&](BatchPtr batch) {
                const StageCall call(pipeline, nullptr);
                happensAfter(batch.get());
                std::vector<std::string_view> texts;
                texts.reserve(batch->posts.size());
                for (const auto& post : batch->posts) {
                    texts.push_back(post.text);
                }
                model::PredictTimings timings;
                batch->scores = classifier.predictBatch(std::span<const std::string_view>(texts), 1,
                                                        &timings);
                batch->flagged.resize(batch->posts.size());
                for (std::size_t i = 0; i < batch->posts.size(); ++i) {
                    batch->flagged[i] = flaggedLabels(classifier, settings, batch->scores[i]);
                    batch->flaggedPosts += batch->flagged[i].empty() ? 0 : 1;
                }
                std::lock_guard lock(classifyMutex);
                stats.classify.tokenizeSeconds += timings.tokenizeSeconds;
                stats.classify.networkSeconds += timings.networkSeconds;
                stats.classify.posts += timings.posts;
                stats.classify.tokens += timings.tokens;
                happensBefore(batch.get());
                return batch;
            });

    auto writeStage = oneapi::tbb::make_filter<BatchPtr, void>(
            oneapi::tbb::filter_mode::serial_in_order, [&](const BatchPtr& batch) {
                const StageCall call(pipeline, &writing);
                happensAfter(batch.get());
                const auto writeStart = Clock::now();
                sink.write(*batch);
                stats.writeSeconds += secondsSince(writeStart);
                stats.posts += static_cast<std::int64_t>(batch->posts.size());
                stats.flaggedPosts += batch->flaggedPosts;
                for (const auto& labels : batch->flagged) {
                    for (const int label : labels) {
                        ++stats.flaggedByLabel[label];
                    }
                }
                stats.wallSeconds = secondsSince(start);
                if (onProgress) {
                    onProgress(stats);
                }
            });

    oneapi::tbb::parallel_pipeline(static_cast<std::size_t>(inFlight),
                                   readStage & classifyStage & writeStage);
    happensAfter(&pipeline.finished);
    stats.wallSeconds = secondsSince(start);
    return stats;
}

}  // namespace sentinela::cli
