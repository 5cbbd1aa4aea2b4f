// Prospective configuration (predictive coding) against hand computations, closed forms and
// finite differences.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>

#include "engine/core/simulation.h"
#include "engine/experiments/experiments.h"
#include "testnets.h"

using namespace engine;
using testnets::energyAt;
using testnets::randomNet;
using testnets::randomTrial;

namespace {

PcConfig pcConfig(Scalar alpha, int T, Scalar gamma0 = 0.1, Scalar discount = 0.5) {
    return PcConfig{alpha, T, gamma0, discount};
}

Simulation bearPc(Scalar alpha = 0.2, int T = 128) {
    Simulation sim(Network(experiments::bearSpec(), 0), pcConfig(alpha, T));
    EXPECT_TRUE(sim.setTrials({experiments::bearTrial()}).empty());
    return sim;
}

}  // namespace

TEST(PredictiveCoding, BearRelaxedHiddenMatchesClosedForm) {
    // Linear 1-1-2, w = 1, v = (1, 1), x0 = 1, y = (0, 1): F(h) = 1/2 (h - 1)^2 + 1/2 ||y - v h||^2
    // is minimal at h* = (w x0 + v.y) / (1 + |v|^2) = 2/3.
    Simulation sim = bearPc();
    sim.stepIteration();                        // initialise
    EXPECT_DOUBLE_EQ(sim.activity(1)(0), 1.0);  // feed-forward start
    while (sim.snapshot()->iteration < 127)
        sim.stepIteration();
    // State used for the update: after T-1 = 127 relaxation steps.
    EXPECT_NEAR(sim.activity(1)(0), 2.0 / 3.0, 1e-7);  // F resolves x only to ~sqrt(machine eps)
    EXPECT_EQ(sim.network().weight(1)(0, 0), 1.0);     // no weight has changed during relaxation
}

TEST(PredictiveCoding, BearFirstTrialUpdateByHand) {
    // eps1 = h* - w x0 = -1/3, eps2 = y - v h* = (-2/3, 1/3).
    // dw = 0.2 * (-1/3) * 1 = -0.0667; dv = 0.2 * eps2 * h* = (-0.0889, 0.0444).
    Simulation sim = bearPc();
    ASSERT_TRUE(sim.stepTrial());
    const Network& net = sim.network();
    EXPECT_NEAR(net.weight(1)(0, 0), 1.0 - 0.2 / 3.0, 1e-9);
    EXPECT_NEAR(net.weight(2)(0, 0), 1.0 - 0.2 * 4.0 / 9.0, 1e-9);
    EXPECT_NEAR(net.weight(2)(1, 0), 1.0 + 0.2 * 2.0 / 9.0, 1e-9);
    const Matrix prediction = net.predict(experiments::bearTrial().input);
    EXPECT_NEAR(prediction(0), 0.8504, 1e-4);  // science file, section 4.1
    EXPECT_NEAR(prediction(1), 0.9748, 1e-4);
}

TEST(PredictiveCoding, Trajectory122FirstStepByHand) {
    // Hidden units decouple: h_i* = (w_i x + d_i y_i) / (1 + d_i^2) = (1/2, 2/5) with w = 0,
    // d = (1, 2), y = (1, 1); eps1 = h* and dW1 = alpha eps1 = (0.6985, 0.5588).
    const auto rows = experiments::trajectories122(2, experiments::TrajectoryConfig{}).rows;
    ASSERT_EQ(rows.size(), 4u);
    const auto& pc2 = rows[3];
    EXPECT_EQ(pc2.rule, Rule::PC);
    EXPECT_NEAR(pc2.w1, 1.3969543147208123 * 0.5, 1e-7);
    EXPECT_NEAR(pc2.w2, 1.3969543147208123 * 0.4, 1e-7);
    EXPECT_NEAR(pc2.w1, 0.6985, 1e-4);
    EXPECT_NEAR(pc2.w2, 0.5588, 1e-4);
}

TEST(PredictiveCoding, FixedLayerNeverChanges) {
    Simulation sim(Network(experiments::trajectorySpec(), 0), pcConfig(1.0, 32));
    sim.setTrials({experiments::trajectoryTrial()});
    const Matrix before = sim.network().weight(2);
    ASSERT_TRUE(sim.stepTrials(5));
    EXPECT_EQ(sim.network().weight(2), before);
}

