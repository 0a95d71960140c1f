// Internal: threads that live as long as a training run and take one task per optimisation
// step. Starting and joining threads at every step cost 15-50 us a thread even on an idle
// machine, a fifth of the step itself at 8 threads on batch 32 (a step is about 1 ms there);
// waking parked threads costs a few microseconds.
// Not thread-safe: one caller runs one task at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <thread>
#include <vector>

namespace sentinela::model {

class WorkerPool {
public:
    explicit WorkerPool(int threads);  // the caller is worker 0; threads - 1 helpers start
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int size() const { return static_cast<int>(helpers_.size()) + 1; }
    // Runs task(w) for w = 0 .. count - 1 (count <= size()), w = 0 on the calling thread, and
    // returns when every one has returned. A task must not throw (the process would end).
    void run(int count, const std::function<void(int)>& task);

private:
    void helperLoop(int worker);

    std::vector<std::jthread> helpers_;
    std::atomic<std::uint64_t> generation_{0};  // one more per run(); helpers wait on it
    std::atomic<int> pending_{0};               // helpers not yet done with this generation
    const std::function<void(int)>* task_ = nullptr;
    int count_ = 0;
    bool stopping_ = false;
};

// The worker of each post of a batch (parallel to `lengths`, in tokens): longest first, dealt in
// snake order (0, 1, .., W-1, W-1, .., 0, 0, 1, ..), so that every worker gets a similar number
// of tokens and of steps. A worker's time is its tokens and its longest post; dealing by
// position (post i to worker i mod W) left the others waiting for the unluckiest one.
// Deterministic (ties keep batch order).
std::vector<int> dealByLength(std::span<const std::size_t> lengths, int workers);

// The posts of `batch` (lengthOf(post) tokens each) dealt by dealByLength: postsOf(w) is
// worker w's list, which the caller has emptied.
template <typename LengthOf, typename PostsOf>
void dealBatch(const std::vector<int>& batch, int workers, LengthOf&& lengthOf, PostsOf&& postsOf) {
    std::vector<std::size_t> lengths;
    lengths.reserve(batch.size());
    for (const int post : batch) {
        lengths.push_back(lengthOf(post));
    }
    const std::vector<int> workerOf = dealByLength(lengths, workers);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        postsOf(workerOf[i]).push_back(batch[i]);
    }
}

}  // namespace sentinela::model
