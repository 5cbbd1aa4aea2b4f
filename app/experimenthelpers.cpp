#include "app/experimenthelpers.h"

#include <algorithm>

#include "app/parallel.h"

namespace app {

// ---- option helpers ---------------------------------------------------------------------------

OptionSpec csvOption() {
    return {"csv", "", "write the observations as CSV to this file"};
}

OptionSpec threadsOption() {
    // "0", not this machine's count: the manual page is written on the build machine.
    return {"threads", "0", "worker threads (0: one per core)"};
}

Error readThreads(const Options& o, unsigned& threads) {
    long long n = 0;
    if (auto e = engine::experiments::readInteger(o.text("threads"), 0, 256, n))
        return "--threads: " + *e;
    threads = n == 0 ? hardwareThreads() : static_cast<unsigned>(n);
    return std::nullopt;
}

bool runJobs(const std::string& name, std::size_t count, const RunContext& run,
             ExperimentResult& result, const std::function<void(std::size_t)>& job) {
    run.log << name << ": " << count << " runs on " << run.threads << " thread(s)\n" << std::flush;
    const auto failure = parallelFor(count, run.threads, job,
                                     [&](std::size_t done) { progressLine(run.log, done, count); });
    if (failure)
        result.failure = *failure;
    return !failure;
}

void progressLine(std::ostream& log, size_t done, size_t total) {
    // Roughly every 10 %, so logs stay short.
    const size_t step = std::max<size_t>(1, total / 10);
    if (done % step == 0 || done == total)
        log << "  " << done << "/" << total << " runs done\n" << std::flush;
}

}  // namespace app
