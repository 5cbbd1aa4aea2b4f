// The machinery of the learning experiments (per-synapse learning rates, protocols, the
// closed-loop choice task) and the mechanisms behind items 7-10 of the science file.
#include <gtest/gtest.h>

#include <memory>

#include "engine/core/choicetask.h"
#include "engine/core/lockstep.h"
#include "engine/experiments/learningexperiments.h"
#include "engine/experiments/learningsummaries.h"

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
    Vector cue1(2), cue2(2), plus(2);
    cue1 << 1, 0;
    cue2 << 0, 1;
    plus << 1, 0;
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const Network net(ex::sensorimotorSpec(rule, config), 5);
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
    ASSERT_TRUE(p.validate(ex::sensorimotorSpec(Rule::PC, config)).empty());
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
    // 2 + 32 + 2 channel/field trials, 14-18 and 6-10 washout trials each played twice (the
    // second time in place of a training triplet); then per test triplet 2-6 washout + 3.
    EXPECT_GE(p.trialCount(), 36 + 2 * 14 + 2 * 6 + 8 * 5);
    EXPECT_LE(p.trialCount(), 36 + 2 * 18 + 2 * 10 + 8 * 9);

    // The whole training, so that cue 1 predicts P+ (from the small initial weights the sign
    // settles only after several blocks), with the shared setting: there every single same-cue
    // triplet adapts toward the field. (With the authors' PC fit only the mean over triplets
    // does: PC's single 1- triplets scatter around a small mean.)
    config.trainingBlocks = ex::SensorimotorConfig{}.trainingBlocks;
    config.sharedSetting = true;
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

TEST(Sensorimotor, EachRuleStartsFromTheAuthorsFitOrFromTheSharedSetting) {
    ex::SensorimotorConfig config;
    const std::pair<Rule, ex::SensorimotorRuleSetting> fits[] = {{Rule::PC, {0.1, 5e-5, 0.01}},
                                                                 {Rule::BP, {1e-5, 0.1, 0.001}}};
    for (bool shared : {false, true}) {
        config.sharedSetting = shared;
        for (const auto& [rule, fit] : fits) {
            const ex::SensorimotorRuleSetting want =
                shared ? ex::SensorimotorRuleSetting{0.001, 0.01, 0.01} : fit;
            const NetworkSpec spec = ex::sensorimotorSpec(rule, config);
            EXPECT_EQ(spec.weight(1).init.std, want.initStd) << ruleName(rule);
            EXPECT_EQ(spec.weight(2).init.std, want.initStd) << ruleName(rule);
            EXPECT_EQ(spec.weight(1).learningRate, want.lr) << ruleName(rule);
            EXPECT_EQ(spec.weight(2).learningRate, want.memoryLr) << ruleName(rule);
        }
    }
}

TEST(Sensorimotor, ThePapersSessionPlaysTheWashoutAgainInPlaceOfEachTrainingTriplet) {
    // The authors' training loop picks a triplet, then plays the washout block it still holds
    // once more: the same trials (half cue 1, half cue 2, no force), reshuffled.
    ex::SensorimotorConfig config;
    config.trainingBlocks = 3;
    config.testBlocks = 1;
    const Protocol paper = ex::sensorimotorProtocol(6, config);
    int replays = 0;
    for (size_t i = 0; i < paper.phases.size(); ++i) {
        const ProtocolPhase& phase = paper.phases[i];
        EXPECT_NE(phase.name, "training triplet");
        if (phase.name != "washout again")
            continue;
        ++replays;
        ASSERT_GT(i, 0u);
        const ProtocolPhase& before = paper.phases[i - 1];
        EXPECT_EQ(before.name, "washout");
        ASSERT_EQ(phase.trials.size(), before.trials.size());
        int cue1 = 0, cue1Before = 0;
        for (size_t k = 0; k < phase.trials.size(); ++k) {
            EXPECT_EQ(phase.trials[k].target, Matrix::Zero(2, 1));
            cue1 += phase.trials[k].input(0, 0) == 1.0;
            cue1Before += before.trials[k].input(0, 0) == 1.0;
        }
        EXPECT_EQ(cue1, cue1Before);
        EXPECT_EQ(2 * cue1, static_cast<int>(phase.trials.size()));
    }
    EXPECT_EQ(replays, 2 * config.trainingBlocks);

    // Prospect's protocol presents them: one 1+ and one 2- triplet per training block.
    config.trainingTriplets = true;
    const Protocol prospect = ex::sensorimotorProtocol(6, config);
    int triplets = 0, plus1 = 0;
    for (const ProtocolPhase& phase : prospect.phases) {
        EXPECT_NE(phase.name, "washout again");
        if (phase.name == "training triplet") {
            ++triplets;
            plus1 += phase.trials[1].input(0, 0) == 1.0 && phase.trials[1].target(0, 0) == 1.0;
        }
    }
    EXPECT_EQ(triplets, 2 * config.trainingBlocks);
    EXPECT_EQ(plus1, config.trainingBlocks);
}

