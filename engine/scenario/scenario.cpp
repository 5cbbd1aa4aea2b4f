#include "engine/scenario/scenario.h"

#include <cassert>
#include <cstring>

#include "engine/core/protocol.h"
#include "engine/core/random.h"

namespace engine {

const char* trialOrderName(TrialOrder order) {
    switch (order) {
        case TrialOrder::Random:
            return "random";
        case TrialOrder::Once:
            return "once";
        case TrialOrder::Cycle:
            break;
    }
    return "cycle";
}

const std::vector<std::string>& plotTabNames() {
    static const std::vector<std::string> names = {"loss", "weights", "alignment", "landscape"};
    return names;
}

std::vector<std::string> Scenario::validate() const {
    std::vector<std::string> problems = spec.validate();
    if (!problems.empty())
        return problems;
    Index synapses = 0;
    for (Index l = 1; l <= spec.depth(); ++l)
        synapses += spec.sizes[static_cast<size_t>(l)] * spec.sizes[static_cast<size_t>(l - 1)];
    if (spec.depth() > MaxScenarioDepth)
        problems.push_back("too many layers: " + std::to_string(spec.depth()) +
                           " weight layers (a scenario may have at most " +
                           std::to_string(MaxScenarioDepth) + ")");
    for (size_t l = 0; l < spec.sizes.size(); ++l)
        if (spec.sizes[l] > MaxScenarioLayerSize)
            problems.push_back("layer " + std::to_string(l) + " has " +
                               std::to_string(spec.sizes[l]) +
                               " neurons (a scenario may have at most " +
                               std::to_string(MaxScenarioLayerSize) + " per layer)");
    if (synapses > MaxScenarioSynapses)
        problems.push_back("the network is too large: " + std::to_string(synapses) +
                           " synapses (a scenario may have at most " +
                           std::to_string(MaxScenarioSynapses) + ")");
    if (trials.empty())
        problems.push_back("a scenario needs at least one trial");
    if (trials.size() > MaxScenarioTrials)
        problems.push_back("too many trials: " + std::to_string(trials.size()) + " (at most " +
                           std::to_string(MaxScenarioTrials) + ")");
    for (size_t k = 0; k < trials.size() && problems.size() < 20; ++k) {
        for (const std::string& p : validateTrial(trials[k], spec))
            problems.push_back("trial " + std::to_string(k + 1) + ": " + p);
        if (trials[k].batchSize() != 1)
            problems.push_back("trial " + std::to_string(k + 1) + " has " +
                               std::to_string(trials[k].batchSize()) +
                               " samples; a scenario's trials are single samples");
    }
    if (!trialLabels.empty() && trialLabels.size() != trials.size())
        problems.push_back("there must be one label per trial (or none)");
    if (task)
        for (const std::string& p : task->validate(spec.sizes.front(), spec.sizes.back()))
            problems.push_back("task: " + p);
    for (const std::string& p : bp.validate())
        problems.push_back("BP: " + p);
    for (const std::string& p : pc.validate())
        problems.push_back("PC: " + p);
    return problems;
}

Network Scenario::network() const {
    assert(spec.validate().empty());
    return Network(spec, seed);
}

std::size_t Scenario::trialIndex(std::int64_t k) const {
    return pickTrial(order, seed, trials.size(), k);
}

std::size_t pickTrial(TrialOrder order, std::uint64_t seed, std::size_t size, std::int64_t k) {
    const auto n = static_cast<std::uint64_t>(size);
    if (n <= 1)
        return 0;
    if (order == TrialOrder::Once)
        return static_cast<std::size_t>(
            std::min<std::uint64_t>(static_cast<std::uint64_t>(k), n - 1));
    if (order == TrialOrder::Cycle)
        return static_cast<std::size_t>(static_cast<std::uint64_t>(k) % n);
    // A pure function of (seed, k), so a run restored at any trial picks the same trials.
    Random r(seed ^ (0x9E3779B97F4A7C15ULL * (static_cast<std::uint64_t>(k) + 1)));
    return static_cast<std::size_t>(r.below(n));
}

std::uint64_t Scenario::choiceTaskSeed() const {
    // The same stream as `prospect experiment reversal-learning` uses for this seed.
    return ChoiceTask::seedFor(seed);
}

std::string Scenario::labelAt(std::size_t k) const {
    for (std::size_t i = std::min(k + 1, trialLabels.size()); i-- > 0;)
        if (!trialLabels[i].empty())
            return trialLabels[i];
    return {};
}

void Scenario::applyTrials(Simulation& sim) const {
    if (task) {
        // No records: the window plays it for hours; snapshots keep the task's state.
        ChoiceTask::attach(
            std::make_shared<ChoiceTask>(*task, choiceTaskSeed(), ChoiceTask::Records::Drop), sim);
        return;
    }
    if (order == TrialOrder::Once) {
        Protocol protocol;
        protocol.phases.push_back(ProtocolPhase{"", trials, 1});
        const std::vector<std::string> problems = sim.setProtocol(std::move(protocol));
        assert(problems.empty());
        (void)problems;
        return;
    }
    if (order == TrialOrder::Cycle) {
        const std::vector<std::string> problems = sim.setTrials(trials);
        assert(problems.empty());
        (void)problems;
        return;
    }
    // The provider owns a copy: the simulation may outlive this scenario.
    auto self = std::make_shared<const Scenario>(*this);
    sim.setTrialProvider([self](std::int64_t k, const Network&, Trial& out) {
        out = self->trials[self->trialIndex(k)];
    });
}

namespace {

bool sameBits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           (a.size() == 0 ||
            std::memcmp(a.data(), b.data(), sizeof(Scalar) * static_cast<size_t>(a.size())) == 0);
}

bool sameTrial(const Trial& a, const Trial& b) {
    if (!sameBits(a.input, b.input) || !sameBits(a.mask, b.mask))
        return false;
    if (a.target.rows() != b.target.rows() || a.target.cols() != b.target.cols())
        return false;
    for (Index i = 0; i < a.target.size(); ++i) {
        const bool unused = a.mask.size() != 0 && a.mask(i) == 0.0;
        if (!unused && std::memcmp(&a.target(i), &b.target(i), sizeof(Scalar)) != 0)
            return false;
    }
    return true;
}

bool sameInit(const Initialiser& a, const Initialiser& b) {
    return a.kind == b.kind && a.value == b.value && a.mean == b.mean && a.std == b.std &&
           a.gain == b.gain && sameBits(a.weights, b.weights);
}

bool sameLayer(const WeightLayerSpec& a, const WeightLayerSpec& b) {
    return sameInit(a.init, b.init) && a.bias == b.bias && sameBits(a.initialBias, b.initialBias) &&
           a.trainable == b.trainable && sameBits(a.mask, b.mask) &&
           a.learningRate == b.learningRate && sameBits(a.learningRates, b.learningRates);
}

bool sameTask(const std::optional<ChoiceTaskConfig>& a, const std::optional<ChoiceTaskConfig>& b) {
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return a->rewardProbabilities == b->rewardProbabilities && a->reward == b->reward &&
           a->punishment == b->punishment && a->inverseTemperature == b->inverseTemperature &&
           a->reversalStreak == b->reversalStreak &&
           a->reversalProbability == b->reversalProbability && sameBits(a->input, b->input);
}

}  // namespace

