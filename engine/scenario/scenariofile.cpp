#include "engine/scenario/scenariofile.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace engine {

namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;  // keeps the order fields are written in

/// A problem at a field; caught once at the top and turned into the message.
struct FieldError {
    std::string field;
    std::string problem;
};

const char* typeName(const Json& j) {
    switch (j.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::object:
            return "an object";
        case Json::value_t::array:
            return "a list";
        case Json::value_t::string:
            return "a string";
        case Json::value_t::boolean:
            return "true/false";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
        case Json::value_t::number_float:
            return "a number";
        default:
            return "something else";
    }
}

/// Walks the document, remembering the field path for messages.
class Reader {
public:
    [[noreturn]] void fail(const std::string& field, const std::string& problem) const {
        throw FieldError{field, problem};
    }

    const Json& member(const Json& obj, const std::string& path, const char* key) const {
        auto it = obj.find(key);
        if (it == obj.end())
            fail(join(path, key), "is missing");
        return *it;
    }

    const Json* optionalMember(const Json& obj, const char* key) const {
        auto it = obj.find(key);
        return it == obj.end() ? nullptr : &*it;
    }

    void object(const Json& j, const std::string& path,
                std::initializer_list<const char*> allowed) const {
        if (!j.is_object())
            fail(path, std::string("must be an object, found ") + typeName(j));
        const std::set<std::string> names(allowed.begin(), allowed.end());
        for (auto it = j.begin(); it != j.end(); ++it)
            if (!names.count(it.key()))
                fail(join(path, it.key().c_str()), "is not a field of this format (misspelt?)");
    }

    double number(const Json& j, const std::string& path) const {
        if (!j.is_number())
            fail(path, std::string("must be a number, found ") + typeName(j));
        const double v = j.get<double>();
        if (!std::isfinite(v))
            fail(path, "must be a finite number");
        return v;
    }

    std::int64_t integer(const Json& j, const std::string& path, std::int64_t lo,
                         std::int64_t hi) const {
        if (!j.is_number_integer()) {
            if (j.is_number_float())
                fail(path, "must be a whole number, found " + j.dump());
            fail(path, std::string("must be a whole number, found ") + typeName(j));
        }
        if (j.is_number_unsigned() &&
            j.get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi));
        const std::int64_t v = j.get<std::int64_t>();
        if (v < lo || v > hi)
            fail(path, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                           ", found " + std::to_string(v));
        return v;
    }

    bool boolean(const Json& j, const std::string& path) const {
        if (!j.is_boolean())
            fail(path, std::string("must be true or false, found ") + typeName(j));
        return j.get<bool>();
    }

    std::string string(const Json& j, const std::string& path) const {
        if (!j.is_string())
            fail(path, std::string("must be a string, found ") + typeName(j));
        return j.get<std::string>();
    }

    const Json& list(const Json& j, const std::string& path) const {
        if (!j.is_array())
            fail(path, std::string("must be a list, found ") + typeName(j));
        return j;
    }

    Vector vector(const Json& j, const std::string& path, Index size) const {
        list(j, path);
        if (static_cast<Index>(j.size()) != size)
            fail(path, "must hold " + std::to_string(size) + " numbers, found " +
                           std::to_string(j.size()));
        Vector v(size);
        for (Index i = 0; i < size; ++i)
            v(i) = number(j[static_cast<size_t>(i)], at(path, i));
        return v;
    }

    /// A rows x cols matrix written as a list of rows.
    Matrix matrix(const Json& j, const std::string& path, Index rows, Index cols,
                  const std::string& why) const {
        list(j, path);
        if (static_cast<Index>(j.size()) != rows)
            fail(path, "must have " + std::to_string(rows) + " rows (" + why + "), found " +
                           std::to_string(j.size()));
        Matrix m(rows, cols);
        for (Index r = 0; r < rows; ++r) {
            const std::string rowPath = at(path, r);
            const Json& row = list(j[static_cast<size_t>(r)], rowPath);
            if (static_cast<Index>(row.size()) != cols)
                fail(rowPath, "must have " + std::to_string(cols) + " columns (" + why +
                                  "), found " + std::to_string(row.size()));
            for (Index c = 0; c < cols; ++c)
                m(r, c) = number(row[static_cast<size_t>(c)], at(rowPath, c));
        }
        return m;
    }

    static std::string join(const std::string& path, const char* key) {
        return path.empty() ? std::string(key) : path + "." + key;
    }
    static std::string at(const std::string& path, Index i) {
        return path + "[" + std::to_string(i) + "]";
    }
};

