// The persistent threads of a training run (model/worker_pool.h): every worker index runs once
// per run(), on distinct threads, for runs of any size, many times over.
#include "model/worker_pool.h"

#include <algorithm>
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

TEST(DealByLength, GivesEveryWorkerASimilarShareOfTokens) {
    // Lengths as a batch of posts has them: a few long ones among many short ones.
    const std::vector<std::size_t> lengths = {3, 60, 5, 4, 58, 2, 7, 9, 30, 1, 6, 8, 31, 5, 2, 3};
    const auto workerOf = dealByLength(lengths, 4);
    std::vector<std::size_t> tokens(4), longest(4), posts(4);
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        ASSERT_GE(workerOf[i], 0);
        ASSERT_LT(workerOf[i], 4);
        tokens[std::size_t(workerOf[i])] += lengths[i];
        longest[std::size_t(workerOf[i])] = std::max(longest[std::size_t(workerOf[i])], lengths[i]);
        ++posts[std::size_t(workerOf[i])];
    }
    for (int w = 0; w < 4; ++w) {
        EXPECT_EQ(posts[std::size_t(w)], 4u) << "worker " << w;
    }
    // By position (i mod 4) worker 0 would get 122 of the 234 tokens (3 + 58 + 30 + 31) and
    // worker 2 only 20; dealt, the busiest gets 72: the longest post and three short ones
    // (60 + 6 + 5 + 1).
    EXPECT_EQ(*std::max_element(tokens.begin(), tokens.end()), 72u);
    EXPECT_EQ(*std::min_element(tokens.begin(), tokens.end()), 45u);
    // The four longest posts go to four different workers.
    EXPECT_EQ(std::set<int>({workerOf[1], workerOf[4], workerOf[8], workerOf[12]}).size(), 4u);
    EXPECT_EQ(dealByLength(lengths, 4), workerOf) << "deterministic";
}

}  // namespace
}  // namespace sentinela::model
