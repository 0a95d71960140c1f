// The import runs as a two-stage pipeline: a reader thread parses the next batch while this
// thread writes the previous one into SQLite, so on two cores an import costs about
// max(parse, insert) instead of their sum. At most kBatchesInFlight batches wait between the
// stages and written batches return to the reader for reuse, which keeps memory constant.
#include "storage/import_into_workspace.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "storage/content_hash.h"
#include "storage/search_index_build.h"
#include "storage/workspace.h"

namespace sentinela::storage {
namespace {

constexpr std::size_t kBatchesInFlight = 2;

struct ReadBatch {
    std::vector<PostRecord> posts;
    std::vector<std::uint64_t> contentHashes;  // contentHash(post.text), hashed on the reader
    std::int64_t bytesRead = 0;                // progress after this batch
    std::int64_t postsRead = 0;
};

// Batches from a PostReader on a thread of their own. The reader and its report belong to
// that thread until the pipeline is destroyed (which joins it).
class BatchPipeline {
public:
    BatchPipeline(PostReader& reader, std::size_t batchSize)
        : reader_(reader),
          thread_([this, batchSize](std::stop_token stop) { run(stop, batchSize); }) {}
    ~BatchPipeline() {
        {
            // Under the lock: the reader checks stop_requested() and waits in one step, so a
            // stop requested between the two would miss its wake-up and join would hang.
            std::lock_guard lock(mutex_);
            thread_.request_stop();
        }
        changed_.notify_all();
        thread_.join();
    }

    // The next batch; false at the end of the input. Rethrows the reader's exception. The
    // batch `out` held before goes back to the reader thread, which frees and reuses it: posts
    // are allocated and freed on one thread (cross-thread frees contend in malloc).
    bool next(ReadBatch& out) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !ready_.empty() || finished_; });
        if (ready_.empty()) {
            if (error_) {
                std::rethrow_exception(error_);
            }
            return false;
        }
        if (out.posts.capacity() > 0) {
            spent_.push_back(std::move(out.posts));
        }
        out = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return true;
    }

    // A written batch handed back from another thread, for the reader to reuse.
    void recycle(std::vector<PostRecord>&& posts) {
        std::lock_guard lock(mutex_);
        spent_.push_back(std::move(posts));
    }

private:
    void run(std::stop_token stop, std::size_t batchSize) {
        try {
            for (;;) {
                ReadBatch batch;
                {
                    std::lock_guard lock(mutex_);
                    if (!spent_.empty()) {
                        batch.posts = std::move(spent_.back());
                        spent_.pop_back();
                    }
                }
                if (reader_.nextBatch(batch.posts, batchSize) == 0) {
                    break;
                }
                batch.contentHashes.resize(batch.posts.size());
                std::transform(batch.posts.begin(), batch.posts.end(), batch.contentHashes.begin(),
                               [](const PostRecord& post) { return contentHash(post.text); });
                batch.bytesRead = reader_.bytesRead();
                batch.postsRead = reader_.report().posts;
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] {
                    return ready_.size() < kBatchesInFlight || stop.stop_requested();
                });
                if (stop.stop_requested()) {
                    break;
                }
                ready_.push_back(std::move(batch));
                changed_.notify_all();
            }
        } catch (...) {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
        }
        std::lock_guard lock(mutex_);
        finished_ = true;
        changed_.notify_all();
    }

    PostReader& reader_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<ReadBatch> ready_;
    std::vector<std::vector<PostRecord>> spent_;  // written batches, for the reader to reuse
    bool finished_ = false;
    std::exception_ptr error_;
    std::jthread thread_;  // last: starts after the members above exist
};

ImportTotals totalsOf(const ImportReport& report, const std::string& fatalError) {
    ImportTotals totals;
    totals.read = report.read;
    totals.imported = report.imported;
    totals.duplicates = report.duplicates;
    totals.skipped = report.skipped;
    totals.rejected = report.rejected;
    totals.cancelled = report.cancelled;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& r : report.rejectedLines) {
        errors.push_back({{"line", r.line}, {"reason", r.reason}});
    }
    if (!fatalError.empty()) {
        errors.push_back({{"line", 0}, {"reason", fatalError}});
    }
    totals.errorsJson = errors.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return totals;
}

// What the writing side counts; merged into the reader's report once the reader has stopped.
struct WriteCounts {
    std::int64_t imported = 0, duplicates = 0, labeled = 0, labelProblemCount = 0;
    std::vector<RejectedRecord> labelProblems;
    bool searchIndexBuiltAlongside = false;
};

void merge(ImportReport& report, WriteCounts& counts) {
    report.imported = counts.imported;
    report.duplicates = counts.duplicates;
    report.labeled = counts.labeled;
    report.labelProblemCount = counts.labelProblemCount;
    report.labelProblems = std::move(counts.labelProblems);
    report.searchIndexBuiltAlongside = counts.searchIndexBuiltAlongside;
}