Initialiser readInit(const Reader& r, const Json& j, const std::string& path) {
    r.object(j, path, {"kind", "value", "mean", "std", "gain"});
    const std::string kind = r.string(r.member(j, path, "kind"), Reader::join(path, "kind"));
    auto num = [&](const char* key, double fallback) {
        const Json* v = r.optionalMember(j, key);
        return v ? r.number(*v, Reader::join(path, key)) : fallback;
    };
    if (kind == "constant")
        return Initialiser::constant(r.number(r.member(j, path, "value"), path + ".value"));
    if (kind == "normal" || kind == "abs-normal") {
        const double stdev = num("std", 1.0);
        if (stdev < 0.0)
            r.fail(path + ".std", "must be >= 0");
        return kind == "normal" ? Initialiser::normal(num("mean", 0.0), stdev)
                                : Initialiser::absNormal(num("mean", 0.0), stdev);
    }
    if (kind == "xavier-uniform")
        return Initialiser::xavierUniform(num("gain", 1.0));
    if (kind == "xavier-normal")
        return Initialiser::xavierNormal(num("gain", 1.0));
    r.fail(path + ".kind", "'" + kind +
                               "' is not an initialiser (constant, normal, abs-normal, "
                               "xavier-uniform, xavier-normal)");
}

void readNetwork(const Reader& r, const Json& j, Scenario& s) {
    const std::string path = "network";
    r.object(j, path, {"layers", "weights"});
    const Json& layers = r.list(r.member(j, path, "layers"), "network.layers");
    if (layers.size() < 2)
        r.fail("network.layers", "needs at least an input and an output layer, found " +
                                     std::to_string(layers.size()));
    if (layers.size() > static_cast<size_t>(MaxScenarioDepth) + 1)
        r.fail("network.layers", "has " + std::to_string(layers.size()) +
                                     " layers; a scenario may have at most " +
                                     std::to_string(MaxScenarioDepth + 1));
    Index synapses = 0;
    for (size_t l = 0; l < layers.size(); ++l) {
        const std::string lp = Reader::at("network.layers", static_cast<Index>(l));
        r.object(layers[l], lp, {"size", "activation", "names"});
        const Index n =
            r.integer(r.member(layers[l], lp, "size"), lp + ".size", 1, MaxScenarioLayerSize);
        if (l > 0) {
            synapses += n * s.spec.sizes.back();
            if (synapses > MaxScenarioSynapses)
                r.fail(lp + ".size", "makes the network too large: more than " +
                                         std::to_string(MaxScenarioSynapses) +
                                         " synapses (the limit for a scenario)");
        }
        s.spec.sizes.push_back(n);
        Activation a = Activation::Identity;
        if (const Json* act = r.optionalMember(layers[l], "activation")) {
            const std::string name = r.string(*act, lp + ".activation");
            const auto parsed = parseActivation(name);
            if (!parsed)
                r.fail(lp + ".activation", "'" + name +
                                               "' is not an activation (identity, tanh, sigmoid, "
                                               "relu, leaky-relu)");
            a = *parsed;
            const bool edge = l == 0 || l + 1 == layers.size();
            if (edge && a != Activation::Identity)
                r.fail(lp + ".activation",
                       "the input and output layers must be identity (only hidden layers have "
                       "an activation)");
        }
        s.spec.activations.push_back(a);
        if (const Json* names = r.optionalMember(layers[l], "names")) {
            const bool edge = l == 0 || l + 1 == layers.size();
            if (!edge)
                r.fail(lp + ".names", "only the input and output layers have neuron names");
            r.list(*names, lp + ".names");
            if (static_cast<Index>(names->size()) > n)
                r.fail(lp + ".names", "has " + std::to_string(names->size()) + " names for " +
                                          std::to_string(n) + " neurons");
            std::vector<std::string>& out = l == 0 ? s.inputNames : s.outputNames;
            for (size_t i = 0; i < names->size(); ++i)
                out.push_back(
                    r.string((*names)[i], Reader::at(lp + ".names", static_cast<Index>(i))));
        }
    }
    const Json& weights = r.list(r.member(j, path, "weights"), "network.weights");
    if (weights.size() != layers.size() - 1)
        r.fail("network.weights", "must hold " + std::to_string(layers.size() - 1) +
                                      " weight matrices (one per layer after the input), found " +
                                      std::to_string(weights.size()));
    for (Index l = 1; l < static_cast<Index>(layers.size()); ++l) {
        const std::string wp = Reader::at("network.weights", l - 1);
        const Json& w = weights[static_cast<size_t>(l - 1)];
        r.object(
            w, wp,
            {"values", "init", "bias", "trainable", "mask", "learning_rate", "learning_rates"});
        const Index rows = s.spec.sizes[static_cast<size_t>(l)];
        const Index cols = s.spec.sizes[static_cast<size_t>(l - 1)];
        const std::string why = "layer " + std::to_string(l) + " has " + std::to_string(rows) +
                                " neurons, layer " + std::to_string(l - 1) + " has " +
                                std::to_string(cols);
        WeightLayerSpec spec;
        const Json* values = r.optionalMember(w, "values");
        const Json* init = r.optionalMember(w, "init");
        if (values && init)
            r.fail(wp, "has both 'values' and 'init'; give one");
        if (values)
            spec.init = Initialiser::explicitWeights(
                r.matrix(*values, wp + ".values", rows, cols, "post x pre: " + why));
        else if (init)
            spec.init = readInit(r, *init, wp + ".init");
        else
            r.fail(wp, "needs 'values' (the weights) or 'init' (how to draw them)");
        if (const Json* bias = r.optionalMember(w, "bias")) {
            if (bias->is_boolean()) {
                spec.bias = bias->get<bool>();
            } else {
                if (!bias->is_array())
                    r.fail(wp + ".bias", std::string("must be true, false or a list of ") +
                                             std::to_string(rows) + " numbers, found " +
                                             typeName(*bias));
                spec.bias = true;
                spec.initialBias = r.vector(*bias, wp + ".bias", rows);
            }
        }
        if (const Json* t = r.optionalMember(w, "trainable"))
            spec.trainable = r.boolean(*t, wp + ".trainable");
        if (const Json* m = r.optionalMember(w, "mask")) {
            spec.mask = r.matrix(*m, wp + ".mask", rows, cols, "post x pre: " + why);
            for (Index i = 0; i < spec.mask.size(); ++i)
                if (spec.mask(i) != 0.0 && spec.mask(i) != 1.0)
                    r.fail(wp + ".mask", "entries must be 0 (no synapse) or 1 (synapse)");
        }
        if (const Json* lr = r.optionalMember(w, "learning_rate")) {
            const double v = r.number(*lr, wp + ".learning_rate");
            if (v < 0.0)
                r.fail(wp + ".learning_rate", "must be >= 0");
            spec.learningRate = v;
        }
        if (const Json* m = r.optionalMember(w, "learning_rates")) {
            spec.learningRates =
                r.matrix(*m, wp + ".learning_rates", rows, cols, "post x pre: " + why);
            if ((spec.learningRates.array() < 0.0).any())
                r.fail(wp + ".learning_rates", "entries must be >= 0");
        }
        s.spec.weights.push_back(std::move(spec));
    }
}

