#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/trial.h"

namespace engine {

/// One phase of a protocol: its trial list presented `repeats` times in order
/// (trials[0], trials[1], ..., trials[0], ...).
struct ProtocolPhase {
    std::string name;  ///< Shown to the user, e.g. "conditioning" or "extinction".
    std::vector<Trial> trials;
    std::int64_t repeats = 1;

    /// Number of trials of this phase (trials.size() * repeats).
    std::int64_t trialCount() const;
};

/// A training protocol: phases run one after the other; after the last one it is over.
struct Protocol {
    std::vector<ProtocolPhase> phases;

    /// Total number of trials.
    std::int64_t trialCount() const;
    /// The trial with 0-based number `index` over the whole protocol, or nullptr past the end.
    const Trial* trial(std::int64_t index) const;
    /// The 0-based phase that trial `index` belongs to, or -1 past the end.
    int phaseOf(std::int64_t index) const;
    /// The number of the first trial of phase `phase`.
    std::int64_t firstTrialOf(int phase) const;
    /// Every problem with running this protocol on a network of `spec`; empty when usable.
    std::vector<std::string> validate(const NetworkSpec& spec) const;
};

}  // namespace engine
