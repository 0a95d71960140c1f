#include "model/worker_pool.h"

#include <algorithm>
#include <numeric>

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

std::vector<int> dealByLength(std::span<const std::size_t> lengths, int workers) {
    std::vector<int> order(lengths.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return lengths[std::size_t(a)] > lengths[std::size_t(b)];
    });
    std::vector<int> workerOf(lengths.size());
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const int round = static_cast<int>(rank) / workers;
        const int seat = static_cast<int>(rank) % workers;
        workerOf[std::size_t(order[rank])] = round % 2 == 0 ? seat : workers - 1 - seat;
    }
    return workerOf;
}

}  // namespace sentinela::model
