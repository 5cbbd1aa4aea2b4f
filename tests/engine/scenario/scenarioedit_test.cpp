#include <gtest/gtest.h>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"

using namespace engine;

namespace {

Scenario bear() {
    return *findPreset("bear");
}

/// Feed-forward outputs of the scenario's initial network for every trial.
std::vector<Matrix> outputs(const Scenario& s) {
    std::vector<Matrix> out;
    const Network net = s.network();
    for (const Trial& t : s.trials)
        out.push_back(net.predict(t.input));
    return out;
}

Scenario ok(const edit::Result& r) {
    EXPECT_TRUE(r.scenario) << r.problem;
    return r.scenario ? *r.scenario : Scenario{};
}

}  // namespace

TEST(ScenarioEdit, SetWeightChangesThatWeightOnly) {
    const Scenario s = ok(edit::setWeight(bear(), 2, 1, 0, -0.25));
    EXPECT_EQ(s.network().weight(2)(1, 0), -0.25);
    EXPECT_EQ(s.network().weight(2)(0, 0), 1.0);
    EXPECT_EQ(s.network().weight(1)(0, 0), 1.0);
    EXPECT_FALSE(edit::setWeight(bear(), 2, 2, 0, 1.0).scenario);
    EXPECT_FALSE(edit::setWeight(bear(), 2, 0, 0, std::nan("")).scenario);
    const Scenario& traj = *findPreset("trajectories-122");
    const edit::Result masked = edit::setWeight(traj, 2, 0, 1, 1.0);
    EXPECT_FALSE(masked.scenario);
    EXPECT_NE(masked.problem.find("absent"), std::string::npos);
}

TEST(ScenarioEdit, SetBiasChangesThatBiasOnlyAndNeedsALayerWithBias) {
    // The bear net has no bias: give the output layer one, then set one of its two entries.
    const Scenario withBias = ok(edit::setHasBias(bear(), 2, true));
    const Scenario s = ok(edit::setBias(withBias, 2, 1, 0.25));
    const Network net = s.network();
    EXPECT_EQ(net.bias(2)(1), 0.25);
    EXPECT_EQ(net.bias(2)(0), 0.0);
    EXPECT_EQ(net.weight(2), bear().network().weight(2));
    EXPECT_EQ(net.weight(1), bear().network().weight(1));
    // It reaches the prediction: smell = w2_1 * hidden + b2_1 = 1 * 1 + 0.25.
    EXPECT_EQ(net.predict(s.trials[0].input)(1, 0), 1.25);
    // Setting it back gives the scenario before, exactly.
    EXPECT_TRUE(sameScenario(ok(edit::setBias(s, 2, 1, 0.0)), withExplicitWeights(withBias)));
    EXPECT_FALSE(edit::setBias(bear(), 2, 1, 0.25).scenario);    // no bias on that layer
    EXPECT_FALSE(edit::setBias(withBias, 2, 2, 0.25).scenario);  // no such neuron
    EXPECT_FALSE(edit::setBias(withBias, 3, 0, 0.25).scenario);  // no such layer
    const edit::Result nan = edit::setBias(withBias, 2, 0, std::nan(""));
    EXPECT_FALSE(nan.scenario);
    EXPECT_NE(nan.problem.find("finite"), std::string::npos);
}

TEST(ScenarioEdit, TargetsCanBeRemovedAndRestoredExactly) {
    const Scenario s = withExplicitWeights(bear());
    const Scenario none = ok(edit::setTarget(s, 0, 0, std::nullopt));
    EXPECT_EQ(none.trials[0].mask(0, 0), 0.0);
    EXPECT_EQ(trialLoss(none.network(), none.trials[0]), 0.0);  // smell predicted 1, target 1
    const Scenario back = ok(edit::setTarget(none, 0, 0, 0.0));
    EXPECT_TRUE(sameScenario(s, back));
    EXPECT_EQ(ok(edit::setInput(s, 0, 0, 2.5)).trials[0].input(0, 0), 2.5);
    EXPECT_FALSE(edit::setInput(s, 1, 0, 2.5).scenario);
}