TEST(Sensorimotor, WithBpsFitItsOtherCueAdaptationIsZeroAsInThePaper) {
    // The paper shows exactly 0 for BP's other-cue groups. The exposure adds nothing (see
    // InBpACue2ExposureAddsNothingToTheTriplet); what is left is the first channel trial's own
    // teaching, which the authors' measure includes (their channel trials learn "no force"
    // before the exposure) and which is proportional to BP's cue-1 prediction. From the authors'
    // BP fit (init std 1e-5) that prediction stays about 1e-6, and so does the residue relative
    // to the mean same-cue adaptation: 1.43e-6 over the default 24 seeds, hence the bound 2e-6,
    // not 1e-6. In the authors' float32 code the channel trial's weight changes are below the
    // weights' rounding, so their residue is exactly 0 (README). From the shared setting (init
    // std 0.001) it is about 4e-3.
    auto bpSummary = [](const ex::SensorimotorConfig& config) {
        std::vector<ex::SensorimotorJob> bp;
        for (ex::SensorimotorJob& j : ex::sensorimotorJobs(24))
            if (j.rule == Rule::BP) {
                ex::runSensorimotorJob(j, config);
                bp.push_back(j);
            }
        return ex::summariseSensorimotor(bp);
    };
    ex::SensorimotorConfig config;
    const ex::SensorimotorSummary fit = bpSummary(config);
    config.sharedSetting = true;
    const ex::SensorimotorSummary shared = bpSummary(config);
    for (char field : {'+', '-'}) {
        const std::string same = std::string("1") + field, other = std::string("2") + field;
        EXPECT_GT(fit.stats(Rule::BP, same).mean, 0.0) << field;
        EXPECT_LT(std::abs(fit.normalisedStats(Rule::BP, other).mean), 2e-6) << field;
        EXPECT_GT(std::abs(shared.normalisedStats(Rule::BP, other).mean), 1e-3) << field;
    }
}

