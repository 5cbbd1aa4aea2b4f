// Live edits of a running simulation: a weight or the trial in progress changed between
// micro-steps (Simulation::setWeightNow, setTrialNow).
#include <gtest/gtest.h>

#include "engine/core/simulation.h"
#include "testnets.h"

using namespace engine;

namespace {

Network net3(std::uint64_t seed = 3) {
    return testnets::randomNet({3, 4, 2}, Activation::Tanh, true, seed);
}

Simulation make(Rule rule, const Network& net, const Trial& trial) {
    Simulation sim = rule == Rule::PC ? Simulation(net, PcConfig{0.1, 8, 0.1, 0.5})
                                      : Simulation(net, BpConfig{0.1});
    EXPECT_TRUE(sim.setTrials({trial}).empty());
    return sim;
}

void expectSameState(const Snapshot& a, const Snapshot& b) {
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (std::size_t l = 0; l < a.layers.size(); ++l) {
        EXPECT_TRUE(a.layers[l].x.isApprox(b.layers[l].x, 1e-12)) << "x of layer " << l;
        EXPECT_TRUE(a.layers[l].mu.isApprox(b.layers[l].mu, 1e-12)) << "mu of layer " << l;
        EXPECT_NEAR((a.layers[l].eps - b.layers[l].eps).norm(), 0.0, 1e-12) << "eps " << l;
    }
    EXPECT_NEAR(a.loss, b.loss, 1e-12);
    EXPECT_NEAR(a.energy, b.energy, 1e-12);
    EXPECT_TRUE(a.prediction.isApprox(b.prediction, 1e-12));
    for (std::size_t l = 1; l < a.weights.size(); ++l)
        EXPECT_TRUE(a.weights[l].isApprox(b.weights[l], 1e-12)) << "W" << l;
}

class LiveEdit : public ::testing::TestWithParam<Rule> {};

}  // namespace

// An edit of the last weight matrix right after the trial began leaves the hidden feed-forward
// values alone, so the edited run must be exactly a run that began the trial with that weight,
// and stay so for the rest of the trial.
TEST_P(LiveEdit, AnOutputWeightEditAtTheTrialStartEqualsStartingWithThatWeight) {
    const Network net = net3();
    const Trial trial = testnets::randomTrial(net, 1, 4);
    Simulation edited = make(GetParam(), net, trial);
    ASSERT_TRUE(edited.stepIteration());
    ASSERT_TRUE(edited.setWeightNow(2, 1, 2, -1.5));
    Network changed = net;
    Matrix w = changed.weight(2);
    w(1, 2) = -1.5;
    changed.setWeight(2, w);
    Simulation fresh = make(GetParam(), changed, trial);
    ASSERT_TRUE(fresh.stepIteration());
    expectSameState(*edited.snapshot(), *fresh.snapshot());
    ASSERT_TRUE(edited.stepTrial());
    ASSERT_TRUE(fresh.stepTrial());
    expectSameState(*edited.snapshot(), *fresh.snapshot());
}

TEST_P(LiveEdit, ATargetEditAtTheTrialStartEqualsStartingWithThatTarget) {
    const Network net = net3();
    const Trial trial = testnets::randomTrial(net, 1, 4);
    Trial other = trial;
    other.target(0, 0) = 2.5;
    Simulation edited = make(GetParam(), net, trial);
    ASSERT_TRUE(edited.stepIteration());
    ASSERT_TRUE(edited.setTrialNow(other));
    Simulation fresh = make(GetParam(), net, other);
    ASSERT_TRUE(fresh.stepIteration());
    expectSameState(*edited.snapshot(), *fresh.snapshot());
    EXPECT_EQ(edited.snapshot()->target(0, 0), 2.5);
    ASSERT_TRUE(edited.stepTrial());
    ASSERT_TRUE(fresh.stepTrial());
    expectSameState(*edited.snapshot(), *fresh.snapshot());
}

TEST(LiveEditBp, AnInputEditMidTrialRedoesTheForwardPassAndTheDeltas) {
    const Network net = net3();
    const Trial trial = testnets::randomTrial(net, 1, 4);
    Trial other = trial;
    other.input(1, 0) = -0.7;
    Simulation edited = make(Rule::BP, net, trial);
    ASSERT_TRUE(edited.stepIteration());  // forward
    ASSERT_TRUE(edited.stepIteration());  // backward
    ASSERT_TRUE(edited.setTrialNow(other));
    Simulation fresh = make(Rule::BP, net, other);
    ASSERT_TRUE(fresh.stepIteration());
    ASSERT_TRUE(fresh.stepIteration());
    const auto a = edited.snapshot(), b = fresh.snapshot();
    expectSameState(*a, *b);
    for (std::size_t l = 1; l < a->layers.size(); ++l)
        EXPECT_TRUE(a->layers[l].delta.isApprox(b->layers[l].delta, 1e-12)) << "delta " << l;
    ASSERT_TRUE(edited.stepIteration());  // update: the same weights as the fresh run's
    ASSERT_TRUE(fresh.stepIteration());
    expectSameState(*edited.snapshot(), *fresh.snapshot());
}

