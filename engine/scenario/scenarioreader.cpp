// Reading scenario files (scenariofile.h): the document is walked field by field with a
// JsonReader, one function per section, and the first problem becomes the message.

#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>

#include "engine/report/format.h"
#include "engine/scenario/jsonreader.h"
#include "engine/scenario/lessonjson.h"
#include "engine/scenario/scenariofile.h"

namespace engine {

namespace {

Initialiser readInit(const JsonReader& r, const Json& j, const std::string& path) {
    r.object(j, path, {"kind", "value", "mean", "std", "gain"});
    const std::string kind = r.string(r.member(j, path, "kind"), JsonReader::join(path, "kind"));
    auto num = [&](const char* key, double fallback) {
        const Json* v = r.optionalMember(j, key);
        return v ? r.number(*v, JsonReader::join(path, key)) : fallback;
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
    if (kind == "xavier-uniform" || kind == "xavier-normal") {
        const double gain = num("gain", 1.0);
        if (gain < 0.0)
            r.fail(path + ".gain", "must be >= 0");
        return kind == "xavier-uniform" ? Initialiser::xavierUniform(gain)
                                        : Initialiser::xavierNormal(gain);
    }
    r.fail(path + ".kind", report::echoed(kind) +
                               " is not an initialiser (constant, normal, abs-normal, "
                               "xavier-uniform, xavier-normal)");
}

/// One layer (size, activation, names) appended to s.spec; `synapses` counts the network's.
void readLayer(const JsonReader& r, const Json& layer, size_t l, size_t count, Scenario& s,
               Index& synapses) {
    const std::string lp = JsonReader::at("network.layers", static_cast<Index>(l));
    r.object(layer, lp, {"size", "activation", "names"});
    const Index n = r.integer(r.member(layer, lp, "size"), lp + ".size", 1, MaxScenarioLayerSize);
    if (l > 0) {
        synapses += n * s.spec.sizes.back();
        if (synapses > MaxScenarioSynapses)
            r.fail(lp + ".size", "makes the network too large: more than " +
                                     std::to_string(MaxScenarioSynapses) +
                                     " synapses (the limit for a scenario)");
    }
    s.spec.sizes.push_back(n);
    const bool edge = l == 0 || l + 1 == count;
    Activation a = Activation::Identity;
    if (const Json* act = r.optionalMember(layer, "activation")) {
        const std::string name = r.string(*act, lp + ".activation");
        const auto parsed = parseActivation(name);
        if (!parsed)
            r.fail(lp + ".activation", report::echoed(name) +
                                           " is not an activation (identity, tanh, sigmoid, "
                                           "relu, leaky-relu)");
        a = *parsed;
        if (edge && a != Activation::Identity)
            r.fail(lp + ".activation",
                   "the input and output layers must be identity (only hidden layers have "
                   "an activation)");
    }
    s.spec.activations.push_back(a);
    if (const Json* names = r.optionalMember(layer, "names")) {
        if (!edge)
            r.fail(lp + ".names", "only the input and output layers have neuron names");
        r.list(*names, lp + ".names");
        if (static_cast<Index>(names->size()) > n)
            r.fail(lp + ".names", "has " + std::to_string(names->size()) + " names for " +
                                      std::to_string(n) + " neurons");
        std::vector<std::string>& out = l == 0 ? s.inputNames : s.outputNames;
        for (size_t i = 0; i < names->size(); ++i)
            out.push_back(
                r.string((*names)[i], JsonReader::at(lp + ".names", static_cast<Index>(i))));
    }
}

/// "bias": true, false or the initial values.
void readBias(const JsonReader& r, const Json& bias, const std::string& wp, Index rows,
              WeightLayerSpec& spec) {
    if (bias.is_boolean()) {
        spec.bias = bias.get<bool>();
        return;
    }
    if (!bias.is_array())
        r.fail(wp + ".bias", std::string("must be true, false or a list of ") +
                                 std::to_string(rows) + " numbers, found " + jsonTypeName(bias));
    spec.bias = true;
    spec.initialBias = r.vector(bias, wp + ".bias", rows);
}

/// The weights into layer l (rows x cols, post x pre) at `wp`.
WeightLayerSpec readWeightLayer(const JsonReader& r, const Json& w, const std::string& wp, Index l,
                                Index rows, Index cols) {
    r.object(w, wp,
             {"values", "init", "bias", "trainable", "mask", "learning_rate", "learning_rates"});
    const std::string why = "post x pre: layer " + std::to_string(l) + " has " +
                            std::to_string(rows) + " neurons, layer " + std::to_string(l - 1) +
                            " has " + std::to_string(cols);
    WeightLayerSpec spec;
    const Json* values = r.optionalMember(w, "values");
    const Json* init = r.optionalMember(w, "init");
    if (values && init)
        r.fail(wp, "has both 'values' and 'init'; give one");
    if (values)
        spec.init =
            Initialiser::explicitWeights(r.matrix(*values, wp + ".values", rows, cols, why));
    else if (init)
        spec.init = readInit(r, *init, wp + ".init");
    else
        r.fail(wp, "needs 'values' (the weights) or 'init' (how to draw them)");
    if (const Json* bias = r.optionalMember(w, "bias"))
        readBias(r, *bias, wp, rows, spec);
    if (const Json* t = r.optionalMember(w, "trainable"))
        spec.trainable = r.boolean(*t, wp + ".trainable");
    if (const Json* m = r.optionalMember(w, "mask")) {
        spec.mask = r.matrix(*m, wp + ".mask", rows, cols, why);
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
        spec.learningRates = r.matrix(*m, wp + ".learning_rates", rows, cols, why);
        if ((spec.learningRates.array() < 0.0).any())
            r.fail(wp + ".learning_rates", "entries must be >= 0");
    }
    return spec;
}

void readNetwork(const JsonReader& r, const Json& j, Scenario& s) {
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
    for (size_t l = 0; l < layers.size(); ++l)
        readLayer(r, layers[l], l, layers.size(), s, synapses);
    const Json& weights = r.list(r.member(j, path, "weights"), "network.weights");
    if (weights.size() != layers.size() - 1)
        r.fail("network.weights", "must hold " + std::to_string(layers.size() - 1) +
                                      " weight matrices (one per layer after the input), found " +
                                      std::to_string(weights.size()));
    for (Index l = 1; l < static_cast<Index>(layers.size()); ++l)
        s.spec.weights.push_back(readWeightLayer(
            r, weights[static_cast<size_t>(l - 1)], JsonReader::at("network.weights", l - 1), l,
            s.spec.sizes[static_cast<size_t>(l)], s.spec.sizes[static_cast<size_t>(l - 1)]));
}

void readTrials(const JsonReader& r, const Json& j, Scenario& s) {
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
            r.fail("trials.order", report::echoed(name) + " is not an order (cycle, random, once)");
    }
    const Json& list = r.list(r.member(j, "trials", "list"), "trials.list");
    if (list.empty())
        r.fail("trials.list", "needs at least one trial");
    if (list.size() > MaxScenarioTrials)
        r.fail("trials.list", "has " + std::to_string(list.size()) + " trials; at most " +
                                  std::to_string(MaxScenarioTrials) + " are allowed");
    const Index n0 = s.spec.sizes.front(), nL = s.spec.sizes.back();
    for (size_t k = 0; k < list.size(); ++k) {
        const std::string tp = JsonReader::at("trials.list", static_cast<Index>(k));
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
                t.target(i) = r.number(v, JsonReader::at(tp + ".target", i));
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

void readTask(const JsonReader& r, const Json& j, Scenario& s) {
    r.object(j, "task",
             {"kind", "reward_probabilities", "reward", "punishment", "inverse_temperature",
              "reversal_streak", "reversal_probability", "input"});
    const std::string kind = r.string(r.member(j, "task", "kind"), "task.kind");
    if (kind != "choice")
        r.fail("task.kind", report::echoed(kind) + " is not a task (choice)");
    ChoiceTaskConfig c;
    const Index outputs = s.spec.sizes.back();
    c.rewardProbabilities.clear();
    const Vector p =
        r.vector(r.member(j, "task", "reward_probabilities"), "task.reward_probabilities", outputs);
    for (Index i = 0; i < p.size(); ++i) {
        if (p(i) < 0.0 || p(i) > 1.0)
            r.fail(JsonReader::at("task.reward_probabilities", i),
                   "must be a probability (0 to 1)");
        c.rewardProbabilities.push_back(p(i));
    }
    auto num = [&](const char* key, double fallback) {
        const Json* v = r.optionalMember(j, key);
        return v ? r.number(*v, JsonReader::join("task", key)) : fallback;
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

PcConfig readPc(const JsonReader& r, const Json& j) {
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

void readView(const JsonReader& r, const Json& j, ViewSettings& view) {
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
            r.fail("view.plot", report::echoed(view.plot) + " is not a plot (" + all + ")");
    }
    if (const Json* panes = r.optionalMember(j, "panes")) {
        r.list(*panes, "view.panes");
        view.showBp = view.showPc = false;
        for (size_t i = 0; i < panes->size(); ++i) {
            const std::string name =
                r.string((*panes)[i], JsonReader::at("view.panes", static_cast<Index>(i)));
            if (name == "bp")
                view.showBp = true;
            else if (name == "pc")
                view.showPc = true;
            else
                r.fail(JsonReader::at("view.panes", static_cast<Index>(i)),
                       report::echoed(name) + " is not a pane (bp, pc)");
        }
        if (!view.showBp && !view.showPc)
            r.fail("view.panes", "must name at least one pane (bp, pc)");
    }
}

Scenario readScenario(const JsonReader& r, const Json& root) {
    r.object(root, "",
             {"format", "version", "name", "title", "lesson", "seed", "network", "trials", "task",
              "bp", "pc", "view"});
    const std::string format = r.string(r.member(root, "", "format"), "format");
    if (format != ScenarioFormat)
        r.fail("format",
               "is " + report::echoed(format) + "; a scenario file says '" + ScenarioFormat + "'");
    const Json& version = r.member(root, "", "version");
    if (!version.is_number_integer())
        r.fail("version", std::string("must be a whole number, found ") + jsonTypeName(version));
    // Unsigned first: 18446744073709551615 is not -1.
    if ((version.is_number_unsigned() &&
         version.get<std::uint64_t>() > static_cast<std::uint64_t>(ScenarioVersion)) ||
        (!version.is_number_unsigned() && version.get<std::int64_t>() > ScenarioVersion))
        r.fail("version", "is " + version.dump() + ", newer than this program reads (" +
                              std::to_string(ScenarioVersion) + "); open it with a newer Prospect");
    if (version.get<std::int64_t>() < 1)
        r.fail("version", "is " + version.dump() + "; versions start at 1");
    Scenario s;
    if (const Json* v = r.optionalMember(root, "name"))
        s.name = r.string(*v, "name");
    if (const Json* v = r.optionalMember(root, "title"))
        s.title = r.string(*v, "title");
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
    if (const Json* v = r.optionalMember(root, "lesson"))
        readLesson(r, *v, version.get<std::int64_t>(), s);
    // Whatever the field checks let through (they should catch everything) is still refused.
    const std::vector<std::string> problems = s.validate();
    if (!problems.empty())
        r.fail("network", problems.front());
    return s;
}

}  // namespace

ScenarioResult parseScenario(std::string_view text, const std::string& source) {
    ScenarioResult result;
    try {
        result.scenario = readScenario(JsonReader{}, parseJson(text));
    } catch (const JsonSyntaxError& e) {
        // e.position is the 1-based position of the problem; turn it into line and column.
        const size_t byte = std::min(e.position == 0 ? 0 : e.position - 1, text.size());
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
    } catch (const FieldError& e) {
        result.error = source + ": " + (e.field.empty() ? std::string("the file") : e.field) +
                       ": " + e.problem;
    } catch (const Json::exception&) {
        // The field checks come first and should leave nothing to the library; if they do, its
        // text is not for the user.
        result.error = source + ": the file cannot be read as a scenario";
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

}  // namespace engine
