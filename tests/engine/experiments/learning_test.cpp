// The machinery of the learning experiments (per-synapse learning rates, protocols, the
// closed-loop choice task) and the mechanisms behind items 7-10 of the science file.
#include <gtest/gtest.h>

#include <memory>

#include "engine/core/choicetask.h"
#include "engine/core/lockstep.h"
#include "engine/experiments/learningexperiments.h"

using namespace engine;
namespace ex = engine::experiments;

namespace {

Trial trial(std::initializer_list<Scalar> in, std::initializer_list<Scalar> out) {
    Trial t;
    t.input = Eigen::Map<const Vector>(in.begin(), static_cast<Index>(in.size()));
    t.target = Eigen::Map<const Vector>(out.begin(), static_cast<Index>(out.size()));
    return t;
}

}  // namespace

TEST(SynapseRates, EachWeightLearnsWithItsOwnRate) {
    // One weight layer 2 -> 1, weights (1, 1), input (1, 2), target 0: e = 0 - 3 = -3.
    // dW = alpha_ij e x_j = (0.1 * -3 * 1, 0.01 * -3 * 2) = (-0.3, -0.06); the bias-free layer.
    NetworkSpec spec = NetworkSpec::layered({2, 1}, Activation::Identity, Initialiser::constant(1));
    Matrix rates(1, 2);
    rates << 0.1, 0.01;
    spec.weight(1).learningRates = rates;
    ASSERT_TRUE(spec.validate().empty());
    EXPECT_EQ(Network(spec, 0).learningRate(1, 0, 1, 0.5), 0.01);
    for (Rule rule : {Rule::BP, Rule::PC}) {
        Simulation sim = ex::makeSimulation(rule, Network(spec, 0), PcConfig{0.5, 4, 0.1, 0.5});
        ASSERT_TRUE(sim.setTrials({trial({1, 2}, {0})}).empty());
        ASSERT_TRUE(sim.stepTrial());
        EXPECT_NEAR(sim.network().weight(1)(0, 0), 0.7, 1e-12) << ruleName(rule);
        EXPECT_NEAR(sim.network().weight(1)(0, 1), 0.94, 1e-12) << ruleName(rule);
    }
    rates(0, 1) = -1.0;
    spec.weight(1).learningRates = rates;
    EXPECT_FALSE(spec.validate().empty());
    spec.weight(1).learningRates = Matrix::Ones(2, 2);
    ASSERT_EQ(spec.validate().size(), 1u);
    EXPECT_NE(spec.validate().front().find("per-synapse learning rates are 2x2"),
              std::string::npos);
}

TEST(Protocol, PhasesRunInOrderAndTheRunStopsAtTheEnd) {
    NetworkSpec spec = NetworkSpec::layered({1, 1}, Activation::Identity, Initialiser::constant(0));
    Protocol p{{{"a", {trial({1}, {1}), trial({2}, {1})}, 2}, {"b", {trial({3}, {0})}, 3}}};
    ASSERT_TRUE(p.validate(spec).empty());
    EXPECT_EQ(p.trialCount(), 7);
    EXPECT_EQ(p.phaseOf(3), 0);
    EXPECT_EQ(p.phaseOf(4), 1);
    EXPECT_EQ(p.phaseOf(7), -1);
    EXPECT_EQ(p.firstTrialOf(1), 4);
    EXPECT_EQ((*p.trial(2)).input(0, 0), 1.0);
    EXPECT_EQ((*p.trial(3)).input(0, 0), 2.0);
    EXPECT_EQ((*p.trial(6)).input(0, 0), 3.0);
    EXPECT_EQ(p.trial(7), nullptr);

    Simulation sim(Network(spec, 0), BpConfig{0.1});
    ASSERT_TRUE(sim.setProtocol(p).empty());
    EXPECT_TRUE(sim.stepTrials(7));
    EXPECT_TRUE(sim.protocolFinished());
    EXPECT_FALSE(sim.stepTrial());
    EXPECT_EQ(sim.status(), Status::Ok);
    EXPECT_EQ(sim.trialsCompleted(), 7);
    EXPECT_EQ(sim.input()(0, 0), 3.0);

    Protocol bad{{{"wrong", {trial({1, 2}, {1})}, 0}}};
    const auto problems = bad.validate(spec);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].find("phase 1 (wrong): repeats"), std::string::npos);
    EXPECT_FALSE(sim.setProtocol(bad).empty());
}

