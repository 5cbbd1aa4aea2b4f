#include "app/parallel.h"

#include <atomic>

#include "engine/experiments/jobbatch.h"

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

const std::atomic<bool>* cancelFlag() {
    return &g_cancel;
}

unsigned hardwareThreads() {
    return engine::experiments::hardwareThreads();
}

std::optional<std::string> parallelFor(std::size_t count, unsigned threads,
                                       const std::function<void(std::size_t)>& job,
                                       const std::function<void(std::size_t)>& progress) {
    engine::experiments::JobBatch batch(count, job, &g_cancel);
    engine::experiments::runOnThreads(batch, threads, progress);
    if (const std::string error = batch.error(); !error.empty())
        return "a run failed: " + error;
    return std::nullopt;
}

}  // namespace app