void readTrials(const Reader& r, const Json& j, Scenario& s) {
    r.object(j, "trials", {"order", "list"});
    if (const Json* order = r.optionalMember(j, "order")) {
        const std::string name = r.string(*order, "trials.order");
        if (name == "cycle")
            s.order = TrialOrder::Cycle;
        else if (name == "random")
            s.order = TrialOrder::Random;
        else if (name == "once")
            s.order = TrialOrder::Once;
        else
            r.fail("trials.order", "'" + name + "' is not an order (cycle, random, once)");
    }
    const Json& list = r.list(r.member(j, "trials", "list"), "trials.list");
    if (list.empty())
        r.fail("trials.list", "needs at least one trial");
    if (list.size() > MaxScenarioTrials)
        r.fail("trials.list", "has " + std::to_string(list.size()) + " trials; at most " +
                                  std::to_string(MaxScenarioTrials) + " are allowed");
    const Index n0 = s.spec.sizes.front(), nL = s.spec.sizes.back();
    for (size_t k = 0; k < list.size(); ++k) {
        const std::string tp = Reader::at("trials.list", static_cast<Index>(k));
        r.object(list[k], tp, {"input", "target", "repeat", "label"});
        Trial t;
        t.input = r.vector(r.member(list[k], tp, "input"), tp + ".input", n0);
        const Json& target = r.list(r.member(list[k], tp, "target"), tp + ".target");
        if (static_cast<Index>(target.size()) != nL)
            r.fail(tp + ".target", "must hold " + std::to_string(nL) +
                                       " values (numbers, or null for no target), found " +
                                       std::to_string(target.size()));
        t.target = Matrix::Zero(nL, 1);
        Matrix mask = Matrix::Ones(nL, 1);
        bool masked = false;
        for (Index i = 0; i < nL; ++i) {
            const Json& v = target[static_cast<size_t>(i)];
            if (v.is_null()) {
                mask(i) = 0.0;
                t.target(i) = std::numeric_limits<double>::quiet_NaN();
                masked = true;
            } else {
                t.target(i) = r.number(v, Reader::at(tp + ".target", i));
            }
        }
        if (masked)
            t.mask = mask;
        std::string label;
        if (const Json* l = r.optionalMember(list[k], "label"))
            label = r.string(*l, tp + ".label");
        std::int64_t repeat = 1;
        if (const Json* n = r.optionalMember(list[k], "repeat"))
            repeat = r.integer(*n, tp + ".repeat", 1, static_cast<std::int64_t>(MaxScenarioTrials));
        if (s.trials.size() + static_cast<size_t>(repeat) > MaxScenarioTrials)
            r.fail(tp + ".repeat", "makes more than " + std::to_string(MaxScenarioTrials) +
                                       " trials (the limit for a scenario)");
        for (std::int64_t c = 0; c < repeat; ++c) {
            s.trials.push_back(t);
            s.trialLabels.push_back(c == 0 ? label : std::string());
        }
    }
    bool anyLabel = false;
    for (const std::string& l : s.trialLabels)
        anyLabel = anyLabel || !l.empty();
    if (!anyLabel)
        s.trialLabels.clear();
}

