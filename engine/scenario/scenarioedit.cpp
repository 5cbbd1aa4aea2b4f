#include "engine/scenario/scenarioedit.h"

#include <cmath>
#include <limits>

#include "engine/core/random.h"

namespace engine::edit {

namespace {

Result done(Scenario s) {
    std::vector<std::string> problems = s.validate();
    if (!problems.empty())
        return {std::nullopt, problems.front()};
    return {std::move(s), {}};
}

Result refuse(std::string why) {
    return {std::nullopt, std::move(why)};
}

/// Why the trial list cannot be edited, or "" when it can.
std::string trialListProblem(const Scenario& s) {
    return s.task ? "this scenario's trials come from its closed-loop task, not from a list" : "";
}

bool validLayer(const Scenario& s, Index l) {
    return l >= 1 && l <= s.spec.depth();
}

Matrix removeRow(const Matrix& m, Index i) {
    if (m.size() == 0)
        return m;
    Matrix out(m.rows() - 1, m.cols());
    out.topRows(i) = m.topRows(i);
    out.bottomRows(m.rows() - 1 - i) = m.bottomRows(m.rows() - 1 - i);
    return out;
}

Matrix removeColumn(const Matrix& m, Index j) {
    if (m.size() == 0)
        return m;
    return removeRow(m.transpose(), j).transpose();
}

Vector removeEntry(const Vector& v, Index i) {
    if (v.size() == 0)
        return v;
    return removeRow(Matrix(v), i).col(0);
}

WeightLayerSpec& layer(Scenario& s, Index l) {
    return s.spec.weight(l);
}

Matrix& weights(Scenario& s, Index l) {
    return s.spec.weight(l).init.weights;
}

}  // namespace

Result setWeight(const Scenario& s, Index l, Index post, Index pre, Scalar value) {
    if (!validLayer(s, l) || post < 0 || post >= s.spec.sizes[size_t(l)] || pre < 0 ||
        pre >= s.spec.sizes[size_t(l - 1)])
        return refuse("there is no such synapse");
    if (!std::isfinite(value))
        return refuse("a weight must be a finite number");
    const Matrix& mask = s.spec.weight(l).mask;
    if (mask.size() != 0 && mask(post, pre) == 0.0)
        return refuse("this synapse is absent (masked); it has no weight");
    Scenario e = withExplicitWeights(s);
    weights(e, l)(post, pre) = value;
    return done(std::move(e));
}

Result setBias(const Scenario& s, Index l, Index i, Scalar value) {
    if (!validLayer(s, l) || !s.spec.weight(l).bias || i < 0 || i >= s.spec.sizes[size_t(l)])
        return refuse("this neuron has no bias");
    if (!std::isfinite(value))
        return refuse("a bias must be a finite number");
    Scenario e = withExplicitWeights(s);
    layer(e, l).initialBias(i) = value;
    return done(std::move(e));
}

Result setInput(const Scenario& s, std::size_t k, Index i, Scalar value) {
    if (const std::string why = trialListProblem(s); !why.empty())
        return refuse(why);
    if (k >= s.trials.size() || i < 0 || i >= s.spec.sizes.front())
        return refuse("there is no such input");
    if (!std::isfinite(value))
        return refuse("an input must be a finite number");
    Scenario e = s;
    e.trials[k].input(i, 0) = value;
    return done(std::move(e));
}

Result setTarget(const Scenario& s, std::size_t k, Index i, std::optional<Scalar> value) {
    if (const std::string why = trialListProblem(s); !why.empty())
        return refuse(why);
    if (k >= s.trials.size() || i < 0 || i >= s.spec.sizes.back())
        return refuse("there is no such output");
    if (value && !std::isfinite(*value))
        return refuse("a target must be a finite number (or no target)");
    Scenario e = s;
    Trial& t = e.trials[k];
    if (value) {
        t.target(i, 0) = *value;
        if (t.mask.size() != 0) {
            t.mask(i, 0) = 1.0;
            if ((t.mask.array() == 1.0).all())
                t.mask.resize(0, 0);
        }
    } else {
        if (t.mask.size() == 0)
            t.mask = Matrix::Ones(t.target.rows(), t.target.cols());
        t.mask(i, 0) = 0.0;
        t.target(i, 0) = std::numeric_limits<Scalar>::quiet_NaN();
    }
    return done(std::move(e));
}

Result duplicateTrial(const Scenario& s, std::size_t k) {
    if (const std::string why = trialListProblem(s); !why.empty())
        return refuse(why);
    if (k >= s.trials.size())
        return refuse("there is no such trial");
    Scenario e = s;
    e.trials.insert(e.trials.begin() + static_cast<std::ptrdiff_t>(k) + 1, s.trials[k]);
    if (!e.trialLabels.empty())
        e.trialLabels.insert(e.trialLabels.begin() + static_cast<std::ptrdiff_t>(k) + 1, "");
    return done(std::move(e));
}

Result removeTrial(const Scenario& s, std::size_t k) {
    if (const std::string why = trialListProblem(s); !why.empty())
        return refuse(why);
    if (k >= s.trials.size())
        return refuse("there is no such trial");
    if (s.trials.size() == 1)
        return refuse("a scenario needs at least one trial");
    Scenario e = s;
    e.trials.erase(e.trials.begin() + static_cast<std::ptrdiff_t>(k));
    if (!e.trialLabels.empty())
        e.trialLabels.erase(e.trialLabels.begin() + static_cast<std::ptrdiff_t>(k));
    return done(std::move(e));
}

Result moveTrial(const Scenario& s, std::size_t k, std::size_t to) {
    if (const std::string why = trialListProblem(s); !why.empty())
        return refuse(why);
    if (k >= s.trials.size() || to >= s.trials.size())
        return refuse("there is no such trial");
    Scenario e = s;
    Trial t = e.trials[k];
    e.trials.erase(e.trials.begin() + static_cast<std::ptrdiff_t>(k));
    e.trials.insert(e.trials.begin() + static_cast<std::ptrdiff_t>(to), std::move(t));
    if (!e.trialLabels.empty()) {
        std::string label = e.trialLabels[k];
        e.trialLabels.erase(e.trialLabels.begin() + static_cast<std::ptrdiff_t>(k));
        e.trialLabels.insert(e.trialLabels.begin() + static_cast<std::ptrdiff_t>(to),
                             std::move(label));
    }
    return done(std::move(e));
}

Result setOrder(const Scenario& s, TrialOrder order) {
    if (const std::string why = trialListProblem(s); !why.empty())
        return refuse(why);
    Scenario e = s;
    e.order = order;
    return done(std::move(e));
}

Result addNeuron(const Scenario& s, Index l) {
    if (l < 0 || l > s.spec.depth())
        return refuse("there is no such layer");
    Scenario e = withExplicitWeights(s);
    const Index n = e.spec.sizes[size_t(l)];
    e.spec.sizes[size_t(l)] = n + 1;
    if (l >= 1) {  // incoming synapses: a new row of W^l, drawn
        Matrix& w = weights(e, l);
        const Index fanIn = w.cols();
        Random rng(s.seed ^ (0xA24BAED4963EE407ULL * static_cast<std::uint64_t>(l * 4099 + n + 1)));
        const Scalar bound = std::sqrt(6.0 / static_cast<Scalar>(fanIn + n + 1));
        w.conservativeResize(n + 1, Eigen::NoChange);
        for (Index j = 0; j < fanIn; ++j)
            w(n, j) = rng.uniform(-bound, bound);
        WeightLayerSpec& spec = layer(e, l);
        if (spec.mask.size() != 0) {
            spec.mask.conservativeResize(n + 1, Eigen::NoChange);
            spec.mask.row(n).setOnes();
        }
        if (spec.bias) {
            spec.initialBias.conservativeResize(n + 1);
            spec.initialBias(n) = 0.0;
        }
    }
    if (l < e.spec.depth()) {  // outgoing synapses: a new column of W^{l+1}, zero
        Matrix& w = weights(e, l + 1);
        w.conservativeResize(Eigen::NoChange, n + 1);
        w.col(n).setZero();
        WeightLayerSpec& spec = layer(e, l + 1);
        if (spec.mask.size() != 0) {
            spec.mask.conservativeResize(Eigen::NoChange, n + 1);
            spec.mask.col(n).setOnes();
        }
    }
    for (Trial& t : e.trials) {
        if (l == 0) {
            t.input.conservativeResize(n + 1, Eigen::NoChange);
            t.input(n, 0) = 0.0;
        }
        if (l == e.spec.depth()) {
            t.target.conservativeResize(n + 1, Eigen::NoChange);
            t.target(n, 0) = 0.0;
            if (t.mask.size() != 0) {
                t.mask.conservativeResize(n + 1, Eigen::NoChange);
                t.mask(n, 0) = 1.0;
            }
        }
    }
    return done(std::move(e));
}

Result removeNeuron(const Scenario& s, Index l, Index i) {
    if (l < 0 || l > s.spec.depth() || i < 0 || i >= s.spec.sizes[size_t(l)])
        return refuse("there is no such neuron");
    if (s.spec.sizes[size_t(l)] == 1)
        return refuse("a layer keeps at least one neuron (remove the layer instead)");
    Scenario e = withExplicitWeights(s);
    e.spec.sizes[size_t(l)] -= 1;
    if (l >= 1) {
        WeightLayerSpec& spec = layer(e, l);
        spec.init.weights = removeRow(spec.init.weights, i);
        spec.mask = removeRow(spec.mask, i);
        if (spec.bias)
            spec.initialBias = removeEntry(spec.initialBias, i);
    }
    if (l < e.spec.depth()) {
        WeightLayerSpec& spec = layer(e, l + 1);
        spec.init.weights = removeColumn(spec.init.weights, i);
        spec.mask = removeColumn(spec.mask, i);
    }
    auto dropName = [i](std::vector<std::string>& names) {
        if (i < static_cast<Index>(names.size()))
            names.erase(names.begin() + i);
    };
    if (l == 0)
        dropName(e.inputNames);
    if (l == e.spec.depth())
        dropName(e.outputNames);
    for (Trial& t : e.trials) {
        if (l == 0)
            t.input = removeRow(t.input, i);
        if (l == e.spec.depth()) {
            t.target = removeRow(t.target, i);
            t.mask = removeRow(t.mask, i);
            if (t.mask.size() != 0 && (t.mask.array() == 1.0).all())
                t.mask.resize(0, 0);
        }
    }
    return done(std::move(e));
}

Result insertLayer(const Scenario& s, Index l) {
    if (!validLayer(s, l))
        return refuse("a layer can be inserted before layers 1.." + std::to_string(s.spec.depth()));
    if (s.spec.depth() + 1 > MaxScenarioDepth)
        return refuse("a scenario has at most " + std::to_string(MaxScenarioDepth) +
                      " weight layers");
    Scenario e = withExplicitWeights(s);
    const Index n = e.spec.sizes[size_t(l - 1)];
    WeightLayerSpec fresh;
    fresh.init = Initialiser::explicitWeights(Matrix::Identity(n, n));
    e.spec.sizes.insert(e.spec.sizes.begin() + l, n);
    e.spec.activations.insert(e.spec.activations.begin() + l, Activation::Identity);
    e.spec.weights.insert(e.spec.weights.begin() + (l - 1), fresh);
    return done(std::move(e));
}

Result removeLayer(const Scenario& s, Index l) {
    if (l < 1 || l >= s.spec.depth())
        return refuse("only hidden layers can be removed");
    Scenario e = withExplicitWeights(s);
    WeightLayerSpec merged = layer(e, l + 1);
    const WeightLayerSpec& below = layer(e, l);
    Matrix wBelow = below.init.weights;
    if (below.mask.size() != 0)
        wBelow = wBelow.cwiseProduct(below.mask);
    Matrix wAbove = merged.init.weights;
    if (merged.mask.size() != 0)
        wAbove = wAbove.cwiseProduct(merged.mask);
    merged.init.weights = wAbove * wBelow;
    merged.mask.resize(0, 0);
    merged.trainable = merged.trainable && below.trainable;
    e.spec.weights.erase(e.spec.weights.begin() + (l - 1), e.spec.weights.begin() + (l + 1));
    e.spec.weights.insert(e.spec.weights.begin() + (l - 1), merged);
    e.spec.sizes.erase(e.spec.sizes.begin() + l);
    e.spec.activations.erase(e.spec.activations.begin() + l);
    return done(std::move(e));
}

Result setActivation(const Scenario& s, Index l, Activation a) {
    if (l < 1 || l >= s.spec.depth())
        return refuse("only hidden layers have an activation");
    Scenario e = s;
    e.spec.activations[size_t(l)] = a;
    return done(std::move(e));
}

Result setHasBias(const Scenario& s, Index l, bool on) {
    if (!validLayer(s, l))
        return refuse("there is no such layer");
    Scenario e = withExplicitWeights(s);
    WeightLayerSpec& spec = layer(e, l);
    spec.bias = on;
    spec.initialBias = on ? Vector::Zero(e.spec.sizes[size_t(l)]) : Vector();
    return done(std::move(e));
}

Result setTrainable(const Scenario& s, Index l, bool on) {
    if (!validLayer(s, l))
        return refuse("there is no such layer");
    Scenario e = s;
    layer(e, l).trainable = on;
    return done(std::move(e));
}

Result setLearningRate(const Scenario& s, Index l, std::optional<Scalar> rate) {
    if (!validLayer(s, l))
        return refuse("there is no such layer");
    if (rate && (!std::isfinite(*rate) || *rate < 0.0))
        return refuse("a learning rate must be a finite number >= 0");
    Scenario e = s;
    layer(e, l).learningRate = rate;
    return done(std::move(e));
}

Result setConfigs(const Scenario& s, const BpConfig& bp, const PcConfig& pc) {
    Scenario e = s;
    e.bp = bp;
    e.pc = pc;
    return done(std::move(e));
}

Result setSeed(const Scenario& s, std::uint64_t seed) {
    Scenario e = s;
    e.seed = seed;
    return done(std::move(e));
}

}  // namespace engine::edit
