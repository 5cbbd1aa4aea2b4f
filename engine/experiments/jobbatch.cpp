#include "engine/experiments/jobbatch.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace engine::experiments {

JobBatch::JobBatch(std::size_t count, Job job, const std::atomic<bool>* stop)
    : m_count(count), m_job(std::move(job)), m_stop(stop) {}

bool JobBatch::cancelled() const {
    return m_cancel.load() || (m_stop && m_stop->load(std::memory_order_relaxed));
}

std::string JobBatch::error() const {
    std::lock_guard lock(m_errorMutex);
    return m_error;
}

void JobBatch::fail(std::string message) {
    std::lock_guard lock(m_errorMutex);
    if (m_error.empty())
        m_error = message.empty() ? "a run failed without a message" : std::move(message);
    m_cancel = true;
}

void JobBatch::work(const Progress& progress) {
    for (std::size_t i = m_next++; i < m_count && !cancelled(); i = m_next++) {
        try {
            m_job(i);
        } catch (const std::exception& e) {
            fail(e.what());
        } catch (...) {
            fail("a run failed with an exception that is not a std::exception");
        }
        // Counted under the lock, so the progress calls see 1, 2, ... in order (counted
        // outside it, a thread could report 7 after another reported 8).
        std::lock_guard lock(m_progressMutex);
        const std::size_t finished = ++m_done;
        if (progress)
            progress(finished);
    }
    ++m_exited;
}

void runOnThreads(JobBatch& batch, unsigned threads, const JobBatch::Progress& progress) {
    const auto n =
        static_cast<unsigned>(std::clamp<std::size_t>(batch.count(), 1, std::max(threads, 1u)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t)
        pool.emplace_back([&] { batch.work(progress); });
    batch.work(progress);
    for (std::thread& t : pool)
        t.join();
}

unsigned hardwareThreads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace engine::experiments