TEST(PredictiveCoding, RelaxationDirectionIsMinusEnergyGradient) {
    // dx = (x after one iteration - x before) / gamma0 must equal -dF/dx, computed here by
    // central differences of an independent energy function.
    for (Activation act :
         {Activation::Identity, Activation::Tanh, Activation::Sigmoid, Activation::LeakyRelu}) {
        const Network net = randomNet({3, 4, 5, 2}, act, true, 3, true);
        const Trial trial = randomTrial(net, 2, 5, true);
        Simulation sim(net, pcConfig(0.0, 50, 0.1, 1.0));
        ASSERT_TRUE(sim.setTrials({trial}).empty());
        sim.stepIteration();  // initialise
        for (int k = 0; k < 3; ++k)
            sim.stepIteration();  // move off the feed-forward point
        const auto before = sim.snapshot();
        sim.stepIteration();
        const auto after = sim.snapshot();
        std::vector<Matrix> x(4);
        for (size_t l = 0; l < 4; ++l)
            x[l] = before->layers[l].x;
        for (size_t l = 1; l <= 2; ++l) {
            const Matrix dx = (after->layers[l].x - before->layers[l].x) / before->stepSize;
            const Matrix gradient = testnets::numericGradient(x[l], [&](const Matrix& xl) {
                std::vector<Matrix> probe = x;
                probe[l] = xl;
                return energyAt(net, trial, probe);
            });
            EXPECT_LT((dx + gradient).cwiseAbs().maxCoeff(), 1e-7)
                << activationName(act) << " layer " << l;
        }
        // The snapshot's energy is the energy of the state it shows.
        EXPECT_NEAR(before->energy, energyAt(net, trial, x), 1e-12);
    }
}

TEST(PredictiveCoding, WeightUpdateIsMinusEnergyGradientAtTheLastState) {
    // dW^l = alpha eps^l f(x^{l-1})^T = -alpha dF/dW^l at the state before the last iteration.
    for (Activation act : {Activation::Tanh, Activation::Relu}) {
        const Network net = randomNet({2, 3, 3, 2}, act, true, 8, true);
        const Trial trial = randomTrial(net, 3, 9, true);
        const Scalar alpha = 0.05;
        Simulation sim(net, pcConfig(alpha, 6));
        ASSERT_TRUE(sim.setTrials({trial}).empty());
        sim.stepIteration();
        while (sim.snapshot()->iteration < 5)
            sim.stepIteration();
        const auto last = sim.snapshot();
        sim.stepIteration();
        const auto done = sim.snapshot();
        ASSERT_EQ(done->phase, Phase::Update);
        std::vector<Matrix> x(4);
        for (size_t l = 0; l < 4; ++l)
            x[l] = last->layers[l].x;
        for (Index l = 1; l <= 3; ++l) {
            const auto g = testnets::numericLayerGradient(
                net, l, [&](const Network& probe) { return energyAt(probe, trial, x); });
            const auto k = static_cast<size_t>(l);
            EXPECT_LT((done->weightChange[k] + alpha * g.weight).cwiseAbs().maxCoeff(), 1e-8)
                << "W" << l;
            EXPECT_LT((Matrix(done->biasChange[k]) + alpha * g.bias).cwiseAbs().maxCoeff(), 1e-8)
                << "b" << l;
        }
    }
}

TEST(PredictiveCoding, LinearRelaxedStateMatchesClosedForm) {
    // For a linear net F is quadratic in the hidden nodes z = (x^1..x^{L-1}): F = 1/2 ||A z -
    // c||^2, so the relaxed state is the least-squares solution.
    const Network net = randomNet({3, 4, 3, 2}, Activation::Identity, true, 21);
    const Trial trial = randomTrial(net, 1, 22);
    Simulation sim(net, pcConfig(0.0, 3000, 0.1, 0.9));
    ASSERT_TRUE(sim.setTrials({trial}).empty());
    ASSERT_TRUE(sim.stepTrial());

    const Index n1 = 4, n2 = 3, n3 = 2;
    Matrix A = Matrix::Zero(n1 + n2 + n3, n1 + n2);
    Vector c(n1 + n2 + n3);
    A.block(0, 0, n1, n1).setIdentity();  // x1 - (W1 x0 + b1)
    c.segment(0, n1) = net.weight(1) * trial.input + net.bias(1);
    A.block(n1, n1, n2, n2).setIdentity();  // x2 - W2 x1 - b2
    A.block(n1, 0, n2, n1) = -net.weight(2);
    c.segment(n1, n2) = net.bias(2);
    A.block(n1 + n2, n1, n3, n2) = net.weight(3);  // W3 x2 + b3 - y
    c.segment(n1 + n2, n3) = trial.target - net.bias(3);
    const Vector z = (A.transpose() * A).ldlt().solve(A.transpose() * c);
    for (Index i = 0; i < n1; ++i)
        EXPECT_NEAR(sim.activity(1)(i), z(i), 1e-6);
    for (Index i = 0; i < n2; ++i)
        EXPECT_NEAR(sim.activity(2)(i), z(n1 + i), 1e-6);
}