// A workspace failure mid-import (disk full, locked too long) leaves the batches committed before
// it in place: the error says how many, and that running the same import again completes it.
[[noreturn]] void rethrowSayingWhatWasKept(const std::exception_ptr& failure,
                                           const WriteCounts& counts) {
    try {
        std::rethrow_exception(failure);
    } catch (const WorkspaceError& e) {
        throw WorkspaceError(e.file(),
                             e.problem() + " The import stopped there; the " +
                                     std::to_string(counts.imported) +
                                     " new posts it had committed before are kept.",
                             e.remedy() + (e.remedy().empty() ? "" : " ") +
                                     "Running the same import again skips them and completes it.");
    }
}

// A rough post count from the input's size, for Workspace::startImport's index decision: posts
// in exports take a few hundred bytes, compressed ones a fifth of that.
std::int64_t expectedPosts(PostReader& reader) {
    const bool compressed = reader.report().compression != "none";
    return reader.totalBytes() / (compressed ? 80 : 400);
}

ImportReport run(Workspace& workspace,
                 PostReader& reader,
                 const std::string& name,
                 const WorkspaceImportOptions& options,
                 std::stop_token stop,
                 const ImportProgressCallback& progress) {
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t importId =
            workspace.startImport(name, std::string(formatName(reader.format())), options.labelTask,
                                  expectedPosts(reader));
    const std::size_t maxKept = reader.report().maxRejectedKept;
    const std::int64_t totalBytes = reader.totalBytes();
    WriteCounts counts;
    std::string fatalError;
    std::exception_ptr fatal, writeFailure;
    bool cancelled = false;
    {
        BatchPipeline pipeline(reader, std::max<std::size_t>(options.batchSize, 1));
        // Into an empty workspace the search index is built beside the inserts, on a third
        // thread, instead of after them (search_index_build.h). Declared after the pipeline so
        // that it is destroyed (its thread joined) first: it hands batches back to the pipeline.
        auto searchIndex = SearchIndexBuild::startFor(workspace.file(),
                                                      [&pipeline](std::vector<PostRecord>&& posts) {
                                                          pipeline.recycle(std::move(posts));
                                                      });
        ReadBatch batch;
        try {
            while (!(cancelled = stop.stop_requested()) && pipeline.next(batch)) {
                InsertCounts inserted =
                        workspace.insertPosts(importId, batch.posts, batch.contentHashes);
                counts.imported += inserted.inserted;
                counts.duplicates += inserted.duplicates;
                counts.labeled += inserted.labeled;
                if (searchIndex) {
                    searchIndex->add(std::move(batch.posts), inserted.postIds);
                }
                for (auto& problem : inserted.rejectedLabels) {
                    ++counts.labelProblemCount;
                    if (counts.labelProblems.size() < maxKept) {
                        counts.labelProblems.push_back({problem.line, std::move(problem.reason)});
                    }
                }
                if (progress) {
                    progress({batch.bytesRead, totalBytes, batch.postsRead, counts.imported,
                              counts.duplicates});
                }
            }
        } catch (const ImportError& e) {
            // The input broke mid-way (corrupt compressed data): keep what was imported.
            fatalError = e.what();
            fatal = std::current_exception();
        } catch (...) {
            writeFailure = std::current_exception();
        }
        if (searchIndex && !writeFailure) {
            searchIndex->finishAdding();
            try {
                // While the search index thread writes its last terms, this one builds the date
                // and author indexes (finishImport would, after it).
                workspace.ensureIndexes();
                // When it cannot, finishImport indexes the usual way.
                counts.searchIndexBuiltAlongside = searchIndex->install();
            } catch (...) {
                writeFailure = std::current_exception();
            }
        }
    }  // joins the reader thread: the report is ours again
    if (writeFailure) {
        // The workspace failed (disk full, locked too long): give it back its indexes if it
        // still can, then report the failure itself.
        try {
            workspace.ensureIndexes();
        } catch (const WorkspaceError&) {
        }
        rethrowSayingWhatWasKept(writeFailure, counts);
    }
    ImportReport& report = reader.report();
    merge(report, counts);
    report.cancelled = cancelled;
    report.bytesRead = reader.bytesRead();
    report.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    workspace.finishImport(importId, totalsOf(report, fatalError));
    if (fatal) {
        std::rethrow_exception(fatal);
    }
    return report;
}

}  // namespace

ImportReport importIntoWorkspace(Workspace& workspace,
                                 const std::filesystem::path& file,
                                 const WorkspaceImportOptions& options,
                                 std::stop_token stop,
                                 const ImportProgressCallback& progress) {
    auto reader = openPostReader(file, options.reader);
    return run(workspace, *reader, file.string(), options, std::move(stop), progress);
}

ImportReport importIntoWorkspace(Workspace& workspace,
                                 std::istream& stream,
                                 const std::string& name,
                                 const WorkspaceImportOptions& options,
                                 std::stop_token stop,
                                 const ImportProgressCallback& progress) {
    auto reader = openPostReader(stream, options.reader, name);
    return run(workspace, *reader, name, options, std::move(stop), progress);
}

}  // namespace sentinela::storage
