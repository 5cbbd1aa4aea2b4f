// The queue between the recorder's threads: order, bounds, the end, and a cancel that can never
// be missed by a thread about to wait.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "ui/media/handoffqueue.h"

using ui::HandoffQueue;
using namespace std::chrono_literals;

TEST(HandoffQueue, KeepsOrderAndItsBoundsAndEnds) {
    HandoffQueue<std::string> q(3, 10, [](const std::string& s) { return s.size(); });
    std::string a = "aaaa", b = "bbbbbbb", c = "c";
    EXPECT_TRUE(q.tryPush(a));
    EXPECT_TRUE(q.tryPush(b));  // 11 bytes now: over the budget
    EXPECT_TRUE(q.full());
    EXPECT_FALSE(q.tryPush(c));
    EXPECT_EQ(c, "c");  // a refused item is left as it was
    EXPECT_EQ(*q.tryPop(), "aaaa");
    EXPECT_TRUE(q.tryPush(c));
    q.close();
    std::string out;
    EXPECT_EQ(q.pop(out), HandoffQueue<std::string>::Taken::Item);
    EXPECT_EQ(out, "bbbbbbb");
    EXPECT_EQ(q.pop(out), HandoffQueue<std::string>::Taken::Item);
    EXPECT_EQ(out, "c");
    EXPECT_EQ(q.pop(out), HandoffQueue<std::string>::Taken::End);
    EXPECT_TRUE(q.finished());
    // An empty queue takes one item however large.
    HandoffQueue<std::string> small(3, 2, [](const std::string& s) { return s.size(); });
    std::string big(100, 'x');
    EXPECT_TRUE(small.tryPush(big));
}

TEST(HandoffQueue, APushThatWaitsForRoomEndsOnCancel) {
    HandoffQueue<int> q(1);
    int first = 1;
    ASSERT_TRUE(q.tryPush(first));
    auto pushed = std::async(std::launch::async, [&] { return q.push(2); });
    q.cancel();
    ASSERT_EQ(pushed.wait_for(60s), std::future_status::ready);
    EXPECT_FALSE(pushed.get());
    EXPECT_FALSE(q.tryPop().has_value());
}

// The recorder's encoder once tested its cancel flag under the lock, but cancel() set it without
// the lock: a cancel between the test and the wait was lost and the encoder slept forever. Here
// a cancel is attempted exactly in that gap, from another thread: it must wait for the lock (so
// it cannot land in the gap), and the waiting thread must see it.
TEST(HandoffQueue, ACancelInTheGapBeforeAWaitIsNeverLost) {
    HandoffQueue<int> q(4);
    std::thread canceller;
    bool tried = false;
    q.setBeforeWait([&] {
        if (tried)
            return;
        tried = true;
        auto done = std::make_shared<std::promise<void>>();
        std::future<void> finished = done->get_future();
        canceller = std::thread([&q, done] {
            q.cancel();
            done->set_value();
        });
        // Give the cancel every chance to land in the gap (it cannot while the lock is held).
        finished.wait_for(2s);
    });
    auto popped = std::async(std::launch::async, [&] {
        int out = 0;
        return q.pop(out);
    });
    const bool woke = popped.wait_for(60s) == std::future_status::ready;
    if (!woke)
        q.cancel();  // the wake-up was lost: release the thread so the test can end
    EXPECT_TRUE(woke) << "a cancel in the gap before the wait was lost";
    EXPECT_EQ(popped.get(), HandoffQueue<int>::Taken::Cancelled);
    canceller.join();
}
