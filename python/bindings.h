#pragma once

// The pieces of the Python module `prospect`, each adding its classes and functions to it.

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

namespace prospect_python {

/// Raises ValueError with every problem, one per line, after `what` (nothing when empty).
void raiseProblems(const std::string& what, const std::vector<std::string>& problems);

/// Scenario and Network.
void bindScenario(pybind11::module_& m);
/// Simulation: one rule stepped on one network.
void bindSimulation(pybind11::module_& m);
/// Trainer: fast mini-batch training of one rule.
void bindTrainer(pybind11::module_& m);
/// experiment(), experiments(), experiment_options(), experiment_frame().
void bindExperiments(pybind11::module_& m);

}  // namespace prospect_python
