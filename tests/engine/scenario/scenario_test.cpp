#include <gtest/gtest.h>

#include <cmath>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/core/random.h"
#include "engine/experiments/learningexperiments.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "tempdir.h"

using namespace engine;

namespace {

/// A scenario that uses every feature of the format.
Scenario richScenario() {
    Scenario s;
    s.name = "rich";
    s.title = "Every field";
    s.lesson = plainLesson("Line one.\nLine \"two\" with unicode: \u03b1.");
    s.seed = 18446744073709551615ULL;
    s.spec = NetworkSpec::layered({3, 4, 2, 2}, Activation::Tanh, Initialiser::xavierNormal(0.7));
    s.spec.activations[2] = Activation::LeakyRelu;
    s.spec.weight(1).bias = true;
    s.spec.weight(2).init = Initialiser::absNormal(0.1, 0.01);
    s.spec.weight(2).learningRate = 0.025;
    s.spec.weight(2).mask = Matrix::Ones(2, 4);
    s.spec.weight(2).mask(1, 3) = 0.0;
    Matrix w(2, 2);
    w << 0.1, -1.0 / 3.0, 1e-300, 1.2345678;
    s.spec.weight(3).init = Initialiser::explicitWeights(w);
    s.spec.weight(3).trainable = false;
    s.spec.weight(3).bias = true;
    s.spec.weight(3).initialBias = Vector::Constant(2, -0.5);
    s.inputNames = {"a", "b"};
    s.outputNames = {"left", "right"};
    Vector in(3), out(2);
    in << 1.0, 0.0, -2.5;
    out << 0.3, 0.7;
    s.trials.push_back(Trial::single(in, out));
    Trial partial = Trial::single(in * 0.5, out);
    partial.mask = Matrix::Ones(2, 1);
    partial.mask(0, 0) = 0.0;
    partial.target(0, 0) = std::numeric_limits<double>::quiet_NaN();
    s.trials.push_back(partial);
    s.order = TrialOrder::Random;
    s.bp = BpConfig{0.05};
    s.pc = PcConfig{0.07, 33, 0.2, 0.9};
    s.view.energyMachine = true;
    s.view.plot = "weights";
    s.view.showBp = false;
    return s;
}

/// Runs both rules `trials` trials from the scenario; the final weights of BP then PC.
std::vector<Matrix> runWeights(const Scenario& s, int trials) {
    std::vector<Matrix> out;
    const Network net = s.network();
    Simulation bp(net, s.bp), pc(net, s.pc);
    for (Simulation* sim : {&bp, &pc}) {
        s.applyTrials(*sim);
        EXPECT_TRUE(sim->stepTrials(trials)) << sim->problem();
        for (Index l = 1; l <= net.depth(); ++l)
            out.push_back(sim->network().weight(l));
    }
    return out;
}

std::string readText(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST(ScenarioFile, EveryPresetRoundTripsExactlyAndRunsTheSame) {
    for (const Scenario& p : presets()) {
        const std::string text = scenarioToJson(p);
        const ScenarioResult back = parseScenario(text, "memory");
        ASSERT_TRUE(back.scenario) << back.error;
        EXPECT_TRUE(sameScenario(p, *back.scenario)) << p.name;
        EXPECT_EQ(scenarioToJson(*back.scenario), text) << p.name;
        EXPECT_EQ(runWeights(p, 4), runWeights(*back.scenario, 4)) << p.name;
    }
}

TEST(ScenarioFile, EveryFieldRoundTrips) {
    const Scenario s = richScenario();
    ASSERT_TRUE(s.validate().empty()) << s.validate().front();
    const ScenarioResult back = parseScenario(scenarioToJson(s), "memory");
    ASSERT_TRUE(back.scenario) << back.error;
    EXPECT_TRUE(sameScenario(s, *back.scenario));
    EXPECT_EQ(back.scenario->spec.weight(3).init.weights(0, 1), -1.0 / 3.0);
    EXPECT_EQ(back.scenario->spec.weight(3).init.weights(1, 0), 1e-300);
    EXPECT_EQ(back.scenario->trials[1].mask(0, 0), 0.0);
    EXPECT_EQ(back.scenario->seed, 18446744073709551615ULL);
    EXPECT_EQ(runWeights(s, 6), runWeights(*back.scenario, 6));
}

// Found by fuzz_scenario: a number that underflows to -0 (here "-1e-99999" in a target) was
// written as "-0", which reads back as the integer 0, without its sign.
TEST(ScenarioFile, MinusZeroRoundTripsWithItsSign) {
    Scenario s = *findPreset("bear");
    s.trials[0].target(0, 0) = -0.0;
    s.trials[0].input(0, 0) = -0.0;
    const std::string text = scenarioToJson(s);
    const ScenarioResult back = parseScenario(text, "memory");
    ASSERT_TRUE(back.scenario) << back.error;
    EXPECT_TRUE(std::signbit(back.scenario->trials[0].target(0, 0)));
    EXPECT_TRUE(std::signbit(back.scenario->trials[0].input(0, 0)));
    EXPECT_TRUE(sameScenario(s, *back.scenario));
    std::string underflow = text;
    const auto at = underflow.find("-0.0");
    ASSERT_NE(at, std::string::npos) << text;
    underflow.replace(at, 4, "-1e-99999");
    const ScenarioResult read = parseScenario(underflow, "memory");
    ASSERT_TRUE(read.scenario) << read.error;
    const ScenarioResult again = parseScenario(scenarioToJson(*read.scenario), "again");
    ASSERT_TRUE(again.scenario) << again.error;
    EXPECT_TRUE(sameScenario(*read.scenario, *again.scenario));
}

TEST(ScenarioFile, SameScenarioNoticesEveryKindOfChange) {
    const Scenario s = richScenario();
    std::vector<std::function<void(Scenario&)>> changes = {
        [](Scenario& x) { x.seed = 1; },
        [](Scenario& x) { x.title += "!"; },
        [](Scenario& x) { x.spec.weight(3).init.weights(0, 0) = std::nextafter(0.1, 1.0); },
        [](Scenario& x) { x.spec.weight(2).mask(1, 3) = 1.0; },
        [](Scenario& x) { x.spec.weight(2).learningRate.reset(); },
        [](Scenario& x) { x.spec.activations[1] = Activation::Sigmoid; },
        [](Scenario& x) { x.trials[0].target(1, 0) = 0.71; },
        [](Scenario& x) { x.trials[1].mask.resize(0, 0); },
        [](Scenario& x) { x.order = TrialOrder::Cycle; },
        [](Scenario& x) { x.pc.iterations = 34; },
        [](Scenario& x) { x.view.showBp = true; },
        [](Scenario& x) { x.outputNames[1] = "up"; },
    };
    EXPECT_TRUE(sameScenario(s, s));
    for (size_t i = 0; i < changes.size(); ++i) {
        Scenario changed = s;
        changes[i](changed);
        EXPECT_FALSE(sameScenario(s, changed)) << "change " << i;
    }
}

TEST(ScenarioFile, MalformedFilesNameTheFileTheFieldAndTheProblem) {
    const std::filesystem::path dir = PROSPECT_SCENARIO_TEST_DIR "/bad";
    std::map<std::string, std::string> expected;
    std::istringstream manifest(readText(dir / "expected.txt"));
    for (std::string line; std::getline(manifest, line);) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        expected[line.substr(0, tab)] = line.substr(tab + 1);
    }
    std::set<std::string> seen;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json")
            continue;
        seen.insert(name);
        ASSERT_TRUE(expected.count(name)) << name << " has no expected message in expected.txt";
        const ScenarioResult r = readScenarioFile(entry.path().string());
        EXPECT_FALSE(r.scenario) << name;
        EXPECT_EQ(r.error.rfind(entry.path().string() + ": ", 0), 0u) << r.error;
        EXPECT_NE(r.error.find(expected[name]), std::string::npos)
            << name << "\n  message: " << r.error << "\n  expected to contain: " << expected[name];
    }
    EXPECT_EQ(seen.size(), expected.size()) << "a file listed in expected.txt is missing";
    EXPECT_GE(seen.size(), 30u);
}

