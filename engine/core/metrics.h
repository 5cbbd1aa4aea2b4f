#pragma once

#include <vector>

#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "engine/core/types.h"

namespace engine {

/// cos(a, b) of two vectors; 0 when either has zero length.
Scalar cosine(const Vector& a, const Vector& b);

/// Mean over the batch (columns) of cos(a_col, b_col).
Scalar meanColumnCosine(const Matrix& a, const Matrix& b);

/// Target alignment of one learning step: mean over the batch of
/// cos(o_after - o_before, y - o_before). 1 = the output moved straight toward the target.
Scalar targetAlignment(const Matrix& before, const Matrix& after, const Matrix& target);

/// Prospective index of every layer l = 1..L (element l-1):
/// cos(x_ff' - x_ff, x_relaxed - x_ff), batch-averaged, where x_ff / x_ff' are the feed-forward
/// activities before / after learning and x_relaxed the value nodes after relaxation (the target
/// at the output, where it equals the target alignment).
std::vector<Scalar> prospectiveIndex(const std::vector<Matrix>& feedForwardBefore,
                                     const std::vector<Matrix>& relaxed,
                                     const std::vector<Matrix>& feedForwardAfter);

/// Lowest value of a series and the (0-based) position where it is first reached.
struct Minimum {
    Scalar value = 0.0;
    size_t at = 0;
};
/// The interference measure of the bear example: the lowest value of the output whose target
/// did not change. The series must not be empty.
Minimum seriesMinimum(const std::vector<Scalar>& series);

/// Length of a weight trajectory: path = sum_k ||W(k+1) - W(k)||_F, final = ||W(end) - W(0)||_F.
struct PathLength {
    Scalar path = 0.0;
    Scalar finalDistance = 0.0;
};
/// Path and final distance of a sequence of weight matrices (all of one shape).
PathLength weightPathLength(const std::vector<Matrix>& trajectory);

/// weightPathLength() one step at a time, without keeping the trajectory.
class PathTracker {
public:
    /// A trajectory that starts at `start`.
    explicit PathTracker(const Matrix& start);
    /// The next point of the trajectory (same shape as the start).
    void step(const Matrix& next);
    /// Path and final distance so far.
    PathLength length() const;

private:
    Matrix m_start;
    Matrix m_previous;
    Scalar m_path = 0.0;
};

/// The paper's measure for a network: the mean over its weight matrices of each one's path and
/// final distance. Zero for an empty list.
PathLength meanPathLength(const std::vector<PathLength>& perMatrix);

}  // namespace engine