void readTask(const Reader& r, const Json& j, Scenario& s) {
    r.object(j, "task",
             {"kind", "reward_probabilities", "reward", "punishment", "inverse_temperature",
              "reversal_streak", "reversal_probability", "input"});
    const std::string kind = r.string(r.member(j, "task", "kind"), "task.kind");
    if (kind != "choice")
        r.fail("task.kind", "'" + kind + "' is not a task (choice)");
    ChoiceTaskConfig c;
    const Index outputs = s.spec.sizes.back();
    c.rewardProbabilities.clear();
    const Vector p =
        r.vector(r.member(j, "task", "reward_probabilities"), "task.reward_probabilities", outputs);
    for (Index i = 0; i < p.size(); ++i) {
        if (p(i) < 0.0 || p(i) > 1.0)
            r.fail(Reader::at("task.reward_probabilities", i), "must be a probability (0 to 1)");
        c.rewardProbabilities.push_back(p(i));
    }
    auto num = [&](const char* key, double fallback) {
        const Json* v = r.optionalMember(j, key);
        return v ? r.number(*v, Reader::join("task", key)) : fallback;
    };
    c.reward = num("reward", c.reward);
    c.punishment = num("punishment", c.punishment);
    c.inverseTemperature = num("inverse_temperature", c.inverseTemperature);
    if (const Json* v = r.optionalMember(j, "reversal_streak"))
        c.reversalStreak = static_cast<int>(r.integer(*v, "task.reversal_streak", 0, 1'000'000));
    c.reversalProbability = num("reversal_probability", c.reversalProbability);
    if (c.reversalProbability < 0.0 || c.reversalProbability > 1.0)
        r.fail("task.reversal_probability", "must be a probability (0 to 1)");
    if (const Json* v = r.optionalMember(j, "input"))
        c.input = r.vector(*v, "task.input", s.spec.sizes.front());
    for (const std::string& problem : c.validate(s.spec.sizes.front(), outputs))
        r.fail("task", problem);
    s.task = c;
}

