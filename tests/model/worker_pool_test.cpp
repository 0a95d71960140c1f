// The persistent threads of a training run (model/worker_pool.h): every worker index runs once
// per run(), on distinct threads, for runs of any size, many times over.
#include "model/worker_pool.h"

#include <atomic>
#include <gtest/gtest.h>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace sentinela::model {
namespace {

TEST(WorkerPool, RunsEveryWorkerOncePerRunOnItsOwnThread) {
    WorkerPool pool(4);
    EXPECT_EQ(pool.size(), 4);
    for (int round = 0; round < 2000; ++round) {
        const int count = 1 + round % 4;
        std::vector<std::atomic<int>> calls(4);
        std::mutex mutex;
        std::set<std::thread::id> threads;
        pool.run(count, [&](int w) {
            ++calls[std::size_t(w)];
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        });
        for (int w = 0; w < 4; ++w) {
            ASSERT_EQ(calls[std::size_t(w)].load(), w < count ? 1 : 0) << "round " << round;
        }
        ASSERT_EQ(threads.size(), std::size_t(count));
        ASSERT_TRUE(threads.count(std::this_thread::get_id())) << "worker 0 is the caller";
    }
}

TEST(WorkerPool, OneThreadRunsOnTheCaller) {
    WorkerPool pool(1);
    int calls = 0;
    pool.run(1, [&](int w) {
        EXPECT_EQ(w, 0);
        ++calls;
    });
    EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace sentinela::model