TEST(Sensorimotor, InBpACue2ExposureAddsNothingToTheTriplet) {
    // From a trained state, a test triplet (channel, exposure with cue 2, channel) ends with the
    // same cue-1 prediction as the two channel trials alone: all of BP's other-cue "adaptation"
    // is the first channel trial's own teaching. PC's exposure changes it (transfer).
    ex::SensorimotorConfig config;
    config.trainingBlocks = 4;
    config.testBlocks = 0;
    Vector cue1(2), cue2(2), plus(2), minus(2);
    const Vector none = Vector::Zero(2);
    cue1 << 1, 0;
    cue2 << 0, 1;
    plus << 1, 0;
    minus << 0, 1;
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const Network net(ex::sensorimotorSpec(rule, config), 3);
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
    const Network net(ex::reversalSpec(Rule::PC, config), 2);
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

TEST(ChoiceTask, AReversalDoesNotClearTheStreakSoItCanReArmAtOnce) {
    // As in the authors' task: the last `reversalStreak` choices must all have been correct
    // (each under the contingency of its own trial); a reversal does not forget them. Streak 2,
    // reversal certain once armed: trials 0 and 1 choose option 0 (correct), so the task
    // reverses after trial 1; trial 2 chooses option 1, now correct: the third correct choice
    // in a row, which arms (and here makes) a reversal at once.
    ChoiceTaskConfig config;
    config.rewardProbabilities = {1.0, 0.0};
    config.reversalStreak = 2;
    config.reversalProbability = 1.0;
    config.inverseTemperature = 100.0;
    auto netPreferring = [](int option) {
        Matrix w2(2, 1);
        w2 << (option == 0 ? 1.0 : -1.0), (option == 0 ? -1.0 : 1.0);
        NetworkSpec spec =
            NetworkSpec::layered({1, 1, 2}, Activation::Identity, Initialiser::constant(1));
        spec.weight(2).init = Initialiser::explicitWeights(w2);
        return Network(spec, 0);
    };
    const Network zero = netPreferring(0), one = netPreferring(1);
    ChoiceTask task(config, 1);
    Trial t;
    task.makeTrial(0, zero, t);
    task.makeTrial(1, zero, t);
    task.makeTrial(2, one, t);
    const auto& h = task.history();
    EXPECT_TRUE(h[1].reversedAfter);
    EXPECT_EQ(h[2].choice, 1);
    EXPECT_EQ(h[2].correctOption, 1);
    EXPECT_EQ(h[2].streakAfter, 3);
    EXPECT_TRUE(h[2].reversedAfter);
    EXPECT_EQ(task.correctOption(), 0);
    // Rewinding to after trial 2 restores the streak too.
    task.rewind(2);
    task.makeTrial(2, one, t);
    EXPECT_TRUE(task.history()[2].reversedAfter);
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
        if (reversed) {  // the streak goes on (the authors' task)
            correct = 1 - correct;
            armed = false;
        }
    }
}

}  // namespace

TEST(ChoiceTask, ChoicesDoNotDependOnHowTheRunIsDriven) {
    // The same run stepped whole trials at a time (headless), micro-step by micro-step with
    // snapshots (as the window does), in lockstep with the other rule, and resumed from a
    // snapshot part-way: the task draws the same choices and rewards and the weights agree.
    const ex::ReversalConfig config;
    const Network net(ex::reversalSpec(Rule::PC, config), 9);
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

TEST(Erratic, PathLengthIsTheMeanOverTheWeightMatricesOfTheRun) {
    // The run, replayed here with its network and sample: each matrix's path and final
    // distance (weightPathLength), then the mean over the three matrices, as in the paper.
    ex::ErraticConfig config;
    config.width = 5;
    config.trials = 6;
    config.pc.iterations = 20;
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const std::uint64_t seed = 3;
        const ex::PathResult r = ex::erraticRun(rule, 0.5, seed, config);
        ASSERT_TRUE(r.problem.empty()) << r.problem;
        const Network net(ex::erraticSpec(config), seed);
        PcConfig pc = config.pc;
        pc.alpha = 0.5;
        Simulation sim = rule == Rule::PC ? Simulation(net, pc) : Simulation(net, BpConfig{0.5});
        ASSERT_TRUE(sim.setTrials({ex::erraticSample(seed, config)}).empty());
        std::vector<std::vector<Matrix>> trajectory(3);
        std::vector<Vector> flat{sim.network().flatParameters()};
        for (int k = 0; k <= config.trials; ++k) {
            if (k > 0) {
                ASSERT_TRUE(sim.stepTrial());
                flat.push_back(sim.network().flatParameters());
            }
            for (Index l = 1; l <= 3; ++l)
                trajectory[static_cast<size_t>(l - 1)].push_back(sim.network().weight(l));
        }
        double path = 0.0, final = 0.0;
        for (const auto& w : trajectory) {
            path += weightPathLength(w).path / 3.0;
            final += weightPathLength(w).finalDistance / 3.0;
        }
        EXPECT_NEAR(r.length.path, path, 1e-12 * path) << ruleName(rule);
        EXPECT_NEAR(r.length.finalDistance, final, 1e-12 * final) << ruleName(rule);
        // One norm over every weight flattened is a different number (the earlier measure).
        double flatPath = 0.0;
        for (size_t k = 1; k < flat.size(); ++k)
            flatPath += (flat[k] - flat[k - 1]).norm();
        EXPECT_GT(std::abs(flatPath - r.length.path), 0.1 * r.length.path) << ruleName(rule);
    }
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
    const Network net(ex::reversalSpec(Rule::PC, config), 9);
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