TEST(ScenarioFile, MissingFileAndOversizedFileAreReported) {
    const ScenarioResult missing = readScenarioFile("/no/such/dir/x.json");
    EXPECT_FALSE(missing.scenario);
    EXPECT_NE(missing.error.find("/no/such/dir/x.json: cannot open the file"), std::string::npos);
    const TempDir dir;
    const std::string big = dir.file("big.json");
    {
        std::ofstream out(big, std::ios::binary);
        out << std::string(MaxScenarioFileBytes + 10, ' ');
    }
    const ScenarioResult r = readScenarioFile(big);
    EXPECT_FALSE(r.scenario);
    EXPECT_NE(r.error.find("larger than 16 MiB"), std::string::npos) << r.error;
}

// Mutation fuzzing: random damage to every bundled file must give either a valid scenario or a
// message naming the source, never a crash, an exception or an invalid scenario.
TEST(ScenarioFile, RandomlyDamagedFilesNeverCrashTheReader) {
    Random rng(20261128);
    const std::string junk = "{}[],:\"0123456789.-+eEtrufalsn \n\\";
    int accepted = 0, rejected = 0;
    for (const BundledScenario& file : bundledScenarios()) {
        const std::string original(file.text);
        for (int k = 0; k < 1500; ++k) {
            std::string text = original;
            const int edits = 1 + static_cast<int>(rng.below(4));
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const size_t at = rng.below(text.size());
                switch (rng.below(6)) {
                    case 0:  // replace a character
                        text[at] = junk[rng.below(junk.size())];
                        break;
                    case 1:  // delete a run
                        text.erase(at, 1 + rng.below(20));
                        break;
                    case 2:  // insert junk
                        text.insert(at, 1, junk[rng.below(junk.size())]);
                        break;
                    case 3:  // truncate
                        text.resize(at);
                        break;
                    case 4:  // an absurd number
                        text.insert(at, rng.below(2) ? "1e308" : "-99999999999999999999");
                        break;
                    default:  // duplicate a run elsewhere
                        text.insert(rng.below(text.size() + 1), text.substr(at, 1 + rng.below(40)));
                        break;
                }
            }
            ScenarioResult r;
            ASSERT_NO_THROW(r = parseScenario(text, "fuzz"));
            if (r.scenario) {
                ++accepted;
                ASSERT_TRUE(r.scenario->validate().empty()) << text;
                // An accepted scenario also runs without crashing (it may diverge: that is a
                // status, not a crash).
                const Network net = r.scenario->network();
                Simulation sim(net, PcConfig{r.scenario->pc.alpha, 4, r.scenario->pc.gamma0,
                                             r.scenario->pc.discount});
                r.scenario->applyTrials(sim);
                sim.stepTrial();
            } else {
                ++rejected;
                ASSERT_EQ(r.error.rfind("fuzz: ", 0), 0u) << r.error;
                ASSERT_EQ(r.error.find("json.exception"), std::string::npos) << r.error;
            }
        }
    }
    EXPECT_GT(accepted, 100);
    EXPECT_GT(rejected, 1000);
}