TEST(FearConditioning, BpExtinctionLeavesTheNoisePathwayExactlyUnchanged) {
    const ex::FearConfig config;
    const Network net(ex::fearSpec(config), 3);
    for (Rule rule : {Rule::BP, Rule::PC}) {
        Simulation sim = ex::makeSimulation(rule, net, config.pc);
        Protocol p = ex::fearProtocol(ex::FearGroup::LightNoiseExtinction, config);
        ASSERT_TRUE(sim.setProtocol(p).empty());
        ASSERT_TRUE(sim.stepTrials(config.trialsPerPhase));  // conditioning only
        const Matrix w1 = sim.network().weight(1), w2 = sim.network().weight(2);
        EXPECT_NE(w2(0, 1), net.weight(2)(0, 1));  // conditioning did teach the noise pathway
        ASSERT_TRUE(sim.stepTrial());              // one extinction trial: light alone, no shock
        EXPECT_EQ(sim.input()(0, 0), 1.0);
        EXPECT_EQ(sim.input()(1, 0), 0.0);
        // p_N (W1[1,1]) gets e x_N = 0 from either rule: the noise is absent.
        EXPECT_EQ(sim.network().weight(1)(1, 1), w1(1, 1)) << ruleName(rule);
        if (rule == Rule::BP) {
            // dm_N = delta h_N = delta p_N N = 0.
            EXPECT_EQ(sim.network().weight(2)(0, 1), w2(0, 1));
        } else {
            // PC infers hidden_N below its prediction 0, so m_N grows: fear to the noise rises.
            EXPECT_GT(sim.network().weight(2)(0, 1), w2(0, 1));
        }
    }
}

TEST(FearConditioning, PcRaisesFearToTheNoiseAfterExtinctionBpDoesNot) {
    ex::FearConfig config;
    config.trialsPerPhase = 16;
    for (std::uint64_t seed : {0u, 1u}) {
        const auto bpLn =
            ex::fearConditioningRun(Rule::BP, ex::FearGroup::LightNoise, seed, config);
        const auto bpExt =
            ex::fearConditioningRun(Rule::BP, ex::FearGroup::LightNoiseExtinction, seed, config);
        const auto pcLn =
            ex::fearConditioningRun(Rule::PC, ex::FearGroup::LightNoise, seed, config);
        const auto pcExt =
            ex::fearConditioningRun(Rule::PC, ex::FearGroup::LightNoiseExtinction, seed, config);
        EXPECT_EQ(bpExt.fearToNoise, bpLn.fearToNoise);
        EXPECT_GT(pcExt.fearToNoise, pcLn.fearToNoise + 0.01);
        // Overshadowing: the noise alone is feared less after light-and-noise conditioning.
        EXPECT_GT(ex::fearConditioningRun(Rule::PC, ex::FearGroup::Noise, seed, config).fearToNoise,
                  pcLn.fearToNoise);
    }
}