/// The trial shown for a closed-loop task: its input, no targets (the task makes them).
Trial taskDisplayTrial(const Scenario& s) {
    Trial t;
    t.input =
        s.task->input.size() != 0 ? Matrix(s.task->input) : Matrix::Ones(s.spec.sizes.front(), 1);
    t.target = Matrix::Constant(s.spec.sizes.back(), 1, std::numeric_limits<double>::quiet_NaN());
    t.mask = Matrix::Zero(s.spec.sizes.back(), 1);
    return t;
}

PcConfig readPc(const Reader& r, const Json& j) {
    r.object(j, "pc", {"alpha", "T", "gamma0", "discount"});
    PcConfig pc;
    pc.alpha = r.number(r.member(j, "pc", "alpha"), "pc.alpha");
    pc.iterations = static_cast<int>(r.integer(r.member(j, "pc", "T"), "pc.T", 1, 1'000'000));
    pc.gamma0 = r.number(r.member(j, "pc", "gamma0"), "pc.gamma0");
    pc.discount = r.number(r.member(j, "pc", "discount"), "pc.discount");
    if (pc.alpha < 0.0)
        r.fail("pc.alpha", "must be >= 0");
    if (pc.gamma0 <= 0.0)
        r.fail("pc.gamma0", "must be > 0");
    if (pc.discount <= 0.0 || pc.discount > 1.0)
        r.fail("pc.discount", "must be in (0, 1]");
    return pc;
}

void readView(const Reader& r, const Json& j, ViewSettings& view) {
    r.object(j, "view", {"energy_machine", "plot", "panes"});
    if (const Json* m = r.optionalMember(j, "energy_machine"))
        view.energyMachine = r.boolean(*m, "view.energy_machine");
    if (const Json* p = r.optionalMember(j, "plot")) {
        view.plot = r.string(*p, "view.plot");
        bool known = false;
        std::string all;
        for (const std::string& name : plotTabNames()) {
            known = known || name == view.plot;
            all += (all.empty() ? "" : ", ") + name;
        }
        if (!known)
            r.fail("view.plot", "'" + view.plot + "' is not a plot (" + all + ")");
    }
    if (const Json* panes = r.optionalMember(j, "panes")) {
        r.list(*panes, "view.panes");
        view.showBp = view.showPc = false;
        for (size_t i = 0; i < panes->size(); ++i) {
            const std::string name =
                r.string((*panes)[i], Reader::at("view.panes", static_cast<Index>(i)));
            if (name == "bp")
                view.showBp = true;
            else if (name == "pc")
                view.showPc = true;
            else
                r.fail(Reader::at("view.panes", static_cast<Index>(i)),
                       "'" + name + "' is not a pane (bp, pc)");
        }
        if (!view.showBp && !view.showPc)
            r.fail("view.panes", "must name at least one pane (bp, pc)");
    }
}

Scenario readScenario(const Reader& r, const Json& root) {
    r.object(root, "",
             {"format", "version", "name", "title", "lesson", "seed", "network", "trials", "task",
              "bp", "pc", "view"});
    const std::string format = r.string(r.member(root, "", "format"), "format");
    if (format != ScenarioFormat)
        r.fail("format", "is '" + format + "'; a scenario file says '" + ScenarioFormat + "'");
    const Json& version = r.member(root, "", "version");
    if (!version.is_number_integer())
        r.fail("version", std::string("must be a whole number, found ") + typeName(version));
    if (version.get<std::int64_t>() > ScenarioVersion)
        r.fail("version", "is " + version.dump() + ", newer than this program reads (" +
                              std::to_string(ScenarioVersion) + "); open it with a newer Prospect");
    if (version.get<std::int64_t>() < 1)
        r.fail("version", "is " + version.dump() + "; versions start at 1");
    Scenario s;
    if (const Json* v = r.optionalMember(root, "name"))
        s.name = r.string(*v, "name");
    if (const Json* v = r.optionalMember(root, "title"))
        s.title = r.string(*v, "title");
    if (const Json* v = r.optionalMember(root, "lesson"))
        s.lesson = r.string(*v, "lesson");
    if (const Json* v = r.optionalMember(root, "seed")) {
        if (!v->is_number_unsigned() && !(v->is_number_integer() && v->get<std::int64_t>() >= 0))
            r.fail("seed", "must be a whole number from 0 to 18446744073709551615");
        s.seed = v->get<std::uint64_t>();
    }
    readNetwork(r, r.member(root, "", "network"), s);
    if (const Json* task = r.optionalMember(root, "task")) {
        readTask(r, *task, s);
        if (r.optionalMember(root, "trials"))
            r.fail("trials",
                   "a scenario with a closed-loop task has no trial list (the task "
                   "makes every trial)");
        s.trials = {taskDisplayTrial(s)};
    } else {
        readTrials(r, r.member(root, "", "trials"), s);
    }
    const Json& bp = r.member(root, "", "bp");
    r.object(bp, "bp", {"alpha"});
    s.bp.alpha = r.number(r.member(bp, "bp", "alpha"), "bp.alpha");
    if (s.bp.alpha < 0.0)
        r.fail("bp.alpha", "must be >= 0");
    s.pc = readPc(r, r.member(root, "", "pc"));
    if (const Json* v = r.optionalMember(root, "view"))
        readView(r, *v, s.view);
    // Whatever the field checks let through (they should catch everything) is still refused.
    const std::vector<std::string> problems = s.validate();
    if (!problems.empty())
        r.fail("network", problems.front());
    return s;
}

