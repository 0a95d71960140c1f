#include "model/worker_pool.h"

namespace sentinela::model {

WorkerPool::WorkerPool(int threads) {
    for (int w = 1; w < threads; ++w) {
        helpers_.emplace_back([this, w] { helperLoop(w); });
    }
}

WorkerPool::~WorkerPool() {
    stopping_ = true;
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    // The jthreads join here.
}

void WorkerPool::run(int count, const std::function<void(int)>& task) {
    if (helpers_.empty()) {
        if (count > 0) {
            task(0);
        }
        return;
    }
    task_ = &task;
    count_ = count;
    pending_.store(static_cast<int>(helpers_.size()), std::memory_order_relaxed);
    // The release publishes task_ and count_ to the helpers that see the new generation.
    generation_.fetch_add(1, std::memory_order_release);
    generation_.notify_all();
    if (count > 0) {
        task(0);
    }
    for (int left = pending_.load(std::memory_order_acquire); left != 0;
         left = pending_.load(std::memory_order_acquire)) {
        pending_.wait(left, std::memory_order_acquire);
    }
}

void WorkerPool::helperLoop(int worker) {
    std::uint64_t seen = 0;
    for (;;) {
        generation_.wait(seen, std::memory_order_acquire);
        seen = generation_.load(std::memory_order_acquire);
        if (stopping_) {
            return;
        }
        if (worker < count_) {
            (*task_)(worker);
        }
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            pending_.notify_one();
        }
    }
}

}  // namespace sentinela::model
