#include "ui/simulation/lecturepacer.h"

#include <algorithm>

namespace ui {

double LecturePacer::dwell(engine::Phase phase, double change) {
    const LecturePacing& p = m_pacing;
    switch (phase) {
        case engine::Phase::Initialise:
            m_first = 0.0;
            m_moved = 0.0;
            return p.initialise;
        case engine::Phase::Relax: {
            if (m_first <= 0.0)
                m_first = change;
            m_moved += change;
            if (change <= 0.0 || change < p.settledFraction * m_first)
                return p.settled;
            // Before any trial is complete, assume a geometric settling (sum = 4 x the first).
            const double expected = m_expected > 0.0 ? m_expected : 4.0 * m_first;
            const double budget = std::max(p.trial - p.initialise - p.update, 0.0);
            return std::clamp(budget * change / expected, p.settled, p.longest);
        }
        case engine::Phase::Update:
            m_moved += change;
            if (m_moved > 0.0)
                m_expected = m_moved;
            return p.update;
        default:
            return p.settled;
    }
}

std::vector<engine::Matrix> valueNodes(const engine::Simulation& sim) {
    const engine::Index depth = sim.network().depth();
    std::vector<engine::Matrix> x(static_cast<size_t>(depth) + 1);
    for (engine::Index l = 1; l <= depth; ++l)
        x[static_cast<size_t>(l)] = sim.activity(l);
    return x;
}

double movedSince(const std::vector<engine::Matrix>& before, const engine::Simulation& sim) {
    double moved = 0.0;
    for (engine::Index l = 1; l < static_cast<engine::Index>(before.size()); ++l) {
        const engine::Matrix& a = before[static_cast<size_t>(l)];
        const engine::Matrix& b = sim.activity(l);
        if (a.rows() == b.rows() && a.cols() == b.cols())
            moved += (b - a).cwiseAbs().sum();
    }
    return moved;
}

}  // namespace ui
