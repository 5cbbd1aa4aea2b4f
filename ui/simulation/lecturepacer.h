#pragma once

#include "engine/core/simulation.h"

namespace ui {

/// How long the lecture speed shows each part of a trial, in seconds.
struct LecturePacing {
    double trial = 2.0;        ///< Aimed at per trial (initialise + relaxation + update).
    double initialise = 0.25;  ///< The feed-forward start with the output pinned.
    double update = 0.5;       ///< The weight update, held so the plasticity is seen.
    double settled = 0.001;    ///< An iteration in which (almost) nothing moved.
    double longest = 0.3;      ///< At most this for one relaxation iteration.
    /// An iteration moving less than this fraction of the trial's first one counts as settled.
    double settledFraction = 0.02;
};

/// The lecture speed: paces PC's micro-steps by how much they change, so that every trial shows
/// the relaxation, then the update, in about `LecturePacing::trial` seconds. Iterations are
/// shown for a time proportional to how far the value nodes moved (the sum of |dx| over the
/// hidden and output layers), scaled so that the previous trial's relaxation filled its share
/// of the trial; converged iterations pass at once. No clock inside: the worker waits.
class LecturePacer {
public:
    explicit LecturePacer(LecturePacing pacing = {}) : m_pacing(pacing) {}

    /// Seconds to show the state after a PC micro-step of `phase` whose value nodes moved by
    /// `change`.
    double dwell(engine::Phase phase, double change);
    /// Forgets the trials seen (a new run, a jump on the timeline).
    void restart() { *this = LecturePacer(m_pacing); }
    const LecturePacing& pacing() const { return m_pacing; }

private:
    LecturePacing m_pacing;
    double m_first = 0.0;     // the first relaxation iteration's change in this trial
    double m_moved = 0.0;     // change so far in this trial
    double m_expected = 0.0;  // the previous trial's total change (0 = none yet)
};

/// The sum of |x after - x before| over layers 1..L of a simulation (PC's value nodes).
double movedSince(const std::vector<engine::Matrix>& before, const engine::Simulation& sim);
/// x^1..x^L of `sim` (index 0 empty), to compare with after a micro-step.
std::vector<engine::Matrix> valueNodes(const engine::Simulation& sim);

}  // namespace ui
