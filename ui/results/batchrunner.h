#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace engine::experiments {
class JobBatch;
}

namespace ui {

/// Runs a batch of independent jobs (one experiment run per seed, rule, group...) on worker
/// threads, one per core by default: a Qt face on the engine's work loop (engine/experiments/
/// jobbatch.h), which the command line's parallelFor uses too. The GUI thread polls the batch's
/// counters with a timer, so nothing crosses threads but atomics: progress and the end arrive as
/// signals on the GUI thread. Cancel stops starting new jobs; jobs already running finish (each is
/// one seed, well under a second at the paper's settings). A job that throws, whatever it throws,
/// ends the run with error(). The destructor cancels and joins, so closing a window during a run
/// is safe.
class BatchRunner : public QObject {
    Q_OBJECT
public:
    /// job(i) for i in [0, count), on any thread, each exactly once (unless cancelled).
    using Job = std::function<void(std::size_t)>;

    explicit BatchRunner(QObject* parent = nullptr);
    ~BatchRunner() override;

    /// Starts `count` jobs on `threads` threads (0: one per core). False when already running.
    bool start(std::size_t count, Job job, unsigned threads = 0);
    /// Stops starting jobs; finished(true) follows once the running ones are done.
    void cancel();
    bool running() const { return !m_threads.empty(); }
    /// Threads used by the current or last run.
    unsigned threadCount() const { return m_threadCount; }
    /// The first failure of the last run, or empty.
    QString error() const { return m_error; }

    /// Cores available (at least 1).
    static unsigned hardwareThreads();

signals:
    /// Jobs done so far, on the GUI thread, at most every PollIntervalMs.
    void progress(int done, int total);
    /// All threads have ended: every job ran (cancelled false) or the run was cancelled or a job
    /// threw (see error()).
    void finished(bool cancelled);

private:
    static constexpr int PollIntervalMs = 50;

    void poll();
    void joinAll();

    std::shared_ptr<engine::experiments::JobBatch> m_batch;
    std::vector<std::thread> m_threads;
    unsigned m_threadCount = 0;
    QTimer m_timer;
    QString m_error;
};

}  // namespace ui