// ---- Writing -------------------------------------------------------------------------------

std::string numberText(double v) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
}

/// JSON text with lists of numbers (and lists of such lists, i.e. matrix rows) kept compact.
class Writer {
public:
    std::string text() const { return m_out.str(); }

    void write(const OJson& j, int indent) {
        if (j.is_object()) {
            if (j.empty()) {
                m_out << "{}";
                return;
            }
            if (const std::string line = oneLine(j); !line.empty()) {
                m_out << line;
                return;
            }
            m_out << "{\n";
            size_t i = 0;
            for (auto it = j.begin(); it != j.end(); ++it, ++i) {
                pad(indent + 2);
                m_out << OJson(it.key()).dump() << ": ";
                write(it.value(), indent + 2);
                m_out << (i + 1 < j.size() ? ",\n" : "\n");
            }
            pad(indent);
            m_out << "}";
        } else if (j.is_array()) {
            if (flat(j) || shortMatrix(j)) {
                m_out << "[";
                for (size_t i = 0; i < j.size(); ++i) {
                    m_out << (i ? ", " : "");
                    write(j[i], indent);
                }
                m_out << "]";
                return;
            }
            m_out << "[\n";
            for (size_t i = 0; i < j.size(); ++i) {
                pad(indent + 2);
                write(j[i], indent + 2);
                m_out << (i + 1 < j.size() ? ",\n" : "\n");
            }
            pad(indent);
            m_out << "]";
        } else if (j.is_number_float()) {
            m_out << numberText(j.get<double>());
        } else {
            m_out << j.dump();
        }
    }

private:
    /// A small object of plain values on one line, or "" when it does not fit.
    static std::string oneLine(const OJson& j) {
        std::string line = "{";
        for (auto it = j.begin(); it != j.end(); ++it) {
            const OJson& v = it.value();
            if (v.is_object() || (v.is_array() && !flat(v) && !shortMatrix(v)))
                return "";
            Writer inner;
            inner.write(v, 0);
            line += (line.size() > 1 ? ", " : "") + OJson(it.key()).dump() + ": " + inner.text();
            if (line.size() > 80 || inner.text().find('\n') != std::string::npos)
                return "";
        }
        return line + "}";
    }
    /// A list of short lists of plain values (a small matrix) that fits on one line.
    static bool shortMatrix(const OJson& j) {
        size_t count = 0;
        for (const OJson& e : j) {
            if (!e.is_array() || !flat(e))
                return false;
            count += e.size() + 1;
        }
        return count <= 8;
    }
    static bool flat(const OJson& j) {
        for (const OJson& e : j)
            if (e.is_object() || e.is_array())
                return false;
        return j.size() <= 64;
    }
    void pad(int n) { m_out << std::string(static_cast<size_t>(n), ' '); }
    std::ostringstream m_out;
};

