#include "app/parallel.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace app {

namespace {

std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the SIGINT handler needs a lock-free flag");

}  // namespace

void requestCancel() {
    g_cancel.store(true, std::memory_order_relaxed);
}

bool cancelRequested() {
    return g_cancel.load(std::memory_order_relaxed);
}

void clearCancel() {
    g_cancel.store(false, std::memory_order_relaxed);
}

unsigned hardwareThreads() {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

void parallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job,
                 const std::function<void(std::size_t)>& progress) {
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex progressMutex;
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            if (cancelRequested())
                return;
            job(i);
            const std::size_t finished = ++done;
            if (progress) {
                std::lock_guard lock(progressMutex);
                progress(finished);
            }
        }
    };
    if (threads <= 1 || count <= 1) {
        worker();
        return;
    }
    std::vector<std::thread> pool;
    const unsigned n = static_cast<unsigned>(std::min<std::size_t>(threads, count));
    for (unsigned t = 1; t < n; ++t)
        pool.emplace_back(worker);
    worker();
    for (std::thread& t : pool)
        t.join();
}

}  // namespace app
