#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/core/simulation.h"

namespace engine {

/// BP and PC on identical copies of one network, fed the same trials, advanced together.
/// Trials stay aligned: within a trial each rule advances through its own micro-steps (BP
/// forward/backward/update, PC initialise/T iterations); a rule that has finished the trial waits
/// until the other has too, and then both begin the next one.
class LockstepPair {
public:
    /// Both rules start from `initial`. The trials must fit the network (see problems()).
    LockstepPair(const Network& initial, const BpConfig& bp, const PcConfig& pc,
                 std::vector<Trial> trials);
    /// Both rules start from `initial` with no trials yet: give each rule its own source through
    /// bp() and pc() (setTrials, setProtocol, or a closed-loop setTrialProvider, e.g. one
    /// ChoiceTask per rule seeded alike).
    LockstepPair(const Network& initial, const BpConfig& bp, const PcConfig& pc);

    /// Problems with the trials given to the constructor; empty when usable.
    const std::vector<std::string>& problems() const { return m_problems; }

    /// The BP simulation.
    Simulation& bp() { return m_bp; }
    const Simulation& bp() const { return m_bp; }
    /// The PC simulation.
    Simulation& pc() { return m_pc; }
    const Simulation& pc() const { return m_pc; }
    /// The simulation of `rule`.
    const Simulation& get(Rule rule) const { return rule == Rule::BP ? m_bp : m_pc; }

    /// One micro-step of each rule still inside the current trial (both begin the next trial
    /// when both have finished). False when either rule has stopped.
    bool stepIteration();
    /// One phase of each rule still inside the current trial.
    bool stepPhase();
    /// Both rules to the end of the current trial (or through one whole trial).
    bool stepTrial();
    /// stepTrial() n times, stopping early if a rule stops.
    bool stepTrials(std::int64_t n);

    /// True when neither rule is inside a trial.
    bool betweenTrials() const { return m_bp.betweenTrials() && m_pc.betweenTrials(); }
    /// True when both rules are healthy.
    bool ok() const { return m_bp.status() == Status::Ok && m_pc.status() == Status::Ok; }
    /// Both rules back to `initial` (same trials).
    void reset(const Network& initial);

private:
    template <typename StepFn>
    bool advance(StepFn step);

    Simulation m_bp;
    Simulation m_pc;
    std::vector<std::string> m_problems;
};

}  // namespace engine