/// Same input, mask and (supervised) targets, bit for bit.
bool sameTrialExactly(const Trial& a, const Trial& b) {
    auto same = [](const Matrix& x, const Matrix& y) {
        return x.rows() == y.rows() && x.cols() == y.cols() &&
               (x.size() == 0 ||
                std::memcmp(x.data(), y.data(), sizeof(Scalar) * size_t(x.size())) == 0);
    };
    if (!same(a.input, b.input) || !same(a.mask, b.mask) || a.target.rows() != b.target.rows())
        return false;
    for (Index i = 0; i < a.target.rows(); ++i) {
        const bool unused = a.mask.size() != 0 && a.mask(i, 0) == 0.0;
        if (!unused && std::memcmp(&a.target(i, 0), &b.target(i, 0), sizeof(Scalar)) != 0)
            return false;
    }
    return true;
}

OJson matrixJson(const Matrix& m) {
    OJson rows = OJson::array();
    for (Index r = 0; r < m.rows(); ++r) {
        OJson row = OJson::array();
        for (Index c = 0; c < m.cols(); ++c)
            row.push_back(m(r, c));
        rows.push_back(std::move(row));
    }
    return rows;
}

OJson vectorJson(const Vector& v) {
    OJson out = OJson::array();
    for (Index i = 0; i < v.size(); ++i)
        out.push_back(v(i));
    return out;
}

OJson initJson(const Initialiser& init) {
    switch (init.kind) {
        case Initialiser::Kind::Constant:
            return OJson{{"kind", "constant"}, {"value", init.value}};
        case Initialiser::Kind::Normal:
        case Initialiser::Kind::AbsNormal:
            return OJson{{"kind", init.kind == Initialiser::Kind::Normal ? "normal" : "abs-normal"},
                         {"mean", init.mean},
                         {"std", init.std}};
        case Initialiser::Kind::XavierUniform:
            return OJson{{"kind", "xavier-uniform"}, {"gain", init.gain}};
        case Initialiser::Kind::XavierNormal:
            return OJson{{"kind", "xavier-normal"}, {"gain", init.gain}};
        case Initialiser::Kind::Explicit:
            break;
    }
    return OJson();
}

}  // namespace

ScenarioResult parseScenario(std::string_view text, const std::string& source) {
    ScenarioResult result;
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& e) {
        // e.byte is the 1-based position of the problem; turn it into line and column.
        const size_t byte = std::min(e.byte == 0 ? 0 : e.byte - 1, text.size());
        size_t line = 1, column = 1;
        for (size_t i = 0; i < byte; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        result.error = source + ": not valid JSON (line " + std::to_string(line) + ", column " +
                       std::to_string(column) + ")";
        if (text.find("NaN") != std::string_view::npos ||
            text.find("Infinity") != std::string_view::npos)
            result.error += "; NaN and Infinity are not numbers in JSON (use null for no target)";
        return result;
    } catch (const Json::exception& e) {
        // out_of_range 406: a number like 1e999 that is not a finite double.
        result.error = source + (e.id == 406 ? ": a number is too large to be a finite number (" +
                                                   std::string(e.what()) + ")"
                                             : ": not valid JSON (" + std::string(e.what()) + ")");
        return result;
    }
    try {
        result.scenario = readScenario(Reader{}, root);
    } catch (const FieldError& e) {
        result.error = source + ": " + (e.field.empty() ? std::string("the file") : e.field) +
                       ": " + e.problem;
    } catch (const Json::exception& e) {
        result.error = source + ": " + e.what();
    }
    return result;
}

ScenarioResult readScenarioFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ScenarioResult r;
        r.error = path + ": cannot open the file (" + std::strerror(errno) + ")";
        return r;
    }
    std::string text;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<size_t>(in.gcount()));
        if (text.size() > MaxScenarioFileBytes) {
            ScenarioResult r;
            r.error = path + ": the file is larger than " +
                      std::to_string(MaxScenarioFileBytes >> 20) +
                      " MiB; a scenario file is much smaller";
            return r;
        }
    }
    if (in.bad()) {
        ScenarioResult r;
        r.error = path + ": cannot read the file";
        return r;
    }
    return parseScenario(text, path);
}

