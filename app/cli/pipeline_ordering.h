// Tells ThreadSanitizer what oneTBB's parallel_pipeline guarantees, because it cannot see it:
// Debian's libtbb is not built with ThreadSanitizer, so every hand-off made inside it (a batch
// passed to the next stage, a serial stage moving to another worker, the pipeline's end) would
// be reported as a data race (docs/robustness.md, "Sanitizers"). Only those guarantees are
// stated: calls of a parallel stage stay unordered, so races between them are still found.
// Empty functions in builds without -fsanitize=thread.
#pragma once

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace sentinela::cli {

// What the calling thread did so far happens before a later happensAfter(sync) elsewhere.
inline void happensBefore([[maybe_unused]] const void* sync) {
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void*>(sync));
#endif
}

inline void happensAfter([[maybe_unused]] const void* sync) {
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void*>(sync));
#endif
}

// Sync addresses of one pipeline run. Calls acquire `setUp` and release `finished`, two
// addresses, so that they are not ordered with each other through them.
struct PipelineSync {
    char setUp = 0;     // released by the thread that starts the pipeline
    char finished = 0;  // acquired by it once the pipeline returned
};

// One call of a pipeline stage: it follows the set-up before the pipeline and, for a serial
// stage, the stage's previous call; the pipeline's return follows it.
class StageCall {
public:
    StageCall(PipelineSync& pipeline, const void* serialStage)
        : pipeline_(pipeline), serialStage_(serialStage) {
        happensAfter(&pipeline_.setUp);
        if (serialStage_ != nullptr) {
            happensAfter(serialStage_);
        }
    }
    ~StageCall() {
        if (serialStage_ != nullptr) {
            happensBefore(serialStage_);
        }
        happensBefore(&pipeline_.finished);
    }
    StageCall(const StageCall&) = delete;
    StageCall& operator=(const StageCall&) = delete;

private:
    PipelineSync& pipeline_;
    const void* serialStage_;
};

}  // namespace sentinela::cli