TEST(Sensorimotor, BpCue2ExposureLeavesTheCue1PredictionExactlyUnchanged) {
    const ex::SensorimotorConfig config;
    const Network net(ex::sensorimotorSpec(config), 5);
    Vector cue1(2), cue2(2), plus(2);
    cue1 << 1, 0;
    cue2 << 0, 1;
    plus << 1, 0;
    for (Rule rule : {Rule::BP, Rule::PC}) {
        Simulation sim = ex::makeSimulation(rule, net, config.pc);
        ASSERT_TRUE(sim.setTrials({Trial::single(cue2, plus)}).empty());
        const Matrix before = sim.network().predict(cue1);
        ASSERT_TRUE(sim.stepTrial());
        const Matrix after = sim.network().predict(cue1);
        EXPECT_NE(sim.network().weight(2), net.weight(2));  // the exposure did teach
        EXPECT_EQ(sim.network().weight(1)(0, 1), 0.0);      // the mask holds
        if (rule == Rule::BP) {
            EXPECT_EQ(after(0, 0), before(0, 0));
            EXPECT_EQ(after(1, 0), before(1, 0));
        } else {
            EXPECT_NE(after(0, 0), before(0, 0));
        }
    }
}

TEST(Sensorimotor, ChannelTrialsAreNullFieldAndTheProtocolHasEveryTestTriplet) {
    ex::SensorimotorConfig config;
    config.trainingBlocks = 1;
    config.testBlocks = 2;
    const Protocol p = ex::sensorimotorProtocol(4, config);
    ASSERT_TRUE(p.validate(ex::sensorimotorSpec(config)).empty());
    const Matrix noForce = Matrix::Zero(2, 1);
    std::map<std::string, int> tests;
    for (const ProtocolPhase& phase : p.phases)
        if (phase.name.rfind("test ", 0) == 0) {
            ++tests[phase.name];
            ASSERT_EQ(phase.trials.size(), 3u);
            // Channel trials (cue 1) are supervised toward no force, like null-field trials.
            for (size_t k : {size_t(0), size_t(2)}) {
                EXPECT_EQ(phase.trials[k].input, (Matrix(2, 1) << 1, 0).finished());
                EXPECT_EQ(phase.trials[k].target, noForce);
                EXPECT_EQ(phase.trials[k].mask.size(), 0);
            }
            EXPECT_EQ(phase.trials[1].mask.size(), 0);  // the exposure is supervised
        }
    EXPECT_EQ(tests, (std::map<std::string, int>{
                         {"test 1+", 2}, {"test 1-", 2}, {"test 2+", 2}, {"test 2-", 2}}));
    // 2 + 32 + 2 channel/field trials, 14-18 and 6-10 washout, two triplets; then per test
    // triplet 2-6 washout + 3.
    EXPECT_GE(p.trialCount(), 36 + 14 + 6 + 6 + 8 * 5);
    EXPECT_LE(p.trialCount(), 36 + 18 + 10 + 6 + 8 * 9);

    // The whole training, so that cue 1 predicts P+ (from the small initial weights the sign
    // settles only after several blocks).
    config.trainingBlocks = ex::SensorimotorConfig{}.trainingBlocks;
    const auto pc = ex::sensorimotorRun(Rule::PC, 4, config);
    const auto bp = ex::sensorimotorRun(Rule::BP, 4, config);
    ASSERT_EQ(pc.rows.size(), 8u);
    ASSERT_EQ(bp.rows.size(), 8u);
    // An exposure with the measured cue moves its prediction toward the field in both rules.
    for (const auto& r : bp.rows) {
        if (r.group[0] == '1') {
            EXPECT_GT(r.adaptation, 0.0) << r.group << " block " << r.block;
        }
    }
    for (const auto& r : pc.rows) {
        if (r.group[0] == '1') {
            EXPECT_GT(r.adaptation, 0.0) << r.group << " block " << r.block;
        }
    }
}