std::string scenarioToJson(const Scenario& s) {
    OJson root = OJson::object();
    root["format"] = ScenarioFormat;
    root["version"] = ScenarioVersion;
    if (!s.name.empty())
        root["name"] = s.name;
    if (!s.title.empty())
        root["title"] = s.title;
    if (!s.lesson.empty())
        root["lesson"] = s.lesson;
    root["seed"] = s.seed;
    OJson layers = OJson::array();
    for (size_t l = 0; l < s.spec.sizes.size(); ++l) {
        OJson layer{{"size", s.spec.sizes[l]}};
        if (l > 0 && l + 1 < s.spec.sizes.size())
            layer["activation"] = activationName(s.spec.activations[l]);
        const std::vector<std::string>* names =
            l == 0 ? &s.inputNames : (l + 1 == s.spec.sizes.size() ? &s.outputNames : nullptr);
        if (names && !names->empty())
            layer["names"] = *names;
        layers.push_back(std::move(layer));
    }
    OJson weights = OJson::array();
    for (const WeightLayerSpec& w : s.spec.weights) {
        OJson entry = OJson::object();
        if (w.init.kind == Initialiser::Kind::Explicit)
            entry["values"] = matrixJson(w.init.weights);
        else
            entry["init"] = initJson(w.init);
        if (w.bias && w.initialBias.size() != 0)
            entry["bias"] = vectorJson(w.initialBias);
        else
            entry["bias"] = w.bias;
        entry["trainable"] = w.trainable;
        if (w.mask.size() != 0)
            entry["mask"] = matrixJson(w.mask);
        if (w.learningRate)
            entry["learning_rate"] = *w.learningRate;
        if (w.learningRates.size() != 0)
            entry["learning_rates"] = matrixJson(w.learningRates);
        weights.push_back(std::move(entry));
    }
    root["network"] = OJson{{"layers", layers}, {"weights", weights}};
    if (s.task) {
        const ChoiceTaskConfig& c = *s.task;
        OJson task{{"kind", "choice"}};
        OJson p = OJson::array();
        for (Scalar v : c.rewardProbabilities)
            p.push_back(v);
        task["reward_probabilities"] = p;
        task["reward"] = c.reward;
        task["punishment"] = c.punishment;
        task["inverse_temperature"] = c.inverseTemperature;
        task["reversal_streak"] = c.reversalStreak;
        task["reversal_probability"] = c.reversalProbability;
        if (c.input.size() != 0)
            task["input"] = vectorJson(c.input);
        root["task"] = task;
    } else {
        OJson list = OJson::array();
        for (size_t k = 0; k < s.trials.size();) {
            // Identical neighbours without a label of their own are written once with a count.
            size_t n = 1;
            while (k + n < s.trials.size() &&
                   (s.trialLabels.empty() || s.trialLabels[k + n].empty()) &&
                   sameTrialExactly(s.trials[k], s.trials[k + n]))
                ++n;
            const Trial& t = s.trials[k];
            OJson target = OJson::array();
            for (Index i = 0; i < t.target.rows(); ++i) {
                if (t.mask.size() != 0 && t.mask(i, 0) == 0.0)
                    target.push_back(nullptr);
                else
                    target.push_back(t.target(i, 0));
            }
            OJson entry{{"input", vectorJson(t.input.col(0))}, {"target", target}};
            if (n > 1)
                entry["repeat"] = n;
            if (!s.trialLabels.empty() && !s.trialLabels[k].empty())
                entry["label"] = s.trialLabels[k];
            list.push_back(std::move(entry));
            k += n;
        }
        root["trials"] = OJson{{"order", trialOrderName(s.order)}, {"list", list}};
    }
    root["bp"] = OJson{{"alpha", s.bp.alpha}};
    root["pc"] = OJson{{"alpha", s.pc.alpha},
                       {"T", s.pc.iterations},
                       {"gamma0", s.pc.gamma0},
                       {"discount", s.pc.discount}};
    OJson view{{"energy_machine", s.view.energyMachine}};
    if (!s.view.plot.empty())
        view["plot"] = s.view.plot;
    OJson panes = OJson::array();
    if (s.view.showBp)
        panes.push_back("bp");
    if (s.view.showPc)
        panes.push_back("pc");
    view["panes"] = panes;
    root["view"] = view;
    Writer w;
    w.write(root, 0);
    return w.text() + "\n";
}

}  // namespace engine
