// Writing scenario files (scenariofile.h): the scenario as ordered JSON, one function per
// section, printed with lists of numbers kept compact and numbers that read back bit for bit.

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "engine/report/format.h"
#include "engine/scenario/lessonjson.h"
#include "engine/scenario/scenariofile.h"

namespace engine {

namespace {

using OJson = nlohmann::ordered_json;  // keeps the order fields are written in

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
            // -0 would read back as the integer 0, losing the sign (found by fuzz_scenario).
            const double v = j.get<double>();
            m_out << (v == 0.0 && std::signbit(v) ? std::string("-0.0") : report::formatNumber(v));
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

OJson layersJson(const Scenario& s) {
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
    return layers;
}

OJson weightsJson(const WeightLayerSpec& w) {
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
    return entry;
}

OJson taskJson(const ChoiceTaskConfig& c) {
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
    return task;
}

OJson trialsJson(const Scenario& s) {
    OJson list = OJson::array();
    for (size_t k = 0; k < s.trials.size();) {
        // Identical neighbours without a label of their own are written once with a count.
        size_t n = 1;
        while (k + n < s.trials.size() && (s.trialLabels.empty() || s.trialLabels[k + n].empty()) &&
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
    return OJson{{"order", trialOrderName(s.order)}, {"list", list}};
}

OJson viewJson(const ViewSettings& v) {
    OJson view{{"energy_machine", v.energyMachine}};
    if (!v.plot.empty())
        view["plot"] = v.plot;
    OJson panes = OJson::array();
    if (v.showBp)
        panes.push_back("bp");
    if (v.showPc)
        panes.push_back("pc");
    view["panes"] = panes;
    return view;
}

}  // namespace

std::string scenarioToJson(const Scenario& s) {
    OJson root = OJson::object();
    root["format"] = ScenarioFormat;
    root["version"] = ScenarioVersion;
    if (!s.name.empty())
        root["name"] = s.name;
    if (!s.title.empty())
        root["title"] = s.title;
    if (!s.lesson.empty())
        root["lesson"] = lessonJson(s);
    root["seed"] = s.seed;
    OJson weights = OJson::array();
    for (const WeightLayerSpec& w : s.spec.weights)
        weights.push_back(weightsJson(w));
    root["network"] = OJson{{"layers", layersJson(s)}, {"weights", weights}};
    if (s.task)
        root["task"] = taskJson(*s.task);
    else
        root["trials"] = trialsJson(s);
    root["bp"] = OJson{{"alpha", s.bp.alpha}};
    root["pc"] = OJson{{"alpha", s.pc.alpha},
                       {"T", s.pc.iterations},
                       {"gamma0", s.pc.gamma0},
                       {"discount", s.pc.discount}};
    root["view"] = viewJson(s.view);
    Writer w;
    w.write(root, 0);
    return w.text() + "\n";
}

}  // namespace engine