TEST(Sensorimotor, InBpACue2ExposureAddsNothingToTheTriplet) {
    // From a trained state, a test triplet (channel, exposure with cue 2, channel) ends with the
    // same cue-1 prediction as the two channel trials alone: all of BP's other-cue "adaptation"
    // is the first channel trial's own teaching. PC's exposure changes it (transfer).
    ex::SensorimotorConfig config;
    config.trainingBlocks = 4;
    config.testBlocks = 0;
    const Network net(ex::sensorimotorSpec(config), 3);
    Vector cue1(2), cue2(2), plus(2), minus(2);
    const Vector none = Vector::Zero(2);
    cue1 << 1, 0;
    cue2 << 0, 1;
    plus << 1, 0;
    minus << 0, 1;
    for (Rule rule : {Rule::BP, Rule::PC}) {
        Simulation trained = ex::makeSimulation(rule, net, config.pc);
        ASSERT_TRUE(trained.setProtocol(ex::sensorimotorProtocol(3, config)).empty());
        while (!trained.protocolFinished())
            ASSERT_TRUE(trained.stepTrial());
        auto secondChannel = [&](const std::vector<Trial>& trials) {
            Simulation sim = ex::makeSimulation(rule, trained.network(), config.pc);
            EXPECT_TRUE(sim.setTrials(trials).empty());
            EXPECT_TRUE(sim.stepTrials(static_cast<std::int64_t>(trials.size())));
            return Matrix(sim.network().predict(cue1));
        };
        const Matrix channelOnly = secondChannel({Trial::single(cue1, none)});
        for (const Vector& field : {plus, minus}) {
            const Matrix withExposure =
                secondChannel({Trial::single(cue1, none), Trial::single(cue2, field)});
            if (rule == Rule::BP) {
                EXPECT_EQ(withExposure, channelOnly);
            } else {
                EXPECT_NE(withExposure, channelOnly);
            }
        }
    }
}

TEST(ChoiceTask, TheUnchosenOutputReceivesNoError) {
    const ex::ReversalConfig config;
    const Network net(ex::reversalSpec(config), 2);
    for (Rule rule : {Rule::BP, Rule::PC}) {
        Simulation sim = ex::makeSimulation(rule, net, config.pc);
        auto task = std::make_shared<ChoiceTask>(config.task, 11);
        sim.setTrialProvider(ChoiceTask::provider(task));
        for (int k = 0; k < 6; ++k) {
            const Matrix w2 = sim.network().weight(2);
            do {
                ASSERT_TRUE(sim.stepIteration());
                const auto s = sim.snapshot();
                const int other = 1 - task->history().back().choice;
                EXPECT_EQ(s->layers[2].eps(other, 0), 0.0);
                EXPECT_EQ(s->mask(other, 0), 0.0);
                if (rule == Rule::BP && s->phase == Phase::Backward) {
                    EXPECT_EQ(s->layers[2].delta(other, 0), 0.0);
                }
            } while (!sim.betweenTrials());
            const ChoiceRecord& r = task->history().back();
            // The unchosen option's output weight is untouched, the chosen one has learnt.
            EXPECT_EQ(sim.network().weight(2)(1 - r.choice, 0), w2(1 - r.choice, 0));
            EXPECT_NE(sim.network().weight(2)(r.choice, 0), w2(r.choice, 0));
            EXPECT_EQ(sim.target()(r.choice, 0), r.reward);
        }
    }
}

TEST(ChoiceTask, RewardsAndReversalsFollowTheContingency) {
    // A deterministic corner: option 0 always rewarded, option 1 never; reversal right after
    // 2 correct choices. A net that strongly prefers option 0 chooses it every time.
    ChoiceTaskConfig config;
    config.rewardProbabilities = {1.0, 0.0};
    config.reversalStreak = 2;
    config.reversalProbability = 1.0;
    config.inverseTemperature = 100.0;
    Matrix w2(2, 1);
    w2 << 1.0, -1.0;
    NetworkSpec spec =
        NetworkSpec::layered({1, 1, 2}, Activation::Identity, Initialiser::constant(1));
    spec.weight(2).init = Initialiser::explicitWeights(w2);
    const Network net(spec, 0);
    ChoiceTask task(config, 1);
    Trial t;
    for (int k = 0; k < 4; ++k)
        task.makeTrial(k, net, t);
    const auto& h = task.history();
    for (const auto& r : h)
        EXPECT_EQ(r.choice, 0);
    EXPECT_EQ(h[0].reward, 1.0);
    EXPECT_FALSE(h[0].reversedAfter);
    EXPECT_TRUE(h[1].reversedAfter);  // second correct choice in a row
    EXPECT_EQ(h[2].correctOption, 1);
    EXPECT_TRUE(h[2].punished);  // option 0 is now the bad one
    EXPECT_EQ(h[2].reward, -1.0);
    EXPECT_EQ(task.correctOption(), 1);
    EXPECT_FALSE(config.validate(1, 3).empty());
}

