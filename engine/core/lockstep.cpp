#include "engine/core/lockstep.h"

namespace engine {

LockstepPair::LockstepPair(const Network& initial, const BpConfig& bp, const PcConfig& pc,
                           std::vector<Trial> trials)
    : m_bp(initial, bp), m_pc(initial, pc) {
    m_problems = m_bp.setTrials(trials);
    if (m_problems.empty())
        m_problems = m_pc.setTrials(std::move(trials));
}

LockstepPair::LockstepPair(const Network& initial, const BpConfig& bp, const PcConfig& pc)
    : m_bp(initial, bp), m_pc(initial, pc) {}

template <typename StepFn>
bool LockstepPair::advance(StepFn step) {
    if (!ok())
        return false;
    // Between trials both begin the next one; inside a trial only the rules still busy move.
    const bool both = betweenTrials();
    bool fine = true;
    if (both || !m_bp.betweenTrials())
        fine = step(m_bp) && fine;
    if (both || !m_pc.betweenTrials())
        fine = step(m_pc) && fine;
    return fine;
}

bool LockstepPair::stepIteration() {
    return advance([](Simulation& s) { return s.stepIteration(); });
}

bool LockstepPair::stepPhase() {
    return advance([](Simulation& s) { return s.stepPhase(); });
}

bool LockstepPair::stepTrial() {
    return advance([](Simulation& s) { return s.stepTrial(); });
}

bool LockstepPair::stepTrials(std::int64_t n) {
    for (std::int64_t k = 0; k < n; ++k)
        if (!stepTrial())
            return false;
    return true;
}

void LockstepPair::reset(const Network& initial) {
    m_bp.reset(initial);
    m_pc.reset(initial);
}

}  // namespace engine
