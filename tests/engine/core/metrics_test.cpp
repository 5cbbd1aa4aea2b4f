#include <gtest/gtest.h>

#include "engine/core/metrics.h"
#include "engine/experiments/experiments.h"

using namespace engine;

TEST(Metrics, TargetAlignmentByHand) {
    Matrix before(2, 1), after(2, 1), target(2, 1);
    before << 0, 0;
    target << 1, 0;
    after << 0.5, 0.5;  // 45 degrees off
    EXPECT_NEAR(targetAlignment(before, after, target), std::sqrt(0.5), 1e-15);
    after << -1, 0;
    EXPECT_NEAR(targetAlignment(before, after, target), -1.0, 1e-15);
    after = before;  // no movement: defined as 0
    EXPECT_EQ(targetAlignment(before, after, target), 0.0);
}

TEST(Metrics, TargetAlignmentAveragesOverTheBatch) {
    Matrix before = Matrix::Zero(2, 2), after(2, 2), target(2, 2);
    target << 1, 1, 0, 0;
    after << 1, 0, 0, 1;  // sample 0 aligned (1), sample 1 orthogonal (0)
    EXPECT_NEAR(targetAlignment(before, after, target), 0.5, 1e-15);
}

TEST(Metrics, PathLengthAndFinalDistance) {
    std::vector<Matrix> traj(3, Matrix::Zero(1, 2));
    traj[1] << 3, 4;
    traj[2] << 0, 8;
    const PathLength p = weightPathLength(traj);
    EXPECT_DOUBLE_EQ(p.path, 10.0);
    EXPECT_DOUBLE_EQ(p.finalDistance, 8.0);
}

TEST(Metrics, PathLengthIsTheMeanOverTheMatricesNotOneNormOfAllWeights) {
    // The paper's measure (science file, section 3): per weight matrix, path = sum_k
    // ||W(k+1) - W(k)||_F and final = ||W(end) - W(0)||_F; then the mean over the matrices.
    // W1 (1 x 2): (0, 0) -> (3, 4) -> (0, 0): path 5 + 5 = 10, final 0.
    // W2 (1 x 1): 0 -> 0 -> 2:                path 0 + 2 = 2,  final 2.
    // Mean: path (10 + 2) / 2 = 6, final (0 + 2) / 2 = 1.
    // (One norm over all weights flattened would give path 5 + sqrt(3^2 + 4^2 + 2^2) = 10.385
    // and final 2.)
    std::vector<Matrix> w1(3, Matrix::Zero(1, 2)), w2(3, Matrix::Zero(1, 1));
    w1[1] << 3, 4;
    w2[2] << 2;
    const PathLength a = weightPathLength(w1), b = weightPathLength(w2);
    EXPECT_DOUBLE_EQ(a.path, 10.0);
    EXPECT_DOUBLE_EQ(a.finalDistance, 0.0);
    EXPECT_DOUBLE_EQ(b.path, 2.0);
    EXPECT_DOUBLE_EQ(b.finalDistance, 2.0);
    const PathLength mean = meanPathLength({a, b});
    EXPECT_DOUBLE_EQ(mean.path, 6.0);
    EXPECT_DOUBLE_EQ(mean.finalDistance, 1.0);

    // The same one step at a time, without keeping the trajectories.
    PathTracker t1(w1[0]), t2(w2[0]);
    for (size_t k = 1; k < 3; ++k) {
        t1.step(w1[k]);
        t2.step(w2[k]);
    }
    const PathLength tracked = meanPathLength({t1.length(), t2.length()});
    EXPECT_DOUBLE_EQ(tracked.path, 6.0);
    EXPECT_DOUBLE_EQ(tracked.finalDistance, 1.0);
}

TEST(Metrics, SeriesMinimumFindsFirstLowest) {
    const Minimum m = seriesMinimum({1.0, 0.7, 0.9, 0.7});
    EXPECT_EQ(m.value, 0.7);
    EXPECT_EQ(m.at, 1u);
}

TEST(Metrics, ProspectiveIndexAtTheOutputEqualsTargetAlignment) {
    experiments::DeepNetConfig config;
    config.width = 8;
    config.pc.iterations = 64;
    config.pc.alpha = 0.01;
    const auto index = experiments::prospectiveIndexRun(3, 4, config).rows;
    ASSERT_EQ(index.size(), 3u);
    const auto ta = experiments::targetAlignmentRun(3, 4, config);
    EXPECT_NEAR(index.back(), ta.pc, 1e-12);
    for (double v : index)
        EXPECT_GT(v, 0.8);
}