TEST(Scenario, RandomOrderIsAPureFunctionOfSeedAndTrialAndCoversTheList) {
    Scenario s = richScenario();
    Vector in = Vector::Zero(3), out = Vector::Zero(2);
    s.trials.assign(5, Trial::single(in, out));
    std::vector<int> counts(5, 0);
    std::vector<size_t> picks;
    for (int k = 0; k < 1000; ++k) {
        picks.push_back(s.trialIndex(k));
        ++counts[s.trialIndex(k)];
    }
    for (int c : counts)
        EXPECT_GT(c, 150);  // about 200 each
    for (int k = 999; k >= 0; --k)
        EXPECT_EQ(s.trialIndex(k), picks[static_cast<size_t>(k)]);
    Scenario other = s;
    other.seed = 7;
    int same = 0;
    for (int k = 0; k < 1000; ++k)
        same += other.trialIndex(k) == picks[static_cast<size_t>(k)];
    EXPECT_LT(same, 300);
    s.order = TrialOrder::Cycle;
    for (int k = 0; k < 12; ++k)
        EXPECT_EQ(s.trialIndex(k), static_cast<size_t>(k % 5));
}

TEST(Scenario, CapsAreSaidInTheMessage) {
    Scenario s = *findPreset("bear");
    s.spec = NetworkSpec::layered({101, 100}, Activation::Identity, Initialiser::constant(0.0));
    Vector in = Vector::Zero(101), out = Vector::Zero(100);
    s.trials = {Trial::single(in, out)};
    const auto problems = s.validate();
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].find("10100 synapses (a scenario may have at most 10000)"),
              std::string::npos);
}

TEST(Scenario, ExplicitWeightsAreTheDrawnOnes) {
    const Scenario& p = *findPreset("deep-tanh");
    const Scenario e = withExplicitWeights(p);
    const Network a = p.network(), b = e.network();
    for (Index l = 1; l <= a.depth(); ++l) {
        EXPECT_EQ(e.spec.weight(l).init.kind, Initialiser::Kind::Explicit);
        EXPECT_EQ(a.weight(l), b.weight(l));
    }
}

