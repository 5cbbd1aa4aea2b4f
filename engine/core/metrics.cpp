#include "engine/core/metrics.h"

#include <cassert>

namespace engine {

Scalar cosine(const Vector& a, const Vector& b) {
    const Scalar na = a.norm(), nb = b.norm();
    if (na == 0.0 || nb == 0.0)
        return 0.0;
    return a.dot(b) / (na * nb);
}

Scalar meanColumnCosine(const Matrix& a, const Matrix& b) {
    assert(a.rows() == b.rows() && a.cols() == b.cols() && a.cols() > 0);
    Scalar sum = 0.0;
    for (Index j = 0; j < a.cols(); ++j)
        sum += cosine(a.col(j), b.col(j));
    return sum / static_cast<Scalar>(a.cols());
}

Scalar targetAlignment(const Matrix& before, const Matrix& after, const Matrix& target) {
    return meanColumnCosine(after - before, target - before);
}

std::vector<Scalar> prospectiveIndex(const std::vector<Matrix>& feedForwardBefore,
                                     const std::vector<Matrix>& relaxed,
                                     const std::vector<Matrix>& feedForwardAfter) {
    assert(feedForwardBefore.size() == relaxed.size() &&
           feedForwardBefore.size() == feedForwardAfter.size());
    std::vector<Scalar> index;
    for (size_t l = 1; l < feedForwardBefore.size(); ++l)
        index.push_back(meanColumnCosine(feedForwardAfter[l] - feedForwardBefore[l],
                                         relaxed[l] - feedForwardBefore[l]));
    return index;
}

Minimum seriesMinimum(const std::vector<Scalar>& series) {
    assert(!series.empty());
    Minimum m{series.front(), 0};
    for (size_t k = 1; k < series.size(); ++k)
        if (series[k] < m.value)
            m = {series[k], k};
    return m;
}

PathLength weightPathLength(const std::vector<Matrix>& trajectory) {
    if (trajectory.empty())
        return {};
    PathTracker tracker(trajectory.front());
    for (size_t k = 1; k < trajectory.size(); ++k)
        tracker.step(trajectory[k]);
    return tracker.length();
}

PathTracker::PathTracker(const Matrix& start) : m_start(start), m_previous(start) {}

void PathTracker::step(const Matrix& next) {
    assert(next.rows() == m_start.rows() && next.cols() == m_start.cols());
    // path += ||W(k+1) - W(k)||_F
    m_path += (next - m_previous).norm();
    m_previous = next;
}

PathLength PathTracker::length() const {
    // final = ||W(end) - W(0)||_F
    return {m_path, (m_previous - m_start).norm()};
}

PathLength meanPathLength(const std::vector<PathLength>& perMatrix) {
    PathLength mean;
    if (perMatrix.empty())
        return mean;
    for (const PathLength& p : perMatrix) {
        mean.path += p.path;
        mean.finalDistance += p.finalDistance;
    }
    const auto n = static_cast<Scalar>(perMatrix.size());
    return {mean.path / n, mean.finalDistance / n};
}

}  // namespace engine
