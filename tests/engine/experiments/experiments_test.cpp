// The paper's qualitative results, on reduced settings so the suite stays fast.
#include <gtest/gtest.h>

#include "engine/core/metrics.h"
#include "engine/experiments/experiments.h"

using namespace engine;

TEST(Experiments, InterferenceBpPullsTheSmellFarLowerThanPc) {
    const auto rows = experiments::interference(0.2, 64, PcConfig{0.2, 128, 0.1, 0.5}).rows;
    ASSERT_EQ(rows.size(), 128u);
    std::vector<double> bp, pc;
    for (const auto& r : rows)
        (r.rule == Rule::BP ? bp : pc).push_back(r.output(1));
    EXPECT_EQ(rows[1].trial, 2);
    EXPECT_NEAR(rows[1].output(0), 0.64, 1e-12);
    EXPECT_NEAR(rows[65].output(0), 0.8504, 1e-4);
    EXPECT_NEAR(rows[65].output(1), 0.9748, 1e-4);
    const double bpMin = seriesMinimum(bp).value, pcMin = seriesMinimum(pc).value;
    EXPECT_LT(bpMin, 0.8);
    EXPECT_GT(pcMin, 0.9);
    // Both reach the target eventually.
    EXPECT_NEAR(bp.back(), 1.0, 0.05);
    EXPECT_NEAR(pc.back(), 1.0, 0.05);
}

TEST(Experiments, BpInterferenceDoesNotVanishWithSmallLearningRates) {
    const PcConfig pc{0.0, 128, 0.1, 0.5};
    for (double alpha : {0.1, 0.02}) {
        const int trials = static_cast<int>(4.0 / alpha);
        const auto rows = experiments::interference(alpha, trials, pc).rows;
        std::vector<double> bp, p;
        for (const auto& r : rows)
            (r.rule == Rule::BP ? bp : p).push_back(r.output(1));
        EXPECT_LT(seriesMinimum(bp).value, 0.81) << alpha;
        EXPECT_GT(seriesMinimum(p).value, 0.93) << alpha;
    }
}

TEST(Experiments, TargetAlignmentIsOneForOneLayerAndPcWinsWhenDeep) {
    experiments::DeepNetConfig config;
    config.width = 32;
    config.pc.iterations = 256;
    for (std::uint64_t seed : {0u, 1u}) {
        const auto shallow = experiments::targetAlignmentRun(1, seed, config);
        EXPECT_NEAR(shallow.bp, 1.0, 1e-9);
        EXPECT_NEAR(shallow.pc, 1.0, 1e-9);
        const auto deep = experiments::targetAlignmentRun(8, seed, config);
        EXPECT_GT(deep.pc, deep.bp + 0.1);
    }
}

TEST(Experiments, TrajectoriesReachTheSolutionPcMoreDirectly) {
    const auto rows = experiments::trajectories122(16, experiments::TrajectoryConfig{}).rows;
    ASSERT_EQ(rows.size(), 32u);
    double bpPath = 0, pcPath = 0;
    for (size_t k = 1; k < 16; ++k) {
        bpPath += std::hypot(rows[k].w1 - rows[k - 1].w1, rows[k].w2 - rows[k - 1].w2);
        pcPath += std::hypot(rows[16 + k].w1 - rows[15 + k].w1, rows[16 + k].w2 - rows[15 + k].w2);
    }
    EXPECT_LT(pcPath, bpPath);
    EXPECT_NEAR(rows.back().w1, 1.0, 1e-3);
    EXPECT_NEAR(rows.back().w2, 0.5, 1e-3);
    // BP zig-zags in w2: it overshoots 0.5 on its first step and undershoots on the second.
    EXPECT_GT(rows[1].w2, 0.5);
    EXPECT_LT(rows[2].w2, 0.5);
}
