#pragma once

#include <QMetaType>
#include <QString>
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/core/simulation.h"

namespace engine {
class LockstepPair;
}

namespace ui {

/// Up to `Capacity` numbers stored inline: trial records are made tens of thousands of times a
/// second at full speed, and per-record heap allocations fragment memory across threads.
struct SmallValues {
    static constexpr int Capacity = 8;
    std::array<double, Capacity> values{};
    int count = 0;

    std::size_t size() const { return static_cast<std::size_t>(count); }
    double operator[](std::size_t i) const { return values[i]; }
    /// Appends when there is room; later values are dropped.
    void push_back(double v) {
        if (count < Capacity)
            values[static_cast<std::size_t>(count++)] = v;
    }
};

/// What one finished trial left behind, for the per-trial plots (both rules).
struct TrialRecord {
    std::int64_t trial = 0;       ///< 1-based.
    double loss[2] = {0.0, 0.0};  ///< [BP, PC]: loss of the trial's feed-forward pass.
    SmallValues output[2];        ///< Prediction before the trial learned (sample 0, first 8).
    SmallValues target;           ///< Target of the trial (sample 0, first 8; NaN = no target).
    SmallValues weights[2];       ///< The first tracked weights after the trial.
    double alignment[2] = {0.0, 0.0};  ///< Target alignment of the trial's weight change.
};

/// The synapses whose weights trial records track: the first SmallValues::Capacity trainable,
/// present synapses, layer by layer, row by row, as (layer, post, pre).
std::vector<std::array<int, 3>> trackedSynapses(const engine::Network& net);

/// The record of the trial that both rules of `pair` have just finished, with the weights of
/// `tracked` (see trackedSynapses()). The worker and the recorder build their records alike.
TrialRecord makeTrialRecord(const engine::LockstepPair& pair,
                            const std::vector<std::array<int, 3>>& tracked);

/// Index of a rule in the [BP, PC] arrays above.
inline int ruleIndex(engine::Rule r) {
    return r == engine::Rule::BP ? 0 : 1;
}

/// One published state of the lockstep pair: both snapshots, plus every trial finished since
/// the previous frame.
struct Frame {
    std::shared_ptr<const engine::Snapshot> bp;
    std::shared_ptr<const engine::Snapshot> pc;
    std::int64_t serial = 0;       ///< Increases by one per published frame of a run.
    std::uint64_t generation = 0;  ///< Which load or branch of the run produced it.
    std::vector<TrialRecord> newTrials;
    double stepsPerSecond = 0.0;  ///< Micro-steps per second since the previous frame.
    bool running = false;         ///< The worker is playing.
    /// The live edit made just before this frame ("" = none): a mark on the timeline.
    QString edit;

    /// The snapshot of `rule`.
    const engine::Snapshot& of(engine::Rule rule) const {
        return rule == engine::Rule::BP ? *bp : *pc;
    }
    /// Approximate memory held by this frame, in bytes.
    std::size_t bytes() const;
};

using FramePtr = std::shared_ptr<const Frame>;

}  // namespace ui

Q_DECLARE_METATYPE(ui::FramePtr)