TEST(ChoiceTask, PunishedMeansTheDrawDidNotRewardEvenWhenTheValuesAgree) {
    // With reward and punishment both 0 the targets cannot tell them apart, but `punished`
    // still says whether the reward draw failed: about 30 % of the choices of option 0 (p 0.7).
    ChoiceTaskConfig config;
    config.reward = config.punishment = 0.0;
    config.reversalStreak = 0;
    auto task = std::make_shared<ChoiceTask>(config, 11);
    NetworkSpec spec =
        NetworkSpec::layered({1, 2}, Activation::Identity, Initialiser::constant(0.0), false);
    Matrix w(2, 1);
    w << 50.0, -50.0;  // option 0 valued far above option 1: always chosen
    spec.weights[0].init = Initialiser::explicitWeights(w);
    spec.weights[0].trainable = false;
    Simulation sim(Network(spec, 0), BpConfig{0.1});
    sim.setTrialProvider(ChoiceTask::provider(task));
    ASSERT_TRUE(sim.stepTrials(400));
    int punished = 0;
    for (const ChoiceRecord& r : task->history()) {
        EXPECT_EQ(r.choice, 0);
        EXPECT_EQ(r.reward, 0.0);
        punished += r.punished;
    }
    EXPECT_GT(punished, 80);
    EXPECT_LT(punished, 160);
}

namespace {

/// The choices, rewards and reversals of `history` are the ones the stream of `seed` gives,
/// three numbers per trial, on the values the network predicted (two options).
void expectDrawnFromStream(const std::vector<ChoiceRecord>& history, std::uint64_t seed,
                           const ChoiceTaskConfig& task, int trials) {
    ASSERT_EQ(history.size(), static_cast<size_t>(trials));
    Random stream(seed);
    int correct = 0, streak = 0;
    bool armed = false;
    for (size_t k = 0; k < history.size(); ++k) {
        const ChoiceRecord& r = history[k];
        const double uChoice = stream.uniform(), uReward = stream.uniform();
        const double uReversal = stream.uniform();
        // Softmax choice: the first option whose cumulative probability exceeds uChoice.
        const double top = r.values.maxCoeff();
        const Vector p = (task.inverseTemperature * (r.values.array() - top)).exp().matrix();
        const int choice = uChoice < p(0) / p.sum() ? 0 : 1;
        EXPECT_EQ(r.choice, choice) << k;
        EXPECT_EQ(r.correctOption, correct) << k;
        const double pReward = task.rewardProbabilities[choice == correct ? 0 : 1];
        EXPECT_EQ(r.reward, uReward < pReward ? task.reward : task.punishment) << k;
        streak = choice == correct ? streak + 1 : 0;
        armed = armed || (task.reversalStreak > 0 && streak >= task.reversalStreak);
        const bool reversed = armed && uReversal < task.reversalProbability;
        EXPECT_EQ(r.reversedAfter, reversed) << k;
        if (reversed) {
            correct = 1 - correct;
            armed = false;
            streak = 0;
        }
    }
}

}  // namespace

