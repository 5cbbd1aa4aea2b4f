#include <gtest/gtest.h>

#include "engine/core/lockstep.h"
#include "engine/experiments/experiments.h"
#include "testnets.h"

using namespace engine;

namespace {

LockstepPair bearPair(int T = 4) {
    LockstepPair pair(Network(experiments::bearSpec(), 0), BpConfig{0.2},
                      PcConfig{0.2, T, 0.1, 0.5}, {experiments::bearTrial()});
    EXPECT_TRUE(pair.problems().empty());
    return pair;
}

}  // namespace

TEST(Lockstep, BothRulesStartFromIdenticalWeights) {
    const Network net = testnets::randomNet({3, 4, 2}, Activation::Tanh, true, 5);
    LockstepPair pair(net, BpConfig{0.1}, PcConfig{}, {testnets::randomTrial(net, 1, 5)});
    EXPECT_EQ(pair.bp().network().flatParameters(), pair.pc().network().flatParameters());
}

TEST(Lockstep, BackpropWaitsForPcToFinishTheTrial) {
    LockstepPair pair = bearPair(4);
    // Micro-steps: BP forward/backward/update; PC initialise + 4 iterations.
    pair.stepIteration();
    EXPECT_EQ(pair.bp().snapshot()->phase, Phase::Forward);
    EXPECT_EQ(pair.pc().snapshot()->phase, Phase::Initialise);
    pair.stepIteration();
    pair.stepIteration();
    EXPECT_EQ(pair.bp().snapshot()->phase, Phase::Update);
    EXPECT_TRUE(pair.bp().betweenTrials());
    EXPECT_EQ(pair.pc().snapshot()->iteration, 2);
    const std::int64_t bpSteps = pair.bp().stepCount();
    pair.stepIteration();
    pair.stepIteration();
    EXPECT_EQ(pair.bp().stepCount(), bpSteps);  // BP waited
    EXPECT_TRUE(pair.betweenTrials());
    EXPECT_EQ(pair.pc().trialsCompleted(), 1);
    pair.stepIteration();  // both begin trial 2
    EXPECT_EQ(pair.bp().snapshot()->trial, 2);
    EXPECT_EQ(pair.pc().snapshot()->trial, 2);
}

TEST(Lockstep, PhasesAndTrialsStayAligned) {
    LockstepPair pair = bearPair(8);
    pair.stepPhase();  // forward | initialise
    pair.stepPhase();  // backward | relax (7 iterations)
    EXPECT_EQ(pair.bp().snapshot()->phase, Phase::Backward);
    EXPECT_EQ(pair.pc().snapshot()->phase, Phase::Relax);
    EXPECT_EQ(pair.pc().snapshot()->iteration, 7);
    pair.stepPhase();  // update | update
    EXPECT_TRUE(pair.betweenTrials());
    ASSERT_TRUE(pair.stepTrials(5));
    EXPECT_EQ(pair.bp().trialsCompleted(), 6);
    EXPECT_EQ(pair.pc().trialsCompleted(), 6);
    // From the middle of a trial, stepTrial finishes it for both.
    pair.stepIteration();
    pair.stepIteration();
    ASSERT_TRUE(pair.stepTrial());
    EXPECT_EQ(pair.bp().trialsCompleted(), 7);
    EXPECT_EQ(pair.pc().trialsCompleted(), 7);
}

TEST(Lockstep, RejectsTrialsThatDoNotFit) {
    const Trial wrong = Trial::single(Vector::Ones(3), Vector::Ones(2));
    LockstepPair pair(Network(experiments::bearSpec(), 0), BpConfig{0.2}, PcConfig{}, {wrong});
    ASSERT_FALSE(pair.problems().empty());
    EXPECT_NE(pair.problems().front().find("trial 1: input has 3 values"), std::string::npos);
    EXPECT_FALSE(pair.stepTrial());  // nothing to run, nothing crashes
}

TEST(Lockstep, ResetReturnsBothToTheStart) {
    LockstepPair pair = bearPair();
    pair.stepTrials(3);
    pair.reset(Network(experiments::bearSpec(), 0));
    EXPECT_EQ(pair.bp().trialsCompleted(), 0);
    EXPECT_EQ(pair.pc().network().weight(1)(0, 0), 1.0);
    EXPECT_EQ(pair.bp().network().weight(2)(0, 0), 1.0);
}
