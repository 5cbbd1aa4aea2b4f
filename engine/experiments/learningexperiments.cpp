#include "engine/experiments/learningexperiments.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include "engine/core/random.h"

namespace engine::experiments {

namespace {

constexpr Scalar NaN = std::numeric_limits<Scalar>::quiet_NaN();

Trial makeTrial(std::initializer_list<Scalar> input, std::initializer_list<Scalar> target) {
    Trial t;
    t.input.resize(static_cast<Index>(input.size()), 1);
    t.target.resize(static_cast<Index>(target.size()), 1);
    Index i = 0;
    for (Scalar v : input)
        t.input(i++, 0) = v;
    i = 0;
    for (Scalar v : target)
        t.target(i++, 0) = v;
    return t;
}

/// Runs a simulation through its whole protocol; false when it stopped on a problem.
bool runProtocol(Simulation& sim) {
    while (!sim.protocolFinished())
        if (!sim.stepTrial())
            return false;
    return true;
}

/// Shuffles v with Fisher-Yates on our own generator (std::shuffle differs between libraries).
template <typename T>
void shuffle(std::vector<T>& v, Random& rng) {
    for (size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[static_cast<size_t>(rng.below(i))]);
}

}  // namespace

Simulation makeSimulation(Rule rule, const Network& net, const PcConfig& pc) {
    if (rule == Rule::BP)
        return Simulation(net, BpConfig{pc.alpha});
    return Simulation(net, pc);
}

// ---- fear conditioning --------------------------------------------------------------------------

const char* fearGroupName(FearGroup group) {
    switch (group) {
        case FearGroup::Noise:
            return "N+";
        case FearGroup::LightNoise:
            return "LN+";
        case FearGroup::LightNoiseExtinction:
            return "LN+L-";
    }
    return "N+";
}

NetworkSpec fearSpec(const FearConfig& config) {
    NetworkSpec spec =
        NetworkSpec::layered({2, 2, 1}, Activation::Identity, Initialiser::constant(1.0));
    // Perception: hidden_L = p_L L, hidden_N = p_N N (one hidden unit per stimulus).
    spec.weight(1).mask = Matrix::Identity(2, 2);
    spec.weight(1).learningRates = Matrix::Constant(2, 2, config.lrPerception);
    // Fear = m_L hidden_L + m_N hidden_N, each m with its own learning rate.
    spec.weight(2).init = Initialiser::absNormal(config.initMean, config.initStd);
    Matrix rates(1, 2);
    rates << config.lrLight, config.lrNoise;
    spec.weight(2).learningRates = rates;
    return spec;
}

Protocol fearProtocol(FearGroup group, const FearConfig& config) {
    const bool light = group != FearGroup::Noise;
    ProtocolPhase conditioning{
        "conditioning", {makeTrial({light ? 1.0 : 0.0, 1.0}, {1.0})}, config.trialsPerPhase};
    const bool extinction = group == FearGroup::LightNoiseExtinction;
    ProtocolPhase second{extinction ? "extinction" : "no stimulus",
                         {makeTrial({extinction ? 1.0 : 0.0, 0.0}, {0.0})},
                         config.trialsPerPhase};
    return Protocol{{conditioning, second}};
}

FearResult fearConditioningRun(Rule rule, FearGroup group, std::uint64_t seed,
                               const FearConfig& config) {
    const Network net(fearSpec(config), seed);
    Simulation sim = makeSimulation(rule, net, config.pc);
    [[maybe_unused]] const auto problems = sim.setProtocol(fearProtocol(group, config));
    assert(problems.empty());
    if (!runProtocol(sim))
        return {NaN, sim.problem()};
    Vector noise(2);
    noise << 0.0, 1.0;
    return {sim.network().predict(noise)(0, 0), {}};
}

// ---- reversal learning --------------------------------------------------------------------------

NetworkSpec reversalSpec(Rule rule, const ReversalConfig& config) {
    return NetworkSpec::layered({1, 1, 2}, Activation::Identity,
                                Initialiser::normal(0.0, config.initStd(rule)));
}

Observations<ChoiceRecord> reversalRun(Rule rule, std::uint64_t seed,
                                       const ReversalConfig& config) {
    const Network net(reversalSpec(rule, config), seed);
    Simulation sim = makeSimulation(rule, net, config.pc);
    auto task = std::make_shared<ChoiceTask>(config.task, ChoiceTask::seedFor(seed));
    sim.setTrialProvider(ChoiceTask::provider(task));
    sim.stepTrials(config.trials);
    std::vector<ChoiceRecord> rows = task->history();
    // A trial that diverged was asked for but did not finish.
    rows.resize(static_cast<size_t>(
        std::min<std::int64_t>(sim.trialsCompleted(), static_cast<std::int64_t>(rows.size()))));
    return {std::move(rows), sim.problem()};
}

std::string reversalRunStreaming(Rule rule, std::uint64_t seed, const ReversalConfig& config,
                                 const std::function<void(const ChoiceRecord&)>& onTrial) {
    const Network net(reversalSpec(rule, config), seed);
    Simulation sim = makeSimulation(rule, net, config.pc);
    auto task = std::make_shared<ChoiceTask>(config.task, ChoiceTask::seedFor(seed));
    sim.setTrialProvider(ChoiceTask::provider(task));
    constexpr std::int64_t Piece = 4096;  // trials stepped between hand-overs
    std::int64_t handed = 0;
    for (std::int64_t stepped = 0; stepped < config.trials && sim.problem().empty();) {
        const std::int64_t piece = std::min<std::int64_t>(Piece, config.trials - stepped);
        sim.stepTrials(piece);
        stepped += piece;
        // A trial that diverged was asked for but did not finish.
        for (const ChoiceRecord& r : task->takeRecords())
            if (handed < sim.trialsCompleted()) {
                onTrial(r);
                ++handed;
            }
    }
    return sim.problem();
}

std::vector<PunishOutcome> punishOutcomes(const std::vector<ChoiceRecord>& history) {
    std::vector<PunishOutcome> out;
    for (size_t k = 0; k + 1 < history.size(); ++k) {
        const ChoiceRecord& r = history[k];
        if (!r.punished)
            continue;
        const ChoiceRecord& next = history[k + 1];
        PunishOutcome p{
            r.trial, next.choice != r.choice, r.values(r.choice), next.values(next.choice), NaN,
            NaN};
        if (r.values.size() == 2 && next.values.size() == 2) {
            const Index c = r.choice, other = 1 - r.choice;
            p.chosenChange = next.values(c) - r.values(c);
            p.otherChange = next.values(other) - r.values(other);
        }
        out.push_back(p);
    }
    return out;
}

// ---- sensorimotor learning ----------------------------------------------------------------------

std::string ExposureGroup::name() const {
    return std::to_string(cue) + (field > 0 ? "+" : "-");
}

std::vector<ExposureGroup> exposureGroups() {
    return {{1, 1}, {2, 1}, {1, -1}, {2, -1}};
}

NetworkSpec sensorimotorSpec(Rule rule, const SensorimotorConfig& config) {
    const SensorimotorRuleSetting& setting = config.setting(rule);
    NetworkSpec spec = NetworkSpec::layered({2, 2, 2}, Activation::Identity,
                                            Initialiser::normal(0.0, setting.initStd));
    spec.weight(1).mask = Matrix::Identity(2, 2);  // hidden unit i sees only cue i
    spec.weight(1).learningRate = setting.lr;
    spec.weight(2).learningRate = setting.memoryLr;
    return spec;
}

namespace {

/// Cue c (1 or 2) one-hot; field +1 = P+ (1, 0), -1 = P- (0, 1), 0 = null field (0, 0).
Trial fieldTrial(int cue, int field) {
    return makeTrial({cue == 1 ? 1.0 : 0.0, cue == 2 ? 1.0 : 0.0},
                     {field > 0 ? 1.0 : 0.0, field < 0 ? 1.0 : 0.0});
}

/// A channel trial: the channel clamps the movement, so the hand feels no perturbation; like a
/// null-field trial it is supervised toward no force (0, 0), as in the paper's simulation. Its
/// prediction (the force pressed into the channel, read before it teaches) is the measurement.
Trial channelTrial(int cue) {
    return fieldTrial(cue, 0);
}

/// Draws counts without replacement from a set and refills it when empty.
class CountBag {
public:
    explicit CountBag(std::vector<int> counts) : m_all(std::move(counts)), m_left(m_all) {}
    int draw(Random& rng) {
        if (m_left.empty())
            m_left = m_all;
        const size_t k = static_cast<size_t>(rng.below(m_left.size()));
        const int n = m_left[k];
        m_left.erase(m_left.begin() + static_cast<std::ptrdiff_t>(k));
        return n;
    }

private:
    std::vector<int> m_all, m_left;
};

/// n null-field trials, half with each cue, in random order.
ProtocolPhase washout(int n, Random& rng) {
    ProtocolPhase p{"washout", {}, 1};
    for (int k = 0; k < n; ++k)
        p.trials.push_back(fieldTrial(k % 2 == 0 ? 1 : 2, 0));
    shuffle(p.trials, rng);
    return p;
}

ProtocolPhase triplet(const std::string& name, const ExposureGroup& g) {
    return {name, {channelTrial(1), fieldTrial(g.cue, g.field), channelTrial(1)}, 1};
}

/// A training block's triplet: the triplet itself when `present`, else what the authors' loop
/// plays in its place, the washout block just played (the data loader it still holds) once more,
/// reshuffled.
ProtocolPhase trainingTriplet(const ExposureGroup& g, const ProtocolPhase& washoutBefore,
                              bool present, Random& rng) {
    if (present)
        return triplet("training triplet", g);
    ProtocolPhase again = washoutBefore;
    again.name = "washout again";
    shuffle(again.trials, rng);
    return again;
}

}  // namespace

Protocol sensorimotorProtocol(std::uint64_t seed, const SensorimotorConfig& config) {
    // The design of Heald et al. (2021) as the paper simulates it. Training: cue 1 goes with P+
    // and cue 2 with P-. Each block: 2 channel trials (cues 1 and 2, random order); 32 field
    // trials (4 of 1+ and 4 of 2- in random order, 4 times); 2 channel trials; 14/16/18 washout
    // trials; a triplet with exposure 1+ or 2-; 6/8/10 washout trials; a triplet with the other
    // (each triplet replaced by its washout block again unless config.trainingTriplets, see
    // trainingTriplet()). Test: every block has the four groups in random order, each after
    // 2/4/6 washout trials.
    Random rng(seed ^ 0x51A7E5EEDULL);
    Protocol protocol;
    CountBag longWashout({14, 16, 18}), shortWashout({6, 8, 10}), testWashout({2, 4, 6});
    const ExposureGroup plus1{1, 1}, minus2{2, -1};
    for (int b = 0; b < config.trainingBlocks; ++b) {
        ProtocolPhase channels{"channel", {channelTrial(1), channelTrial(2)}, 1};
        shuffle(channels.trials, rng);
        protocol.phases.push_back(channels);
        ProtocolPhase fields{"training", {}, 1};
        for (int q = 0; q < 4; ++q) {
            std::vector<Trial> eight;
            for (int k = 0; k < 4; ++k) {
                eight.push_back(fieldTrial(plus1.cue, plus1.field));
                eight.push_back(fieldTrial(minus2.cue, minus2.field));
            }
            shuffle(eight, rng);
            fields.trials.insert(fields.trials.end(), eight.begin(), eight.end());
        }
        protocol.phases.push_back(fields);
        shuffle(channels.trials, rng);
        protocol.phases.push_back(channels);
        const bool present = config.trainingTriplets;
        protocol.phases.push_back(washout(longWashout.draw(rng), rng));
        const bool plusFirst = rng.below(2) == 0;
        protocol.phases.push_back(
            trainingTriplet(plusFirst ? plus1 : minus2, protocol.phases.back(), present, rng));
        protocol.phases.push_back(washout(shortWashout.draw(rng), rng));
        protocol.phases.push_back(
            trainingTriplet(plusFirst ? minus2 : plus1, protocol.phases.back(), present, rng));
    }
    for (int b = 0; b < config.testBlocks; ++b) {
        std::vector<ExposureGroup> groups = exposureGroups();
        shuffle(groups, rng);
        for (const ExposureGroup& g : groups) {
            protocol.phases.push_back(washout(testWashout.draw(rng), rng));
            protocol.phases.push_back(triplet("test " + g.name(), g));
        }
    }
    return protocol;
}

Observations<AdaptationRow> sensorimotorRun(Rule rule, std::uint64_t seed,
                                            const SensorimotorConfig& config) {
    const Network net(sensorimotorSpec(rule, config), seed);
    Simulation sim = makeSimulation(rule, net, config.pc);
    Protocol protocol = sensorimotorProtocol(seed, config);
    // Which phases are test triplets, and of which group.
    std::vector<std::string> testGroup;
    for (const ProtocolPhase& p : protocol.phases)
        testGroup.push_back(p.name.rfind("test ", 0) == 0 ? p.name.substr(5) : std::string());
    [[maybe_unused]] const auto problems = sim.setProtocol(std::move(protocol));
    assert(problems.empty());

    Observations<AdaptationRow> out;
    std::vector<int> blockOf(4, 0);
    Matrix before;
    while (!sim.protocolFinished()) {
        const std::int64_t k = sim.trialsCompleted();
        const int phase = sim.protocol()->phaseOf(k);
        const std::int64_t within = k - sim.protocol()->firstTrialOf(phase);
        if (!sim.stepTrial()) {
            out.problem = sim.problem();
            break;
        }
        const std::string& group = testGroup[static_cast<size_t>(phase)];
        if (group.empty())
            continue;
        // prediction() is the feed-forward prediction at the start of the trial just run.
        if (within == 0) {
            before = sim.prediction();
        } else if (within == 2) {
            const Matrix delta = sim.prediction() - before;
            const bool plus = group.back() == '+';
            const Scalar a = plus ? delta(0, 0) - delta(1, 0) : delta(1, 0) - delta(0, 0);
            const int g = (group[0] == '2' ? 1 : 0) + (plus ? 0 : 2);
            out.rows.push_back({group, blockOf[static_cast<size_t>(g)]++, a});
        }
    }
    return out;
}

// ---- less erratic learning ----------------------------------------------------------------------

NetworkSpec erraticSpec(const ErraticConfig& config) {
    return NetworkSpec::layered({config.width, config.width, config.width, config.width},
                                Activation::Sigmoid, Initialiser::xavierNormal(1.0));
}

Trial erraticSample(std::uint64_t seed, const ErraticConfig& config) {
    Random rng(seed ^ 0x9E3779B97F4A7C15ULL);
    Trial sample;
    sample.input = rng.normalMatrix(config.width, 1, 0.0, config.sampleStd);
    sample.target = rng.normalMatrix(config.width, 1, 0.0, config.sampleStd);
    return sample;
}

PathResult erraticRun(Rule rule, Scalar alpha, std::uint64_t seed, const ErraticConfig& config) {
    const Network net(erraticSpec(config), seed);
    PcConfig pc = config.pc;
    pc.alpha = alpha;
    Simulation sim = makeSimulation(rule, net, pc);
    [[maybe_unused]] const auto problems = sim.setTrials({erraticSample(seed, config)});
    assert(problems.empty());
    // One tracker per weight matrix W^1..W^L: its path and final distance, averaged at the end.
    std::vector<PathTracker> trackers;
    for (Index l = 1; l <= net.depth(); ++l)
        trackers.emplace_back(sim.network().weight(l));
    for (int k = 0; k < config.trials; ++k) {
        if (!sim.stepTrial())
            return {{NaN, NaN}, sim.problem()};
        for (Index l = 1; l <= net.depth(); ++l)
            trackers[static_cast<size_t>(l - 1)].step(sim.network().weight(l));
    }
    std::vector<PathLength> perMatrix;
    for (const PathTracker& t : trackers)
        perMatrix.push_back(t.length());
    return {meanPathLength(perMatrix), {}};
}

}  // namespace engine::experiments