TEST(ChoiceTask, ChoicesDoNotDependOnHowTheRunIsDriven) {
    // The same run stepped whole trials at a time (headless), micro-step by micro-step with
    // snapshots (as the window does), in lockstep with the other rule, and resumed from a
    // snapshot part-way: the task draws the same choices and rewards and the weights agree.
    const ex::ReversalConfig config;
    const Network net(ex::reversalSpec(config), 9);
    const std::uint64_t seed = ChoiceTask::seedFor(9);
    const int trials = 40;

    Simulation headless(net, config.pc);
    auto a = std::make_shared<ChoiceTask>(config.task, seed);
    headless.setTrialProvider(ChoiceTask::provider(a));
    ASSERT_TRUE(headless.stepTrials(trials));

    Simulation viewed(net, config.pc);
    auto b = std::make_shared<ChoiceTask>(config.task, seed);
    viewed.setTrialProvider(ChoiceTask::provider(b));
    std::shared_ptr<const Snapshot> mark;
    while (viewed.trialsCompleted() < trials) {
        ASSERT_TRUE(viewed.stepIteration());
        (void)viewed.snapshot();
        if (viewed.trialsCompleted() == 25 && viewed.betweenTrials() && !mark)
            mark = viewed.snapshot();
    }
    // Back on the timeline to trial 25 and on again: the task rewinds with the simulation.
    ASSERT_TRUE(viewed.restore(*mark));
    ASSERT_TRUE(viewed.stepTrials(trials - 25));

    LockstepPair pair(net, BpConfig{config.pc.alpha}, config.pc);
    auto c = std::make_shared<ChoiceTask>(config.task, seed);
    auto d = std::make_shared<ChoiceTask>(config.task, seed);
    pair.bp().setTrialProvider(ChoiceTask::provider(d));
    pair.pc().setTrialProvider(ChoiceTask::provider(c));
    while (pair.pc().trialsCompleted() < trials)
        ASSERT_TRUE(pair.stepIteration());

    for (const auto* other : {b.get(), c.get()}) {
        ASSERT_EQ(other->history().size(), a->history().size());
        for (size_t k = 0; k < a->history().size(); ++k) {
            EXPECT_EQ(other->history()[k].choice, a->history()[k].choice) << k;
            EXPECT_EQ(other->history()[k].reward, a->history()[k].reward) << k;
            EXPECT_EQ(other->history()[k].values, a->history()[k].values) << k;
        }
    }
    EXPECT_EQ(viewed.network().weight(2), headless.network().weight(2));
    EXPECT_EQ(pair.pc().network().weight(2), headless.network().weight(2));
    // BP sees different values, so it may choose differently, but it draws from the same
    // stream: replaying the seed's numbers on BP's own values gives BP's history.
    expectDrawnFromStream(d->history(), seed, config.task, trials);
    bool valuesDiffer = false;
    for (size_t k = 0; k < a->history().size(); ++k)
        valuesDiffer = valuesDiffer || d->history()[k].values != a->history()[k].values;
    EXPECT_TRUE(valuesDiffer);  // BP is not PC replayed
}

TEST(Determinism, LearningExperimentsRepeatPerSeed) {
    ex::ReversalConfig r;
    r.trials = 30;
    const auto a = ex::reversalRun(Rule::PC, 3, r).rows, b = ex::reversalRun(Rule::PC, 3, r).rows;
    const auto c = ex::reversalRun(Rule::PC, 4, r).rows;
    ASSERT_EQ(a.size(), 30u);
    bool differs = false;
    for (size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].choice, b[k].choice);
        EXPECT_EQ(a[k].values, b[k].values);
        differs = differs || a[k].values != c[k].values;
    }
    EXPECT_TRUE(differs);

    ex::SensorimotorConfig s;
    s.trainingBlocks = 2;
    s.testBlocks = 1;
    const auto x = ex::sensorimotorRun(Rule::PC, 1, s).rows,
               y = ex::sensorimotorRun(Rule::PC, 1, s).rows;
    ASSERT_EQ(x.size(), 4u);
    for (size_t k = 0; k < x.size(); ++k) {
        EXPECT_EQ(x[k].group, y[k].group);
        EXPECT_EQ(x[k].adaptation, y[k].adaptation);
    }

    ex::ErraticConfig e;
    e.width = 6;
    e.trials = 5;
    e.pc.iterations = 20;
    const auto p = ex::erraticRun(Rule::PC, 0.5, 2, e), q = ex::erraticRun(Rule::PC, 0.5, 2, e);
    EXPECT_EQ(p.length.path, q.length.path);
    EXPECT_EQ(p.length.finalDistance, q.length.finalDistance);
    EXPECT_GT(p.length.finalDistance, 0.0);
    EXPECT_GE(p.length.path, p.length.finalDistance);  // the triangle inequality
}