TEST(ScenarioEdit, AddingANeuronKeepsEveryWeightAndTheFunction) {
    const Scenario s = withExplicitWeights(ok(edit::setWeight(bear(), 1, 0, 0, 0.7)));
    for (Index l = 0; l <= 1; ++l) {  // input and hidden layer
        const Scenario grown = ok(edit::addNeuron(s, l));
        EXPECT_EQ(grown.spec.sizes[size_t(l)], s.spec.sizes[size_t(l)] + 1);
        const Network a = s.network(), b = grown.network();
        for (Index k = 1; k <= a.depth(); ++k)
            EXPECT_EQ(b.weight(k).topLeftCorner(a.weight(k).rows(), a.weight(k).cols()),
                      a.weight(k))
                << "layer " << k;
        EXPECT_EQ(outputs(grown), outputs(s));
        // Removing it again gives back the scenario exactly.
        EXPECT_TRUE(sameScenario(s, ok(edit::removeNeuron(grown, l, s.spec.sizes[size_t(l)]))));
    }
    const Scenario moreOutputs = ok(edit::addNeuron(s, 2));
    EXPECT_EQ(moreOutputs.trials[0].target.rows(), 3);
    EXPECT_EQ(moreOutputs.trials[0].target(2, 0), 0.0);
}

TEST(ScenarioEdit, RemovingANeuronKeepsTheOthersWeights) {
    const Scenario s = ok(edit::addNeuron(withExplicitWeights(bear()), 1));  // 1-2-2
    const Scenario w = ok(edit::setWeight(ok(edit::setWeight(s, 2, 1, 1, 3.0)), 1, 1, 0, 4.0));
    const Scenario r = ok(edit::removeNeuron(w, 1, 0));  // drop the original hidden neuron
    EXPECT_EQ(r.spec.sizes, (std::vector<Index>{1, 1, 2}));
    EXPECT_EQ(r.network().weight(1)(0, 0), 4.0);
    EXPECT_EQ(r.network().weight(2)(1, 0), 3.0);
    const Scenario named = ok(edit::removeNeuron(w, 2, 0));  // drop "sound"
    EXPECT_EQ(named.outputNames, (std::vector<std::string>{"smell"}));
    EXPECT_EQ(named.trials[0].target(0, 0), 1.0);
    EXPECT_FALSE(edit::removeNeuron(r, 1, 0).scenario);  // last neuron of a layer
}

TEST(ScenarioEdit, InsertingAndRemovingALayerKeepTheFunction) {
    const Scenario s = withExplicitWeights(*findPreset("energy-machine"));
    for (Index l = 1; l <= s.spec.depth(); ++l) {
        const Scenario deeper = ok(edit::insertLayer(s, l));
        EXPECT_EQ(deeper.spec.depth(), s.spec.depth() + 1);
        EXPECT_EQ(outputs(deeper), outputs(s));
        EXPECT_TRUE(sameScenario(s, ok(edit::removeLayer(deeper, l)))) << l;
    }
    const Scenario shallower = ok(edit::removeLayer(s, 2));
    EXPECT_EQ(shallower.spec.depth(), 2);
    EXPECT_NEAR(outputs(shallower)[0](0, 0), outputs(s)[0](0, 0), 1e-15);
    EXPECT_FALSE(edit::removeLayer(s, 3).scenario);  // the output layer
}

