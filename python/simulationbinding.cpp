// prospect.Simulation: one learning rule (BP or PC) on a copy of a network, stepped by
// iteration, phase or trial; its state read as numpy arrays (copies).

#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/simulation.h"
#include "engine/scenario/scenario.h"
#include "python/bindings.h"

namespace py = pybind11;

namespace prospect_python {

namespace {

using engine::Index;
using engine::Matrix;

engine::Rule ruleOf(const std::string& name) {
    if (name == "pc" || name == "PC")
        return engine::Rule::PC;
    if (name == "bp" || name == "BP")
        return engine::Rule::BP;
    throw py::value_error("rule: '" + name + "' is not 'bp' or 'pc'");
}

/// The rules' settings with the keyword arguments (alpha, T, gamma0, discount) applied.
struct RuleSettings {
    std::optional<double> alpha, gamma0, discount;
    std::optional<int> iterations;

    void applyTo(engine::PcConfig& pc, engine::BpConfig& bp) const {
        if (alpha)
            pc.alpha = bp.alpha = *alpha;
        if (iterations)
            pc.iterations = *iterations;
        if (gamma0)
            pc.gamma0 = *gamma0;
        if (discount)
            pc.discount = *discount;
        raiseProblems("PC's settings are not valid:", pc.validate());
        raiseProblems("BP's settings are not valid:", bp.validate());
    }
};

std::unique_ptr<engine::Simulation> makeSimulation(const engine::Network& net, engine::Rule rule,
                                                   engine::PcConfig pc, engine::BpConfig bp,
                                                   const RuleSettings& settings) {
    settings.applyTo(pc, bp);
    if (rule == engine::Rule::PC)
        return std::make_unique<engine::Simulation>(net, pc);
    return std::make_unique<engine::Simulation>(net, bp);
}

std::unique_ptr<engine::Simulation> fromScenario(const engine::Scenario& s, const std::string& rule,
                                                 RuleSettings settings) {
    raiseProblems("the scenario is not valid:", s.validate());
    auto sim = makeSimulation(s.network(), ruleOf(rule), s.pc, s.bp, settings);
    s.applyTrials(*sim);
    return sim;
}

/// Trials from numpy: a list of (input n_0 x B, target n_L x B) matrices each, or two 2-D arrays
/// whose rows are single samples.
std::vector<engine::Trial> trialsOf(const py::object& inputs, const py::object& targets) {
    std::vector<engine::Trial> trials;
    if (py::isinstance<py::list>(inputs) || py::isinstance<py::tuple>(inputs)) {
        const auto in = inputs.cast<std::vector<Matrix>>();
        const auto out = targets.cast<std::vector<Matrix>>();
        if (in.size() != out.size())
            throw py::value_error("give as many targets as inputs");
        for (size_t k = 0; k < in.size(); ++k)
            trials.push_back({in[k], out[k], {}});
        return trials;
    }
    const auto in = inputs.cast<Matrix>();
    const auto out = targets.cast<Matrix>();
    if (in.rows() != out.rows())
        throw py::value_error("inputs and targets need the same number of rows (samples)");
    for (Index k = 0; k < in.rows(); ++k)
        trials.push_back(engine::Trial::single(in.row(k).transpose(), out.row(k).transpose()));
    return trials;
}

void checkLayer(const engine::Simulation& sim, Index l, Index first) {
    if (l < first || l > sim.network().depth())
        throw py::index_error("layer " + std::to_string(l) + " does not exist (" +
                              std::to_string(first) + ".." + std::to_string(sim.network().depth()) +
                              ")");
}

const engine::LayerState& layerOf(const engine::Snapshot& s, Index l) {
    return s.layers[static_cast<size_t>(l)];
}

/// Replaces W^l or b^l through a snapshot, so the run goes on from the same point.
void setParameter(engine::Simulation& sim, Index l, const Matrix& value, bool bias) {
    checkLayer(sim, l, 1);
    const engine::Network& net = sim.network();
    const Index rows = net.size(l), cols = bias ? 1 : net.size(l - 1);
    if (value.rows() != rows || value.cols() != cols)
        throw py::value_error(std::string(bias ? "bias " : "weight ") + std::to_string(l) +
                              " must be " + std::to_string(rows) + " x " + std::to_string(cols));
    if (!value.allFinite())
        throw py::value_error("the values must be finite");
    engine::Snapshot s = *sim.snapshot();
    if (bias)
        s.biases[static_cast<size_t>(l)] = value.col(0);
    else
        s.weights[static_cast<size_t>(l)] = value;
    sim.restore(s);
}

using SimClass = py::class_<engine::Simulation>;

/// step_iteration() .. step_trials(), reset().
void bindStepping(SimClass& sim) {
    using engine::Simulation;
    sim.def("step_iteration", &Simulation::stepIteration, "One micro-step; False when stopped.")
        .def("step_phase", &Simulation::stepPhase, "To the end of the current phase.")
        .def("step_trial", &Simulation::stepTrial, "To the end of the current (or next) trial.")
        .def("step_trials", &Simulation::stepTrials, py::arg("n"),
             py::call_guard<py::gil_scoped_release>(),
             "n trials (without the GIL); False when the run stopped early.")
        .def(
            "reset", [](Simulation& s, const engine::Network& net) { s.reset(net); },
            py::arg("network"), "Back to `network`, no trial done.");
}

/// rule, phase, status, counters, loss and energy.
void bindCounters(SimClass& sim) {
    using engine::Simulation;
    sim.def_property_readonly("rule",
                              [](const Simulation& s) { return engine::ruleName(s.rule()); })
        .def_property_readonly(
            "phase", [](const Simulation& s) { return engine::phaseName(s.snapshot()->phase); })
        .def_property_readonly("status",
                               [](const Simulation& s) {
                                   switch (s.status()) {
                                       case engine::Status::Ok:
                                           return "ok";
                                       case engine::Status::Diverged:
                                           return "diverged";
                                       case engine::Status::BadTrial:
                                           return "bad trial";
                                   }
                                   return "ok";
                               })
        .def_property_readonly("problem", &Simulation::problem)
        .def_property_readonly("trials_completed", &Simulation::trialsCompleted)
        .def_property_readonly("iteration",
                               [](const Simulation& s) { return s.snapshot()->iteration; })
        .def_property_readonly("steps", &Simulation::stepCount)
        .def_property_readonly("between_trials", &Simulation::betweenTrials)
        .def_property_readonly("loss", &Simulation::loss,
                               "1/2 ||y - mu^L||^2 of this trial's feed-forward pass.")
        .def_property_readonly("energy", &Simulation::energy, "PC: F. BP: the loss.")
        .def_property_readonly(
            "network", [](const Simulation& s) { return engine::Network(s.network()); },
            "A copy of the current network (changing it does not change the run).");
}

/// The state as numpy arrays, and set_weight(), set_bias().
void bindArrays(SimClass& sim) {
    using engine::Simulation;
    sim.def(
           "activity",
           [](const Simulation& s, Index l) {
               checkLayer(s, l, 0);
               return Matrix(s.activity(l));
           },
           py::arg("layer"), "x^l (n_l x B): PC's value nodes, BP's pre-activations.")
        .def(
            "prediction",
            [](const Simulation& s, Index l) {
                checkLayer(s, l, 0);
                return Matrix(layerOf(*s.snapshot(), l).mu);
            },
            py::arg("layer"), "mu^l (n_l x B).")
        .def(
            "error",
            [](const Simulation& s, Index l) {
                checkLayer(s, l, 0);
                return Matrix(layerOf(*s.snapshot(), l).eps);
            },
            py::arg("layer"), "eps^l (n_l x B).")
        .def_property_readonly(
            "output", [](const Simulation& s) { return Matrix(s.prediction()); },
            "Feed-forward prediction mu^L at the start of the current (or last) trial.")
        .def_property_readonly(
            "energies",
            [](const Simulation& s) {
                const auto snap = s.snapshot();
                engine::Vector e(static_cast<Index>(snap->layers.size()));
                for (size_t l = 0; l < snap->layers.size(); ++l)
                    e(static_cast<Index>(l)) = snap->layers[l].energy;
                return e;
            },
            "E_l = 1/2 ||eps^l||^2 for l = 0..L.")
        .def_property_readonly(
            "energy_trace", [](const Simulation& s) { return Matrix(s.snapshot()->energyTrace); },
            "This trial's energy per inference iteration: row k after k iterations, column 0 F, "
            "column l E_l.")
        .def(
            "weight",
            [](const Simulation& s, Index l) {
                checkLayer(s, l, 1);
                return Matrix(s.network().weight(l));
            },
            py::arg("layer"), "W^l (n_l x n_{l-1}).")
        .def(
            "bias",
            [](const Simulation& s, Index l) {
                checkLayer(s, l, 1);
                return engine::Vector(s.network().bias(l));
            },
            py::arg("layer"), "b^l.")
        .def(
            "set_weight",
            [](Simulation& s, Index l, const Matrix& w) { setParameter(s, l, w, false); },
            py::arg("layer"), py::arg("weight"), "Replaces W^l; the run goes on from here.")
        .def(
            "set_bias",
            [](Simulation& s, Index l, const engine::Vector& b) { setParameter(s, l, b, true); },
            py::arg("layer"), py::arg("bias"), "Replaces b^l.");
}

}  // namespace

void bindSimulation(py::module_& m) {
    using engine::Simulation;
    SimClass sim(
        m, "Simulation",
        "One learning rule on a copy of a network, advanced by iteration, phase or trial.");
    sim.def(py::init([](const engine::Scenario& s, const std::string& rule,
                        std::optional<double> alpha, std::optional<int> T,
                        std::optional<double> gamma0, std::optional<double> discount) {
                return fromScenario(s, rule, {alpha, gamma0, discount, T});
            }),
            py::arg("scenario"), py::arg("rule") = "pc", py::kw_only(),
            py::arg("alpha") = py::none(), py::arg("T") = py::none(),
            py::arg("gamma0") = py::none(), py::arg("discount") = py::none(),
            "The scenario's network, trials and settings for `rule` ('bp' or 'pc'); keywords "
            "override the settings.")
        .def(py::init([](const engine::Network& net, const std::string& rule,
                         std::optional<double> alpha, std::optional<int> T,
                         std::optional<double> gamma0, std::optional<double> discount) {
                 return makeSimulation(net, ruleOf(rule), {}, {}, {alpha, gamma0, discount, T});
             }),
             py::arg("network"), py::arg("rule") = "pc", py::kw_only(),
             py::arg("alpha") = py::none(), py::arg("T") = py::none(),
             py::arg("gamma0") = py::none(), py::arg("discount") = py::none(),
             "A simulation of `network` (copied); give it trials with set_trials().")
        .def(
            "set_trials",
            [](Simulation& s, const py::object& inputs, const py::object& targets) {
                raiseProblems("the trials do not fit the network:",
                              s.setTrials(trialsOf(inputs, targets)));
            },
            py::arg("inputs"), py::arg("targets"),
            "Trials to cycle through: 2-D arrays with one sample per row, or lists of (n x B) "
            "matrices, one per trial.");
    bindStepping(sim);
    bindCounters(sim);
    bindArrays(sim);
}

}  // namespace prospect_python
