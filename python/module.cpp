// The Python module `prospect`: scenarios and networks (this file), simulations
// (simulationbinding.cpp) and the paper's experiments (experimentbinding.cpp), on the engine alone.

#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "python/bindings.h"

namespace py = pybind11;

namespace prospect_python {

void raiseProblems(const std::string& what, const std::vector<std::string>& problems) {
    if (problems.empty())
        return;
    std::string text = what;
    for (const std::string& p : problems)
        text += "\n" + p;
    throw py::value_error(text);
}

namespace {

engine::Scenario presetScenario(const std::string& name) {
    const engine::Scenario* s = engine::findPreset(name);
    if (!s)
        throw py::value_error("no preset called '" + name + "' (see prospect.presets())");
    return *s;
}

engine::Scenario scenarioResult(engine::ScenarioResult r) {
    if (!r.scenario)
        throw py::value_error(r.error);
    return std::move(*r.scenario);
}

engine::Initialiser initialiser(const std::string& name) {
    if (name == "xavier-uniform")
        return engine::Initialiser::xavierUniform();
    if (name == "xavier-normal")
        return engine::Initialiser::xavierNormal();
    throw py::value_error("init: '" + name + "' is not xavier-uniform or xavier-normal");
}

engine::Activation activationOf(const std::string& name) {
    const auto f = engine::parseActivation(name);
    if (!f)
        throw py::value_error("activation: '" + name +
                              "' is not identity, tanh, sigmoid, relu or leaky-relu");
    return *f;
}

/// `activation`: one name for every hidden layer, or a list with one name per hidden layer.
engine::Network layeredNetwork(const std::vector<engine::Index>& sizes,
                               const py::object& activation, std::uint64_t seed, bool bias,
                               const std::string& init) {
    std::vector<std::string> names;
    if (py::isinstance<py::str>(activation))
        names.push_back(activation.cast<std::string>());
    else
        names = activation.cast<std::vector<std::string>>();
    const size_t hidden = sizes.size() >= 2 ? sizes.size() - 2 : 0;
    if (names.size() != 1 && names.size() != hidden)
        throw py::value_error("activation: give one name, or one per hidden layer (" +
                              std::to_string(hidden) + ")");
    engine::NetworkSpec spec =
        engine::NetworkSpec::layered(sizes, activationOf(names.front()), initialiser(init), bias);
    for (size_t l = 1; l <= hidden && names.size() > 1; ++l)
        spec.activations[l] = activationOf(names[l - 1]);
    raiseProblems("the network is not valid:", spec.validate());
    return engine::Network(std::move(spec), seed);
}

void checkLayer(const engine::Network& net, engine::Index l) {
    if (l < 1 || l > net.depth())
        throw py::index_error("weight layer " + std::to_string(l) + " does not exist (1.." +
                              std::to_string(net.depth()) + ")");
}

}  // namespace

void bindScenario(py::module_& m) {
    py::class_<engine::Scenario>(m, "Scenario",
                                 "A network, its trials and both rules' settings (a scenario file "
                                 "or a bundled preset).")
        .def_static("preset", &presetScenario, py::arg("name"), "The bundled preset `name`.")
        .def_static(
            "load",
            [](const std::string& path) { return scenarioResult(engine::readScenarioFile(path)); },
            py::arg("path"), "Reads a scenario file (.prospect.json).")
        .def_static(
            "from_json",
            [](const std::string& text) {
                return scenarioResult(engine::parseScenario(text, "<text>"));
            },
            py::arg("text"), "Parses the text of a scenario file.")
        .def("to_json", &engine::scenarioToJson, "The scenario as the text of a file.")
        .def_readonly("name", &engine::Scenario::name)
        .def_readonly("title", &engine::Scenario::title)
        .def_readonly("seed", &engine::Scenario::seed)
        .def_property_readonly("sizes", [](const engine::Scenario& s) { return s.spec.sizes; })
        .def_property_readonly("trial_count",
                               [](const engine::Scenario& s) { return s.trials.size(); })
        .def("network", &engine::Scenario::network,
             "The initial network (random weights drawn with the seed).")
        .def("__repr__", [](const engine::Scenario& s) {
            return "<prospect.Scenario '" + (s.name.empty() ? s.title : s.name) + "'>";
        });

    py::class_<engine::Network>(m, "Network",
                                "Weights and biases of a layered network (W^l is post x pre).")
        .def(py::init(&layeredNetwork), py::arg("sizes"), py::arg("activation") = "identity",
             py::arg("seed") = 0, py::arg("bias") = false, py::arg("init") = "xavier-uniform",
             "A fully connected net: layer sizes n_0..n_L, the hidden layers' activation (one "
             "name, or a list with one per hidden layer), weights drawn with `seed`.")
        .def_property_readonly("depth", &engine::Network::depth)
        .def_property_readonly("sizes", [](const engine::Network& n) { return n.spec().sizes; })
        .def_property_readonly("activations",
                               [](const engine::Network& n) {
                                   std::vector<std::string> names;
                                   for (engine::Index l = 0; l <= n.depth(); ++l)
                                       names.push_back(engine::activationName(n.activation(l)));
                                   return names;
                               })
        .def(
            "weight",
            [](const engine::Network& n, engine::Index l) {
                checkLayer(n, l);
                return engine::Matrix(n.weight(l));
            },
            py::arg("layer"), "W^l (n_l x n_{l-1}), a copy.")
        .def(
            "bias",
            [](const engine::Network& n, engine::Index l) {
                checkLayer(n, l);
                return engine::Vector(n.bias(l));
            },
            py::arg("layer"), "b^l (zeros when the layer has none), a copy.")
        .def(
            "set_weight",
            [](engine::Network& n, engine::Index l, const engine::Matrix& w) {
                checkLayer(n, l);
                if (w.rows() != n.size(l) || w.cols() != n.size(l - 1))
                    throw py::value_error("weight " + std::to_string(l) + " must be " +
                                          std::to_string(n.size(l)) + " x " +
                                          std::to_string(n.size(l - 1)));
                n.setWeight(l, w);
            },
            py::arg("layer"), py::arg("weight"), "Replaces W^l.");
}

}  // namespace prospect_python

PYBIND11_MODULE(prospect, m) {
    m.doc() = "Backpropagation and prospective configuration, side by side: Prospect's engine.";
    m.def(
        "presets",
        [] {
            std::vector<std::string> names;
            for (const engine::Scenario& s : engine::presets())
                names.push_back(s.name);
            return names;
        },
        "Names of the bundled presets.");
    prospect_python::bindScenario(m);
    prospect_python::bindSimulation(m);
    prospect_python::bindTrainer(m);
    prospect_python::bindExperiments(m);
}
