#include "ui/frame.h"

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

}  // namespace

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
