#pragma once

// A batch of independent jobs (one experiment run per rule, group, rate or seed) worked through
// by several threads: the one work loop of the command line (app/parallel.h) and of the results
// window (ui/results/batchrunner.h). The numerical core knows nothing of threads; this is the
// experiments' runner.

#include <atomic>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

namespace engine::experiments {

/// What the threads of one batch share: the next job to hand out, the jobs done, the threads
/// that have left their loop, a cancel flag and the first failure. Each job must touch only its
/// own data.
class JobBatch {
public:
    /// job(i) for i in [0, count), on any thread, each at most once.
    using Job = std::function<void(std::size_t)>;
    /// Called after each job with the number done so far, on the thread that ran it, one call at
    /// a time.
    using Progress = std::function<void(std::size_t done)>;

    /// A batch of `count` jobs; `stop`, when given, is read before each job and stops the batch
    /// like cancel() (e.g. a flag that a SIGINT handler sets).
    JobBatch(std::size_t count, Job job, const std::atomic<bool>* stop = nullptr);
    JobBatch(const JobBatch&) = delete;
    JobBatch& operator=(const JobBatch&) = delete;

    /// The work loop of one thread: takes the next job until none is left or the batch is
    /// cancelled. A job that throws (anything) cancels the batch, and the first failure's message
    /// is kept. Never throws.
    void work(const Progress& progress = {});
    /// Stops handing out jobs; the ones running finish.
    void cancel() { m_cancel = true; }

    std::size_t count() const { return m_count; }
    /// Jobs that have finished (a job that threw counts as finished).
    std::size_t done() const { return m_done.load(); }
    /// Calls of work() that have returned.
    unsigned exited() const { return m_exited.load(); }
    /// cancel() was called, the stop flag was set or a job failed.
    bool cancelled() const;
    /// The first failure's message, or "" when no job threw.
    std::string error() const;
    /// Every job ran and none threw.
    bool complete() const { return done() == m_count && error().empty(); }

private:
    void fail(std::string message);

    const std::size_t m_count;
    const Job m_job;
    const std::atomic<bool>* m_stop;
    std::atomic<std::size_t> m_next{0};
    std::atomic<std::size_t> m_done{0};
    std::atomic<unsigned> m_exited{0};
    std::atomic<bool> m_cancel{false};
    mutable std::mutex m_errorMutex;
    std::string m_error;
    std::mutex m_progressMutex;  // one progress call at a time
};

/// Works through `batch` on `threads` threads, the calling thread among them, and returns when
/// every thread has left its loop.
void runOnThreads(JobBatch& batch, unsigned threads, const JobBatch::Progress& progress = {});

/// Hardware threads (at least 1).
unsigned hardwareThreads();

}  // namespace engine::experiments