bool sameScenario(const Scenario& a, const Scenario& b) {
    if (a.name != b.name || a.title != b.title || a.lesson != b.lesson || a.seed != b.seed ||
        a.inputNames != b.inputNames || a.outputNames != b.outputNames || a.order != b.order ||
        !(a.view == b.view) || a.bp.alpha != b.bp.alpha || a.pc.alpha != b.pc.alpha ||
        a.pc.iterations != b.pc.iterations || a.pc.gamma0 != b.pc.gamma0 ||
        a.pc.discount != b.pc.discount || a.trialLabels != b.trialLabels ||
        !sameTask(a.task, b.task))
        return false;
    if (a.spec.sizes != b.spec.sizes || a.spec.activations != b.spec.activations ||
        a.spec.weights.size() != b.spec.weights.size() || a.trials.size() != b.trials.size())
        return false;
    for (size_t l = 0; l < a.spec.weights.size(); ++l)
        if (!sameLayer(a.spec.weights[l], b.spec.weights[l]))
            return false;
    for (size_t k = 0; k < a.trials.size(); ++k)
        if (!sameTrial(a.trials[k], b.trials[k]))
            return false;
    return true;
}

Scenario withExplicitWeights(const Scenario& s) {
    Scenario out = s;
    const Network net = s.network();
    for (Index l = 1; l <= net.depth(); ++l) {
        WeightLayerSpec& w = out.spec.weight(l);
        if (w.init.kind != Initialiser::Kind::Explicit)
            w.init = Initialiser::explicitWeights(net.weight(l));
        if (w.bias && w.initialBias.size() == 0)
            w.initialBias = net.bias(l);
    }
    return out;
}

}  // namespace engine
