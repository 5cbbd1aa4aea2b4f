// Live edits of a running Simulation (simulation.h): a weight or the trial in progress changed
// between micro-steps, and the state recomputed from them so that it stays self-consistent.
// Kept apart from the stepping code in simulation.cpp.

#include <cmath>
#include <limits>

#include "engine/core/simulation.h"

namespace engine {

bool Simulation::setWeightNow(Index l, Index post, Index pre, Scalar value) {
    if (l < 1 || l > m_net.depth() || post < 0 || post >= m_net.size(l) || pre < 0 ||
        pre >= m_net.size(l - 1) || !std::isfinite(value))
        return false;
    if (m_net.hasMask(l) && m_net.spec().weight(l).mask(post, pre) == 0.0)
        return false;
    Matrix w = m_net.weight(l);
    w(post, pre) = value;
    m_net.setWeight(l, w);
    reevaluate();
    return true;
}

bool Simulation::setTrialNow(const Trial& trial) {
    if (m_phase == Phase::Idle || betweenTrials() || m_status != Status::Ok ||
        !validateTrial(trial, m_net.spec()).empty())
        return false;
    loadTrial(trial);
    reevaluate();
    return true;
}

void Simulation::reevaluate() {
    if (m_phase == Phase::Idle || betweenTrials() || m_status != Status::Ok)
        return;  // no trial in progress: the next one starts from the edited values
    const Index L = m_net.depth();
    if (m_rule == Rule::BP) {
        feedForward();
        if (m_phase == Phase::Backward)
            computeDeltas();
        m_trace(0, 0) = m_energy;
        m_trace(0, L) = m_energy;
    } else {
        // The prediction and loss of the edited trial, then the relaxed value nodes put back.
        std::vector<Matrix> hidden;
        for (Index l = 1; l < L; ++l)
            hidden.push_back(m_layers[static_cast<size_t>(l)].x);
        feedForward();
        for (Index l = 1; l < L; ++l)
            m_layers[static_cast<size_t>(l)].x = hidden[static_cast<size_t>(l - 1)];
        m_energy = computeErrors();
        // The step-size rule compares with the previous energy; an edit is not a failed step.
        m_energyPrev = std::numeric_limits<Scalar>::infinity();
        if (m_t < m_trace.rows()) {
            m_trace(m_t, 0) = m_energy;
            for (Index l = 1; l <= L; ++l)
                m_trace(m_t, l) = m_layers[static_cast<size_t>(l)].energy;
        }
    }
    checkFinite();
}

}  // namespace engine