TEST(PredictiveCoding, OneIterationChangesOnlyTheLastLayer) {
    // T = 1: the update uses the feed-forward state, where every hidden error is zero.
    const Network net = randomNet({3, 4, 4, 2}, Activation::Tanh, true, 4);
    Simulation sim(net, pcConfig(0.1, 1));
    ASSERT_TRUE(sim.setTrials({randomTrial(net, 2, 4)}).empty());
    ASSERT_TRUE(sim.stepTrial());
    EXPECT_EQ(sim.network().weight(1), net.weight(1));
    EXPECT_EQ(sim.network().weight(2), net.weight(2));
    EXPECT_EQ(sim.network().bias(2), net.bias(2));
    EXPECT_GT((sim.network().weight(3) - net.weight(3)).norm(), 1e-3);
}

TEST(PredictiveCoding, OneWeightLayerEqualsBackprop) {
    const Network net = randomNet({4, 3}, Activation::Identity, true, 6);
    const Trial trial = randomTrial(net, 3, 6, true);
    Simulation pc(net, pcConfig(0.3, 20));
    Simulation bp(net, BpConfig{0.3});
    ASSERT_TRUE(pc.setTrials({trial}).empty());
    ASSERT_TRUE(bp.setTrials({trial}).empty());
    ASSERT_TRUE(pc.stepTrials(4));
    ASSERT_TRUE(bp.stepTrials(4));
    EXPECT_LT((pc.network().flatParameters() - bp.network().flatParameters()).cwiseAbs().maxCoeff(),
              1e-14);
}

TEST(PredictiveCoding, SmallErrorUpdateApproachesBackpropOfTheRelaxedOutputError) {
    // At equilibrium eps^l = f'(x^l) (.) W^{l+1 T} eps^{l+1} exactly, and x^l -> x_ff^l as the
    // output error -> 0, so PC's update tends to BP's update for the same output error. The gap,
    // relative to the size of the update, shrinks in proportion to the error.
    const Network net = randomNet({3, 5, 4, 2}, Activation::Tanh, false, 31);
    const Matrix input = Matrix::Constant(3, 1, 0.4);
    const Matrix ff = net.predict(input);
    Vector direction(2);
    direction << 0.6, -0.8;
    auto gap = [&](double size) {
        Trial t;
        t.input = input;
        t.target = ff + size * direction;
        Simulation pc(net, pcConfig(1.0, 2000, 0.1, 0.9));
        pc.setTrials({t});
        pc.stepIteration();
        while (pc.snapshot()->iteration < 1999)
            pc.stepIteration();
        const Matrix epsL = pc.snapshot()->layers[3].eps;  // relaxed output error
        pc.stepIteration();
        Trial tb = t;
        tb.target = ff + epsL;  // BP with the same output error
        Simulation bp(net, BpConfig{1.0});
        bp.setTrials({tb});
        bp.stepTrial();
        const Vector dpc = pc.network().flatParameters() - net.flatParameters();
        const Vector dbp = bp.network().flatParameters() - net.flatParameters();
        return (dpc - dbp).norm() / dbp.norm();
    };
    const double big = gap(1e-1), small = gap(1e-3);
    EXPECT_LT(small, 1e-2);
    EXPECT_LT(small, big / 20.0);
}

TEST(PredictiveCoding, MaskedOutputsGetNoErrorAndNaNTargetsAreIgnored) {
    const Network net = Network(experiments::bearSpec(), 0);
    Trial t = experiments::bearTrial();
    t.target(0) = NAN;
    t.mask = Matrix::Ones(2, 1);
    t.mask(0) = 0.0;  // only the smell output is supervised
    Simulation sim(net, pcConfig(0.2, 64));
    ASSERT_TRUE(sim.setTrials({t}).empty());
    ASSERT_TRUE(sim.stepTrial());
    const auto s = sim.snapshot();
    EXPECT_EQ(s->status, Status::Ok);
    EXPECT_EQ(s->layers[2].eps(0), 0.0);
    // The smell target equals the prediction 1: nothing to learn at all.
    EXPECT_EQ(sim.network().flatParameters(), net.flatParameters());
}