// The learning presets are the experiments' protocols: running the scenario gives exactly what
// the experiment functions give for seed 0.
TEST(LearningPresets, FearConditioningIsTheExtinctionGroupsProtocol) {
    const Scenario& s = *findPreset("fear-conditioning");
    ASSERT_EQ(s.order, TrialOrder::Once);
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const Network net = s.network();
        Simulation sim = rule == Rule::PC ? Simulation(net, s.pc) : Simulation(net, s.bp);
        s.applyTrials(sim);
        ASSERT_TRUE(sim.stepTrials(64));
        ASSERT_TRUE(sim.stepTrial());  // the test trial: noise alone, no target
        EXPECT_EQ(s.labelAt(64), "test: noise alone");
        EXPECT_FALSE(sim.stepTrial());  // played once: over
        EXPECT_EQ(sim.status(), Status::Ok);
        const auto expected = experiments::fearConditioningRun(
            rule, experiments::FearGroup::LightNoiseExtinction, 0, experiments::FearConfig{});
        EXPECT_EQ(sim.prediction()(0, 0), expected.fearToNoise) << ruleName(rule);
    }
}

TEST(LearningPresets, ReversalLearningIsTheClosedLoopTask) {
    const Scenario& s = *findPreset("reversal-learning");
    ASSERT_TRUE(s.task.has_value());
    for (Rule rule : {Rule::BP, Rule::PC}) {
        Simulation sim =
            rule == Rule::PC ? Simulation(s.network(), s.pc) : Simulation(s.network(), s.bp);
        s.applyTrials(sim);
        // The lab starts both rules from one network: the preset has PC's weight spread, and
        // gives BP the experiment's run from that spread (the experiment starts BP from 0.1).
        experiments::ReversalConfig config;
        ASSERT_EQ(s.spec.weight(1).init.std, config.pcInitStd);
        config.bpInitStd = config.pcInitStd;
        const auto expected = experiments::reversalRun(rule, 0, config);
        ASSERT_EQ(expected.rows.size(), 128u);
        for (const ChoiceRecord& row : expected.rows) {
            ASSERT_TRUE(sim.stepTrial());
            EXPECT_EQ(Vector(sim.prediction().col(0)), row.values) << row.trial;
            // Only the chosen output is supervised.
            EXPECT_EQ(sim.targetMask()(row.choice, 0), 1.0);
            EXPECT_EQ(sim.targetMask()(1 - row.choice, 0), 0.0);
        }
    }
}

TEST(LearningPresets, SensorimotorAndErraticRunAndRoundTrip) {
    for (const char* name : {"sensorimotor-transfer", "erratic"}) {
        const Scenario& s = *findPreset(name);
        const ScenarioResult back = parseScenario(scenarioToJson(s), name);
        ASSERT_TRUE(back.scenario) << back.error;
        EXPECT_TRUE(sameScenario(s, *back.scenario));
        Simulation sim(s.network(), s.pc);
        s.applyTrials(sim);
        EXPECT_TRUE(sim.stepTrials(20)) << name;
    }
    // The sensorimotor preset is the experiment's session for seed 0 with the shared setting
    // (the lab runs both rules from one network): same initial network, same trials in the
    // same order, channel trials and the washout played again in place of the training
    // triplets included.
    const Scenario& sm = *findPreset("sensorimotor-transfer");
    experiments::SensorimotorConfig config;
    config.sharedSetting = true;
    const Protocol protocol = experiments::sensorimotorProtocol(0, config);
    ASSERT_EQ(sm.trials.size(), size_t(protocol.trialCount()));
    ASSERT_EQ(sm.order, TrialOrder::Once);
    size_t k = 0;
    for (const ProtocolPhase& phase : protocol.phases)
        for (const Trial& t : phase.trials) {
            EXPECT_EQ(sm.trials[k].input, t.input) << k;
            EXPECT_EQ(sm.trials[k].target, t.target) << k;
            EXPECT_EQ(sm.trials[k].mask.size(), t.mask.size()) << k;
            ++k;
        }
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const Network expected(experiments::sensorimotorSpec(rule, config), 0);
        const Network preset = sm.network();
        for (int l = 1; l <= 2; ++l) {
            EXPECT_EQ(preset.weight(l), expected.weight(l)) << l;
            EXPECT_EQ(preset.spec().weight(l).learningRate, expected.spec().weight(l).learningRate);
        }
    }
}
