#include <gtest/gtest.h>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "testnets.h"

using namespace engine;

TEST(Presets, EveryPresetIsValidAndRuns) {
    EXPECT_TRUE(presetProblems().empty()) << presetProblems().front();
    ASSERT_EQ(presets().size(), bundledScenarios().size());
    ASSERT_GE(presets().size(), 6u);
    for (const Scenario& p : presets()) {
        EXPECT_TRUE(p.validate().empty()) << p.name;
        EXPECT_TRUE(p.spec.validate().empty()) << p.name;
        EXPECT_TRUE(p.pc.validate().empty()) << p.name;
        EXPECT_TRUE(p.bp.validate().empty()) << p.name;
        const Network net(p.spec, p.seed);
        LockstepPair pair(net, p.bp, p.pc, p.trials);
        EXPECT_TRUE(pair.problems().empty()) << p.name;
        EXPECT_TRUE(pair.stepTrials(3)) << p.name;
        EXPECT_EQ(findPreset(p.name), &p);
        EXPECT_FALSE(p.lesson.empty());
        EXPECT_FALSE(p.title.empty());
    }
    EXPECT_EQ(findPreset("no-such-preset"), nullptr);
}

TEST(Restore, BranchingFromASnapshotReproducesTheRun) {
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const Network net = testnets::randomNet({3, 5, 4, 2}, Activation::Tanh, true, 61, true);
        const std::vector<Trial> trials{testnets::randomTrial(net, 2, 61, true),
                                        testnets::randomTrial(net, 2, 62)};
        auto make = [&] {
            return rule == Rule::PC ? Simulation(net, PcConfig{0.1, 12, 0.3, 0.5})
                                    : Simulation(net, BpConfig{0.1});
        };
        Simulation straight = make();
        straight.setTrials(trials);
        for (int k = 0; k < 20; ++k)
            straight.stepIteration();  // mid-trial for both rules
        const auto mid = straight.snapshot();
        straight.stepTrials(3);
        for (int k = 0; k < 5; ++k)
            straight.stepIteration();
        const auto end = straight.snapshot();

        Simulation branch = make();
        branch.setTrials(trials);
        branch.stepTrials(7);  // somewhere else entirely
        ASSERT_TRUE(branch.restore(*mid));
        branch.stepTrials(3);
        for (int k = 0; k < 5; ++k)
            branch.stepIteration();
        const auto again = branch.snapshot();
        EXPECT_EQ(again->step, end->step);
        EXPECT_EQ(again->trial, end->trial);
        EXPECT_EQ(again->iteration, end->iteration);
        for (size_t l = 1; l < end->weights.size(); ++l) {
            EXPECT_EQ(again->weights[l], end->weights[l]) << ruleName(rule);
            EXPECT_EQ(again->layers[l].x, end->layers[l].x) << ruleName(rule);
        }
        EXPECT_EQ(again->stepSize, end->stepSize);
    }
}

TEST(Restore, RejectsASnapshotOfAnotherShape) {
    const Network a = testnets::randomNet({2, 3, 1}, Activation::Tanh, false, 1);
    const Network b = testnets::randomNet({2, 4, 1}, Activation::Tanh, false, 1);
    Simulation sa(a, PcConfig{}), sb(b, PcConfig{});
    Simulation bp(a, BpConfig{});
    EXPECT_FALSE(sb.restore(*sa.snapshot()));
    EXPECT_FALSE(bp.restore(*sa.snapshot()));
    EXPECT_TRUE(sa.restore(*sa.snapshot()));
}
