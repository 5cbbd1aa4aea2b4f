// The work loop shared by the command line and the results window: every job once, cancel and
// a stop flag, and whatever a job throws caught and reported.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "engine/experiments/jobbatch.h"

using engine::experiments::JobBatch;
using engine::experiments::runOnThreads;

TEST(JobBatch, RunsEveryJobOnceOnSeveralThreadsWithOrderedProgress) {
    std::vector<std::atomic<int>> hits(500);
    JobBatch batch(hits.size(), [&](std::size_t i) { ++hits[i]; });
    std::vector<std::size_t> reports;  // progress calls come one at a time
    runOnThreads(batch, 4, [&](std::size_t done) { reports.push_back(done); });
    for (auto& h : hits)
        EXPECT_EQ(h.load(), 1);
    EXPECT_TRUE(batch.complete());
    EXPECT_FALSE(batch.cancelled());
    EXPECT_EQ(batch.done(), hits.size());
    EXPECT_EQ(batch.exited(), 4u);
    ASSERT_EQ(reports.size(), hits.size());
    std::vector<bool> seen(hits.size() + 1, false);
    for (std::size_t d : reports) {
        ASSERT_GE(d, 1u);
        ASSERT_LE(d, hits.size());
        EXPECT_FALSE(seen[d]) << d;
        seen[d] = true;
    }
}

// The command line prints a progress line from these calls: the counts must rise one by one
// (a job's count was taken before the progress lock, so a thread could report 7 after 8).
TEST(JobBatch, ProgressCountsRiseOneByOne) {
    for (int round = 0; round < 200; ++round) {
        JobBatch batch(400, [](std::size_t) {});
        std::vector<std::size_t> reports;
        runOnThreads(batch, 4, [&](std::size_t done) { reports.push_back(done); });
        ASSERT_EQ(reports.size(), 400u);
        for (std::size_t k = 0; k < reports.size(); ++k)
            ASSERT_EQ(reports[k], k + 1) << "round " << round;
    }
}

TEST(JobBatch, AnyExceptionCancelsTheBatchAndKeepsTheFirstMessage) {
    for (int kind = 0; kind < 2; ++kind) {
        std::atomic<int> ran{0};
        JobBatch batch(1000, [&](std::size_t i) {
            ++ran;
            if (i == 3) {
                if (kind == 0)
                    throw std::runtime_error("out of memory");
                throw 42;  // not a std::exception
            }
        });
        runOnThreads(batch, 1);  // one thread: the jobs after the failure never start
        EXPECT_FALSE(batch.complete());
        EXPECT_TRUE(batch.cancelled());
        EXPECT_EQ(ran.load(), 4);
        EXPECT_EQ(batch.done(), 4u);
        if (kind == 0)
            EXPECT_EQ(batch.error(), "out of memory");
        else
            EXPECT_EQ(batch.error(), "a run failed with an exception that is not a std::exception");
    }
}

TEST(JobBatch, CancelAndAStopFlagStopHandingOutJobs) {
    std::atomic<bool> stop{false};
    std::atomic<int> ran{0};
    JobBatch batch(
        100,
        [&](std::size_t i) {
            ++ran;
            if (i == 9)
                stop = true;
        },
        &stop);
    runOnThreads(batch, 1);
    EXPECT_EQ(ran.load(), 10);
    EXPECT_TRUE(batch.cancelled());
    EXPECT_FALSE(batch.complete());
    EXPECT_TRUE(batch.error().empty());

    JobBatch cancelled(100, [&](std::size_t) {});
    cancelled.cancel();
    runOnThreads(cancelled, 3);
    EXPECT_EQ(cancelled.done(), 0u);
    EXPECT_EQ(cancelled.exited(), 3u);
}

TEST(JobBatch, NoJobsAndZeroThreadsAreFine) {
    JobBatch empty(0, [](std::size_t) { FAIL() << "no job to run"; });
    runOnThreads(empty, 0);
    EXPECT_TRUE(empty.complete());
    EXPECT_EQ(empty.exited(), 1u);
}
