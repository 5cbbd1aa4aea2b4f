#include "ui/simulation/frame.h"

#include <limits>

#include "engine/core/lockstep.h"
#include "engine/core/metrics.h"

namespace ui {

namespace {

std::size_t snapshotBytes(const engine::Snapshot& s) {
    std::size_t n = sizeof(engine::Snapshot);
    auto add = [&n](const auto& m) { n += sizeof(double) * static_cast<std::size_t>(m.size()); };
    for (const auto& l : s.layers) {
        add(l.x);
        add(l.mu);
        add(l.eps);
        add(l.delta);
        add(l.fx);
    }
    for (const auto& w : s.weights)
        add(w);
    for (const auto& w : s.weightChange)
        add(w);
    for (const auto& b : s.biases)
        add(b);
    for (const auto& b : s.biasChange)
        add(b);
    add(s.energyTrace);
    add(s.input);
    add(s.target);
    add(s.mask);
    add(s.prediction);
    return n;
}

SmallValues firstColumn(const engine::Matrix& m) {
    SmallValues v;
    if (m.cols() == 0)
        return v;
    for (engine::Index i = 0; i < m.rows(); ++i)
        v.push_back(m(i, 0));
    return v;
}

}  // namespace

TrialRecord makeTrialRecord(const engine::LockstepPair& pair,
                            const std::vector<std::array<int, 3>>& tracked) {
    TrialRecord r;
    r.trial = pair.pc().trialsCompleted();
    for (engine::Rule rule : {engine::Rule::BP, engine::Rule::PC}) {
        const engine::Simulation& sim = pair.get(rule);
        const int k = ruleIndex(rule);
        r.loss[k] = sim.loss();
        r.output[k] = firstColumn(sim.prediction());
        for (const auto& [l, i, j] : tracked)
            r.weights[k].push_back(sim.network().weight(l)(i, j));
        const engine::Matrix after = sim.network().predict(sim.input());
        r.alignment[k] = engine::targetAlignment(sim.prediction(), after, sim.target());
    }
    r.target = firstColumn(pair.pc().target());
    const engine::Matrix& mask = pair.pc().targetMask();
    for (int i = 0; i < r.target.count; ++i)
        if (mask.size() != 0 && mask(i, 0) == 0.0)
            r.target.values[std::size_t(i)] = std::numeric_limits<double>::quiet_NaN();
    return r;
}

std::vector<std::array<int, 3>> trackedSynapses(const engine::Network& net) {
    std::vector<std::array<int, 3>> tracked;
    for (engine::Index l = 1; l <= net.depth(); ++l) {
        if (!net.trainable(l))
            continue;
        for (engine::Index i = 0; i < net.size(l); ++i)
            for (engine::Index j = 0; j < net.size(l - 1); ++j) {
                if (net.hasMask(l) && net.spec().weight(l).mask(i, j) == 0.0)
                    continue;
                if (tracked.size() < std::size_t(SmallValues::Capacity))
                    tracked.push_back({int(l), int(i), int(j)});
            }
    }
    return tracked;
}

std::size_t Frame::bytes() const {
    std::size_t n = sizeof(Frame);
    if (bp)
        n += snapshotBytes(*bp);
    if (pc)
        n += snapshotBytes(*pc);
    n += sizeof(TrialRecord) * newTrials.size();
    return n;
}

}  // namespace ui