TEST(ScenarioEdit, LayerSettings) {
    const Scenario s = ok(edit::addNeuron(bear(), 1));
    const Scenario t = ok(edit::setActivation(s, 1, Activation::Tanh));
    EXPECT_EQ(t.spec.activations[1], Activation::Tanh);
    EXPECT_FALSE(edit::setActivation(s, 2, Activation::Tanh).scenario);  // output
    const Scenario b = ok(edit::setHasBias(s, 2, true));
    EXPECT_EQ(b.network().bias(2), Vector::Zero(2));
    EXPECT_TRUE(b.network().hasBias(2));
    EXPECT_FALSE(ok(edit::setTrainable(s, 1, false)).spec.weight(1).trainable);
    EXPECT_EQ(ok(edit::setLearningRate(s, 2, 0.5)).spec.weight(2).learningRate, 0.5);
    EXPECT_FALSE(edit::setLearningRate(s, 2, -1.0).scenario);
    PcConfig pc = s.pc;
    pc.discount = 2.0;
    EXPECT_FALSE(edit::setConfigs(s, s.bp, pc).scenario);
}

TEST(ScenarioEdit, TrialList) {
    Scenario s = ok(edit::setInput(ok(edit::duplicateTrial(bear(), 0)), 1, 0, 5.0));
    ASSERT_EQ(s.trials.size(), 2u);
    const Scenario moved = ok(edit::moveTrial(s, 1, 0));
    EXPECT_EQ(moved.trials[0].input(0, 0), 5.0);
    EXPECT_EQ(moved.trials[1].input(0, 0), 1.0);
    const Scenario removed = ok(edit::removeTrial(s, 0));
    EXPECT_EQ(removed.trials.size(), 1u);
    EXPECT_FALSE(edit::removeTrial(removed, 0).scenario);
    EXPECT_EQ(ok(edit::setOrder(s, TrialOrder::Random)).order, TrialOrder::Random);
}

// The "done when" path: bear -> a 2-3-2 tanh network with chosen weights and target.
TEST(ScenarioEdit, BearBecomesA232TanhNetwork) {
    Scenario s = bear();
    s = ok(edit::addNeuron(s, 0));
    s = ok(edit::addNeuron(s, 1));
    s = ok(edit::addNeuron(s, 1));
    s = ok(edit::setActivation(s, 1, Activation::Tanh));
    s = ok(edit::setWeight(s, 2, 0, 2, 0.5));
    s = ok(edit::setTarget(s, 0, 1, 0.25));
    EXPECT_EQ(s.spec.sizes, (std::vector<Index>{2, 3, 2}));
    LockstepPair pair(s.network(), s.bp, s.pc, s.trials);
    ASSERT_TRUE(pair.problems().empty());
    EXPECT_TRUE(pair.stepTrials(5));
}

TEST(ScenarioEdit, LearningRateChangesLiveInARunningSimulation) {
    const Scenario s = bear();
    Simulation a(s.network(), s.pc), b(s.network(), s.pc);
    a.setTrials(s.trials);
    b.setTrials(s.trials);
    a.stepTrials(2);
    b.stepTrials(2);
    b.setLearningRate(2, 0.0);  // freeze W^2 from now on
    const Matrix before = b.network().weight(2);
    const Matrix firstBefore = b.network().weight(1);
    a.stepTrial();
    b.stepTrial();
    EXPECT_EQ(b.network().weight(2), before);
    EXPECT_NE(a.network().weight(2), before);
    EXPECT_NE(b.network().weight(1), firstBefore);  // W^1 still learns
}

TEST(ScenarioEdit, AClosedLoopTaskHasNoTrialListToEdit) {
    const Scenario& s = *findPreset("reversal-learning");
    const edit::Result r = edit::setInput(s, 0, 0, 2.0);
    EXPECT_FALSE(r.scenario);
    EXPECT_NE(r.problem.find("closed-loop task"), std::string::npos);
    EXPECT_FALSE(edit::duplicateTrial(s, 0).scenario);
    EXPECT_FALSE(edit::setTarget(s, 0, 0, 1.0).scenario);
    EXPECT_TRUE(edit::setWeight(s, 1, 0, 0, 0.5).scenario);  // the network still can be edited
}