TEST(LiveEditPc, AnInputEditMidRelaxationKeepsTheHiddenValuesAndRecomputesTheErrors) {
    const Network net = net3();
    const Trial trial = testnets::randomTrial(net, 1, 4);
    Trial other = trial;
    other.input(0, 0) = 1.25;
    Simulation sim = make(Rule::PC, net, trial);
    for (int k = 0; k < 4; ++k)
        ASSERT_TRUE(sim.stepIteration());
    const auto before = sim.snapshot();
    ASSERT_TRUE(sim.setTrialNow(other));
    const auto after = sim.snapshot();
    EXPECT_EQ(after->layers[0].x(0, 0), 1.25);
    EXPECT_EQ(after->layers[1].x, before->layers[1].x);  // relaxed value nodes stay
    // mu^1 = W^1 x^0 + b^1 from the new input; eps^1 = x^1 - mu^1; F = sum of the layer energies.
    const Matrix mu1 = (net.weight(1) * other.input).colwise() + net.bias(1);
    EXPECT_TRUE(after->layers[1].mu.isApprox(mu1, 1e-12));
    EXPECT_TRUE(after->layers[1].eps.isApprox(after->layers[1].x - mu1, 1e-12));
    EXPECT_NEAR(after->energy, after->layers[1].energy + after->layers[2].energy, 1e-12);
    EXPECT_NEAR(after->energy, testnets::energyAt(net, other, {Matrix(), after->layers[1].x}),
                1e-12);
    EXPECT_NE(after->energy, before->energy);
    EXPECT_TRUE(after->prediction.isApprox(net.predict(other.input), 1e-12));
    EXPECT_EQ(after->iteration, before->iteration);
    EXPECT_EQ(after->step, before->step);
    ASSERT_TRUE(sim.stepTrial());  // and relaxation goes on from there
    EXPECT_EQ(sim.trialsCompleted(), 1);
}

TEST_P(LiveEdit, BetweenTrialsAWeightEditChangesOnlyTheWeightAndTheTrialIsNotEdited) {
    const Network net = net3();
    const Trial trial = testnets::randomTrial(net, 1, 4);
    Simulation sim = make(GetParam(), net, trial);
    ASSERT_TRUE(sim.stepTrial());
    const auto before = sim.snapshot();
    ASSERT_TRUE(sim.setWeightNow(1, 0, 0, 0.5));
    const auto after = sim.snapshot();
    EXPECT_EQ(after->weights[1](0, 0), 0.5);
    EXPECT_EQ(after->layers[1].x, before->layers[1].x);
    EXPECT_EQ(after->energy, before->energy);
    Trial other = trial;
    other.target(0, 0) = 3.0;
    EXPECT_FALSE(sim.setTrialNow(other));  // the trial is over; nothing to edit in it
    EXPECT_EQ(sim.snapshot()->target, before->target);
}

TEST_P(LiveEdit, RefusesWhatIsNotThere) {
    NetworkSpec spec = NetworkSpec::layered({2, 2}, Activation::Identity, Initialiser::constant(1));
    spec.weight(1).mask = Matrix::Ones(2, 2);
    spec.weight(1).mask(0, 1) = 0.0;
    const Network net(spec, 0);
    Vector in(2), out(2);
    in << 1, 2;
    out << 0, 1;
    Simulation sim = make(GetParam(), net, Trial::single(in, out));
    EXPECT_FALSE(sim.setWeightNow(1, 0, 1, 2.0));  // absent synapse
    EXPECT_FALSE(sim.setWeightNow(2, 0, 0, 2.0));  // no such layer
    EXPECT_FALSE(sim.setWeightNow(1, 0, 0, std::nan("")));
    EXPECT_FALSE(sim.setTrialNow(Trial::single(in, out)));  // no trial yet
    ASSERT_TRUE(sim.stepIteration());
    Vector wide(3);
    wide << 1, 2, 3;
    EXPECT_FALSE(sim.setTrialNow(Trial::single(wide, out)));  // does not fit
    EXPECT_TRUE(sim.setWeightNow(1, 1, 1, 2.0));
}

INSTANTIATE_TEST_SUITE_P(BothRules, LiveEdit, ::testing::Values(Rule::BP, Rule::PC),
                         [](const ::testing::TestParamInfo<Rule>& p) {
                             return std::string(ruleName(p.param));
                         });
