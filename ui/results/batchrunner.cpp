#include "ui/results/batchrunner.h"

#include <algorithm>

#include "engine/experiments/jobbatch.h"

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
    return engine::experiments::hardwareThreads();
}

bool BatchRunner::start(std::size_t count, Job job, unsigned threads) {
    if (running())
        return false;
    m_error.clear();
    auto batch = std::make_shared<engine::experiments::JobBatch>(count, std::move(job));
    m_batch = batch;
    if (threads == 0)
        threads = hardwareThreads();
    m_threadCount = static_cast<unsigned>(std::clamp<std::size_t>(count, 1, threads));
    // The threads hold the batch themselves, so it outlives this object if need be.
    for (unsigned t = 0; t < m_threadCount; ++t)
        m_threads.emplace_back([batch] { batch->work(); });
    m_timer.start();
    emit progress(0, static_cast<int>(count));
    return true;
}

void BatchRunner::cancel() {
    if (m_batch)
        m_batch->cancel();
}

void BatchRunner::poll() {
    if (!m_batch || m_threads.empty())
        return;
    const int total = static_cast<int>(m_batch->count());
    emit progress(static_cast<int>(m_batch->done()), total);
    if (m_batch->exited() < m_threads.size())
        return;
    m_timer.stop();
    joinAll();  // every thread has left its loop: joining does not block
    // The last jobs may have ended after the count above: report the final count too.
    emit progress(static_cast<int>(m_batch->done()), total);
    m_error = QString::fromStdString(m_batch->error());
    // A cancel that came after the last job changes nothing: the result is complete.
    emit finished(!m_batch->complete());
}

void BatchRunner::joinAll() {
    for (std::thread& t : m_threads)
        if (t.joinable())
            t.join();
    m_threads.clear();
}

}  // namespace ui
