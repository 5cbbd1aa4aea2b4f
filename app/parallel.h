#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace app {

/// Calls job(i) for i = 0..count-1 on `threads` worker threads (each job at most once, in any
/// order) through the engine's work loop (engine/experiments/jobbatch.h), until every job ran,
/// cancelRequested(), or a job threw: jobs not yet started are then skipped. `progress(done)` is
/// called after each job, one call at a time (may be empty). Returns the first failure's message
/// ("a run failed: ..."), or nothing.
std::optional<std::string> parallelFor(std::size_t count, unsigned threads,
                                       const std::function<void(std::size_t)>& job,
                                       const std::function<void(std::size_t)>& progress = {});

/// Number of hardware threads (at least 1).
unsigned hardwareThreads();

/// Asks running parallelFor loops to stop starting jobs. Async-signal-safe (a lock-free atomic
/// store), so a SIGINT handler may call it.
void requestCancel();
/// True after requestCancel() until clearCancel().
bool cancelRequested();
/// Forgets an earlier cancel request.
void clearCancel();
/// The flag requestCancel() sets, for runs that check it themselves (long dataset runs stop
/// within a batch).
const std::atomic<bool>* cancelFlag();

}  // namespace app
