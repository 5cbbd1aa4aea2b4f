#include "ui/results/batchrunner.h"

#include <algorithm>
#include <exception>

namespace ui {

BatchRunner::BatchRunner(QObject* parent) : QObject(parent) {
    m_timer.setInterval(PollIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &BatchRunner::poll);
}

BatchRunner::~BatchRunner() {
    cancel();
    joinAll();
}

unsigned BatchRunner::hardwareThreads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

bool BatchRunner::start(std::size_t count, Job job, unsigned threads) {
    if (running())
        return false;
    m_error.clear();
    auto shared = std::make_shared<Shared>();
    shared->count = count;
    shared->job = std::move(job);
    m_shared = shared;
    if (threads == 0)
        threads = hardwareThreads();
    m_threadCount = static_cast<unsigned>(std::clamp<std::size_t>(count, 1, threads));
    // The threads hold the shared state themselves, so it outlives this object if need be.
    for (unsigned t = 0; t < m_threadCount; ++t)
        m_threads.emplace_back([shared] {
            for (std::size_t i = shared->next++; i < shared->count; i = shared->next++) {
                if (shared->cancel.load())
                    break;
                try {
                    shared->job(i);
                } catch (const std::exception& e) {
                    std::lock_guard lock(shared->errorMutex);
                    if (shared->error.empty())
                        shared->error = e.what();
                    shared->cancel = true;
                }
                ++shared->done;
            }
            ++shared->exited;
        });
    m_timer.start();
    emit progress(0, static_cast<int>(count));
    return true;
}

void BatchRunner::cancel() {
    if (m_shared)
        m_shared->cancel = true;
}

void BatchRunner::poll() {
    if (!m_shared || m_threads.empty())
        return;
    emit progress(static_cast<int>(m_shared->done.load()), static_cast<int>(m_shared->count));
    if (m_shared->exited.load() < m_threads.size())
        return;
    m_timer.stop();
    joinAll();  // every thread has left its loop: joining does not block
    // The last jobs may have ended after the count above: report the final count too.
    emit progress(static_cast<int>(m_shared->done.load()), static_cast<int>(m_shared->count));
    {
        std::lock_guard lock(m_shared->errorMutex);
        m_error = QString::fromStdString(m_shared->error);
    }
    // A cancel that came after the last job changes nothing: the result is complete.
    const bool complete = m_shared->done.load() == m_shared->count && m_error.isEmpty();
    emit finished(!complete);
}

void BatchRunner::joinAll() {
    for (std::thread& t : m_threads)
        if (t.joinable())
            t.join();
    m_threads.clear();
}

}  // namespace ui
