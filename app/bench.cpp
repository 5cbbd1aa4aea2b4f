#include "app/bench.h"

#include <chrono>
#include <iomanip>
#include <string>

#include "engine/core/simulation.h"
#include "engine/experiments/experiments.h"

namespace app {

namespace {

using Clock = std::chrono::steady_clock;

struct Rate {
    double trialsPerSecond = 0.0;
    double iterationsPerSecond = 0.0;
};

// Steps whole trials in growing chunks until `seconds` have passed.
Rate measure(engine::Simulation& sim, double seconds) {
    sim.stepTrial();  // warm-up: buffers reach their steady-state sizes
    const auto start = Clock::now();
    std::int64_t trials = 0, chunk = 1;
    double elapsed = 0.0;
    while (elapsed < seconds) {
        sim.stepTrials(chunk);
        trials += chunk;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed < seconds / 10)
            chunk *= 2;
    }
    Rate r;
    r.trialsPerSecond = static_cast<double>(trials) / elapsed;
    r.iterationsPerSecond = r.trialsPerSecond * sim.iterations();
    return r;
}

std::string human(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(2);
    if (v >= 1e6)
        s << v / 1e6 << " M";
    else if (v >= 1e3)
        s << v / 1e3 << " k";
    else
        s << v << " ";
    return s.str();
}

}  // namespace

void runBench(double seconds, std::ostream& out) {
    namespace ex = engine::experiments;
    out << "prospect bench: throughput of one engine thread (" << seconds << " s per figure)\n";
#ifdef NDEBUG
    out << "build: optimised (NDEBUG)\n\n";
#else
    out << "build: assertions on (not an optimised build; figures are low)\n\n";
#endif
    // A learning rate of 0 keeps the weights (and so the work per trial) constant however long
    // the benchmark runs; the arithmetic is the same as with learning.
    struct Case {
        std::string name;
        engine::Network net;
        engine::Trial trial;
    };
    ex::DeepNetConfig deep;
    deep.width = 64;
    ex::DeepSetup setup = ex::deepSetup(10, 1, deep);
    Case cases[] = {{"1-1-2 bear net", engine::Network(ex::bearSpec(), 0), ex::bearTrial()},
                    {"width 64, depth 10", std::move(setup.net), std::move(setup.trial)}};

    out << std::left << std::setw(22) << "network" << std::setw(30) << "PC iterations/s (T=128)"
        << std::setw(20) << "PC trials/s"
        << "BP trials/s\n";
    for (Case& c : cases) {
        engine::Simulation pc(c.net, engine::PcConfig{0.0, 128, 0.1, 0.5});
        pc.setTrials({c.trial});
        engine::Simulation bp(c.net, engine::BpConfig{0.0});
        bp.setTrials({c.trial});
        const Rate p = measure(pc, seconds);
        const Rate b = measure(bp, seconds);
        out << std::left << std::setw(22) << c.name << std::setw(30) << human(p.iterationsPerSecond)
            << std::setw(20) << human(p.trialsPerSecond) << human(b.trialsPerSecond) << "\n";
    }
}

}  // namespace app