TEST(ChoiceTask, PunishOutcomesPairEachPunishedTrialWithTheNext) {
    std::vector<ChoiceRecord> h(3);
    for (int k = 0; k < 3; ++k) {
        h[k].trial = k;
        h[k].values = Vector::Constant(2, 0.1 * k);
        h[k].values(1) = -0.1 * k;
    }
    h[0].punished = true;  // choice 0 then 1: a switch
    h[1].choice = 1;
    h[2].punished = true;  // the last trial has no next one
    const auto out = ex::punishOutcomes(h);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_TRUE(out[0].switched);
    EXPECT_EQ(out[0].valueAtPunish, 0.0);
    EXPECT_DOUBLE_EQ(out[0].valueNextTrial, -0.1);
    // Trial 0 chose option 0 (0 -> 0.1); the other option went 0 -> -0.1.
    EXPECT_DOUBLE_EQ(out[0].chosenChange, 0.1);
    EXPECT_DOUBLE_EQ(out[0].otherChange, -0.1);
}

// The window plays a closed-loop task for hours: a task that kept a record of every trial grew
// by about 180 bytes a trial. Without records the task is a few numbers, and a simulation
// restored from a snapshot still gets the same trials (the snapshot carries the task's state).
TEST(ChoiceTask, WithoutRecordsItKeepsNothingPerTrialAndStillRewinds) {
    const ex::ReversalConfig config;
    const Network net(ex::reversalSpec(config), 9);
    const std::uint64_t seed = ChoiceTask::seedFor(9);
    const int trials = 400;

    Simulation headless(net, config.pc);
    auto a = std::make_shared<ChoiceTask>(config.task, seed);
    headless.setTrialProvider(ChoiceTask::provider(a));
    ASSERT_TRUE(headless.stepTrials(trials));

    Simulation viewed(net, config.pc);
    auto b = std::make_shared<ChoiceTask>(config.task, seed, ChoiceTask::Records::Drop);
    ChoiceTask::attach(b, viewed);
    std::shared_ptr<const Snapshot> betweenTrials, midTrial;
    while (viewed.trialsCompleted() < trials) {
        ASSERT_TRUE(viewed.stepIteration());
        if (viewed.trialsCompleted() == 125 && viewed.betweenTrials() && !betweenTrials)
            betweenTrials = viewed.snapshot();
        if (viewed.trialsCompleted() == 250 && !viewed.betweenTrials() && !midTrial)
            midTrial = viewed.snapshot();
    }
    EXPECT_TRUE(b->history().empty());
    EXPECT_EQ(b->trialsMade(), trials);
    EXPECT_EQ(viewed.network().weight(2), headless.network().weight(2));
    // Back to trial 125, then to the middle of trial 251, and on to the end each time.
    for (const auto& mark : {betweenTrials, midTrial}) {
        ASSERT_TRUE(mark && mark->providerState);
        ASSERT_TRUE(viewed.restore(*mark));
        ASSERT_TRUE(viewed.stepTrials(trials - viewed.trialsCompleted()));
        EXPECT_EQ(b->trialsMade(), trials);
        EXPECT_EQ(viewed.network().weight(2), headless.network().weight(2));
        EXPECT_EQ(viewed.network().weight(1), headless.network().weight(1));
    }
    EXPECT_TRUE(b->history().empty());
}
