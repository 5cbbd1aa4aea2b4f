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
