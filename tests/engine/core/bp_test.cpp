// Backpropagation against hand computations and finite differences of the loss.
#include <gtest/gtest.h>

#include "engine/core/simulation.h"
#include "engine/experiments/experiments.h"
#include "testnets.h"

using namespace engine;
using testnets::randomNet;
using testnets::randomTrial;

TEST(Backprop, BearFirstTrialByHand) {
    // h = 1, out = (1, 1), delta2 = (-1, 0), delta1 = v . delta2 = -1;
    // dv = 0.2 (-1, 0) h, dw = 0.2 (-1) x0 -> w = 0.8, v = (0.8, 1); prediction (0.64, 0.8).
    Simulation bp(Network(experiments::bearSpec(), 0), BpConfig{0.2});
    bp.setTrials({experiments::bearTrial()});
    ASSERT_TRUE(bp.stepTrial());
    EXPECT_DOUBLE_EQ(bp.network().weight(1)(0, 0), 0.8);
    EXPECT_DOUBLE_EQ(bp.network().weight(2)(0, 0), 0.8);
    EXPECT_DOUBLE_EQ(bp.network().weight(2)(1, 0), 1.0);
    const Matrix p = bp.network().predict(experiments::bearTrial().input);
    EXPECT_NEAR(p(0), 0.64, 1e-12);
    EXPECT_NEAR(p(1), 0.80, 1e-12);
}

TEST(Backprop, Trajectory122FirstStepByHand) {
    // delta2 = (1, 1), delta1 = diag(1, 2) delta2 = (1, 2), dW1 = 0.4 (1, 2).
    const auto rows = experiments::trajectories122(2, experiments::TrajectoryConfig{}).rows;
    EXPECT_EQ(rows[1].rule, Rule::BP);
    EXPECT_NEAR(rows[1].w1, 0.4, 1e-12);
    EXPECT_NEAR(rows[1].w2, 0.8, 1e-12);
}

TEST(Backprop, UpdateIsMinusLossGradient) {
    for (Activation act :
         {Activation::Tanh, Activation::Sigmoid, Activation::LeakyRelu, Activation::Identity}) {
        const Network net = randomNet({3, 4, 3, 2}, act, true, 50, true);
        const Trial trial = randomTrial(net, 3, 51, true);
        const Scalar alpha = 0.1;
        Simulation bp(net, BpConfig{alpha});
        ASSERT_TRUE(bp.setTrials({trial}).empty());
        ASSERT_TRUE(bp.stepTrial());
        const auto s = bp.snapshot();
        for (Index l = 1; l <= 3; ++l) {
            const auto g = testnets::numericLayerGradient(
                net, l, [&](const Network& probe) { return trialLoss(probe, trial); });
            const auto k = static_cast<size_t>(l);
            EXPECT_LT((s->weightChange[k] + alpha * g.weight).cwiseAbs().maxCoeff(), 1e-8)
                << activationName(act) << " W" << l;
            EXPECT_LT((Matrix(s->biasChange[k]) + alpha * g.bias).cwiseAbs().maxCoeff(), 1e-8)
                << activationName(act) << " b" << l;
        }
        EXPECT_NEAR(s->loss, trialLoss(net, trial), 1e-12);
    }
}

TEST(Backprop, PhasesComeInOrder) {
    Simulation bp(Network(experiments::bearSpec(), 0), BpConfig{0.2});
    bp.setTrials({experiments::bearTrial()});
    bp.stepPhase();
    EXPECT_EQ(bp.snapshot()->phase, Phase::Forward);
    EXPECT_EQ(bp.snapshot()->layers[1].delta(0), 0.0);
    bp.stepPhase();
    EXPECT_EQ(bp.snapshot()->phase, Phase::Backward);
    EXPECT_DOUBLE_EQ(bp.snapshot()->layers[1].delta(0), -1.0);
    EXPECT_EQ(bp.network().weight(1)(0, 0), 1.0);  // weights not yet changed
    bp.stepPhase();
    EXPECT_EQ(bp.snapshot()->phase, Phase::Update);
    EXPECT_TRUE(bp.snapshot()->trialComplete);
    EXPECT_DOUBLE_EQ(bp.network().weight(1)(0, 0), 0.8);
}

TEST(Backprop, KeepsItsOwnSettings) {
    // BP has a learning rate and nothing else: its simulation holds a BpConfig, PC's a PcConfig.
    Simulation bp(Network(experiments::bearSpec(), 0), BpConfig{0.3});
    EXPECT_EQ(bp.bpConfig().alpha, 0.3);
    EXPECT_EQ(bp.alpha(), 0.3);
    EXPECT_EQ(bp.iterations(), 1);
    bp.setConfig(BpConfig{0.5});
    EXPECT_EQ(bp.alpha(), 0.5);
    ASSERT_TRUE(bp.setTrials({experiments::bearTrial()}).empty());
    ASSERT_TRUE(bp.stepTrial());
    // One step from the bear net at alpha 0.5: dW^2 = alpha eps^2 h^T with h = 1, eps = (-1, 0).
    EXPECT_EQ(bp.network().weight(2)(0, 0), 0.5);
    EXPECT_EQ(bp.snapshot()->iterations, 1);

    Simulation pc(Network(experiments::bearSpec(), 0), PcConfig{0.2, 16, 0.1, 0.5});
    EXPECT_EQ(pc.pcConfig().iterations, 16);
    EXPECT_EQ(pc.iterations(), 16);
    EXPECT_EQ(pc.alpha(), 0.2);
    pc.setConfig(PcConfig{0.2, 8, 0.1, 0.5});
    EXPECT_EQ(pc.snapshot()->iterations, 8);
}
