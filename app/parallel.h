#pragma once

#include <cstddef>
#include <functional>

namespace app {

/// Calls job(i) for i = 0..count-1 on `threads` worker threads (each job exactly once, in any
/// order), or until cancelRequested(): jobs not yet started are then skipped. `progress(done)`
/// is called from the calling thread's workers after each job (may be empty). Jobs must not
/// throw.
void parallelFor(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& job,
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

}  // namespace app