TEST(PredictiveCoding, BatchUpdateIsTheSumOfSampleUpdates) {
    // For one weight layer the update is linear in the samples: batch = sum over samples.
    const Network net = randomNet({3, 2}, Activation::Identity, true, 12);
    const Trial batch = randomTrial(net, 4, 12);
    Simulation whole(net, pcConfig(0.1, 8));
    whole.setTrials({batch});
    whole.stepTrial();
    Vector sum = Vector::Zero(net.flatParameters().size());
    for (Index j = 0; j < 4; ++j) {
        Simulation one(net, pcConfig(0.1, 8));
        one.setTrials({Trial::single(batch.input.col(j), batch.target.col(j))});
        one.stepTrial();
        sum += one.network().flatParameters() - net.flatParameters();
    }
    EXPECT_LT((whole.network().flatParameters() - net.flatParameters() - sum).cwiseAbs().maxCoeff(),
              1e-14);
    // Losses are sums over the batch, not means.
    double lossSum = 0.0;
    for (Index j = 0; j < 4; ++j)
        lossSum += trialLoss(net, Trial::single(batch.input.col(j), batch.target.col(j)));
    EXPECT_NEAR(whole.snapshot()->loss, lossSum, 1e-12);
}

TEST(PredictiveCoding, StepSizeShrinksWhenEnergyStopsFalling) {
    // gamma0 = 1.5 overshoots on the bear net (curvature 3): the energy rises, so gamma is
    // discounted until relaxation converges.
    Simulation sim(Network(experiments::bearSpec(), 0), pcConfig(0.0, 40, 1.5, 0.5));
    sim.setTrials({experiments::bearTrial()});
    sim.stepIteration();
    EXPECT_DOUBLE_EQ(sim.snapshot()->stepSize, 1.5);
    // dx = 2 - 3h, so h <- h - 3 gamma (h - 2/3). By hand, from h = 1:
    // t=0: step 1.5 -> h = -0.5 (no discount at t = 0);
    // t=1: F rose (2.375 > 0.5): step with 1.5 first -> h = 4.75, then gamma = 0.75;
    // t=2: F rose again: step 0.75 -> h = -4.4375, gamma = 0.375;
    // t=3: F rose again: step 0.375 -> h = -4.4375 + 1.125 (4.4375 + 2/3), gamma = 0.1875.
    const double expectedH[] = {-0.5, 4.75, -4.4375, -4.4375 + 1.125 * (4.4375 + 2.0 / 3.0)};
    const double expectedGamma[] = {1.5, 0.75, 0.375, 0.1875};
    for (int t = 0; t < 4; ++t) {
        sim.stepIteration();
        EXPECT_NEAR(sim.activity(1)(0), expectedH[t], 1e-12) << "iteration " << t;
        EXPECT_DOUBLE_EQ(sim.snapshot()->stepSize, expectedGamma[t]) << "iteration " << t;
    }
    while (sim.snapshot()->iteration < 39)
        sim.stepIteration();
    const auto s = sim.snapshot();
    EXPECT_LT(s->stepSize, 1.5);
    EXPECT_NEAR(sim.activity(1)(0), 2.0 / 3.0, 1e-6);
    // Energy trace: one row per state, first row = feed-forward energy 1/2.
    EXPECT_EQ(s->energyTrace.rows(), 40);
    EXPECT_DOUBLE_EQ(s->energyTrace(0, 0), 0.5);
    EXPECT_NEAR(s->energyTrace(39, 0), 1.0 / 3.0, 1e-6);  // F(h*) = 1/2 (1/9 + 4/9 + 1/9)
}

TEST(PredictiveCoding, SnapshotCountersFollowTheSchedule) {
    Simulation sim = bearPc(0.2, 4);
    auto s = sim.snapshot();
    EXPECT_EQ(s->phase, Phase::Idle);
    EXPECT_EQ(s->trial, 0);
    sim.stepIteration();
    s = sim.snapshot();
    EXPECT_EQ(s->phase, Phase::Initialise);
    EXPECT_EQ(s->trial, 1);
    EXPECT_FALSE(s->trialComplete);
    EXPECT_EQ(s->iteration, 0);
    EXPECT_EQ(s->layers[2].x(1), 1.0);  // output clamped to the target
    EXPECT_EQ(s->layers[2].x(0), 0.0);
    sim.stepPhase();  // relax: iterations 1..3
    s = sim.snapshot();
    EXPECT_EQ(s->phase, Phase::Relax);
    EXPECT_EQ(s->iteration, 3);
    EXPECT_EQ(sim.network().weight(1)(0, 0), 1.0);
    sim.stepPhase();  // update
    s = sim.snapshot();
    EXPECT_EQ(s->phase, Phase::Update);
    EXPECT_EQ(s->iteration, 4);
    EXPECT_TRUE(s->trialComplete);
    EXPECT_EQ(s->trial, 1);
    EXPECT_EQ(sim.trialsCompleted(), 1);
    EXPECT_NE(s->weightChange[1](0, 0), 0.0);
    EXPECT_EQ(s->step, 5);
}

TEST(PredictiveCoding, ResetRestoresTheInitialStateExactly) {
    const Network net = randomNet({2, 3, 2}, Activation::Tanh, true, 40);
    Simulation sim(net, pcConfig(0.1, 16));
    sim.setTrials({randomTrial(net, 1, 40)});
    sim.stepTrials(3);
    sim.reset(net);
    EXPECT_EQ(sim.network().flatParameters(), net.flatParameters());
    EXPECT_EQ(sim.trialsCompleted(), 0);
    EXPECT_EQ(sim.snapshot()->phase, Phase::Idle);
    EXPECT_TRUE(sim.stepTrial());
}

TEST(PredictiveCoding, PerLayerLearningRateOverridesAlpha) {
    NetworkSpec spec = experiments::bearSpec();
    spec.weight(1).learningRate = 0.0;
    Simulation sim(Network(spec, 0), pcConfig(0.2, 64));
    sim.setTrials({experiments::bearTrial()});
    sim.stepTrial();
    EXPECT_EQ(sim.network().weight(1)(0, 0), 1.0);
    EXPECT_LT(sim.network().weight(2)(0, 0), 1.0);
}

TEST(Snapshot, BeforeTheFirstTrialPreviewsItsFeedForwardPass) {
    // Step 0 shows the first trial's feed-forward activity and target in both rules, as the
    // first micro-step then computes them (PC before it pins the output).
    const Network net = randomNet({2, 3, 2}, Activation::Tanh, true, 41);
    const Trial trial = randomTrial(net, 1, 41);
    const std::vector<Matrix> x = net.forward(trial.input);
    for (bool pc : {false, true}) {
        Simulation sim = pc ? Simulation(net, pcConfig(0.1, 8)) : Simulation(net, BpConfig{0.1});
        ASSERT_TRUE(sim.setTrials({trial}).empty());
        const auto idle = sim.snapshot();
        EXPECT_EQ(idle->phase, Phase::Idle);
        EXPECT_EQ(idle->trial, 0);
        ASSERT_EQ(idle->layers.size(), 3u);
        for (Index l = 0; l <= 2; ++l)
            EXPECT_TRUE(idle->layers[size_t(l)].x.isApprox(x[size_t(l)])) << "layer " << l;
        EXPECT_EQ(idle->target, trial.target);
        EXPECT_EQ(idle->input, trial.input);
        const Matrix eps = trial.target - x[2];
        EXPECT_TRUE(idle->layers[2].eps.isApprox(eps));
        EXPECT_DOUBLE_EQ(idle->loss, 0.5 * eps.squaredNorm());
        sim.stepIteration();
        const auto first = sim.snapshot();
        EXPECT_TRUE(first->layers[1].x.isApprox(idle->layers[1].x));
        EXPECT_TRUE(first->layers[2].mu.isApprox(idle->layers[2].mu));
        EXPECT_DOUBLE_EQ(first->loss, idle->loss);
        // Restoring the previewing snapshot steps on exactly as from the fresh simulation.
        Simulation again = pc ? Simulation(net, pcConfig(0.1, 8)) : Simulation(net, BpConfig{0.1});
        ASSERT_TRUE(again.setTrials({trial}).empty());
        ASSERT_TRUE(again.restore(*idle));
        sim.stepTrials(2);
        again.stepTrials(2);
        EXPECT_EQ(again.network().flatParameters(), sim.network().flatParameters());
    }
}

TEST(Snapshot, TrialsFromAProviderAreNotPreviewed) {
    const Network net = randomNet({2, 3, 2}, Activation::Tanh, true, 42);
    Simulation sim(net, pcConfig(0.1, 8));
    int asked = 0;
    sim.setTrialProvider([&](std::int64_t, const Network& n, Trial& out) {
        ++asked;
        out = randomTrial(n, 1, 42);
    });
    const auto idle = sim.snapshot();
    EXPECT_EQ(asked, 0);
    EXPECT_EQ(idle->layers[1].x.cols(), 0);
}
