#pragma once

// Edits of a scenario as pure functions: each returns the edited copy (or the reason it cannot
// be done), so undo is "go back to the copy before". Edits that change single weights or the
// structure first make every weight explicit; structural edits keep every weight that still
// exists (a weight keeps its value as long as its two neurons do).

#include <optional>
#include <string>
#include <variant>

#include "engine/scenario/scenario.h"

namespace engine::edit {

/// The edited scenario, or why the edit is refused.
struct Result {
    std::optional<Scenario> scenario;
    std::string problem;
};

/// W^l(post, pre) = value (l = 1..L).
Result setWeight(const Scenario& s, Index l, Index post, Index pre, Scalar value);
/// b^l(i) = value; the layer must have a bias.
Result setBias(const Scenario& s, Index l, Index i, Scalar value);
/// Input neuron i of trial k.
Result setInput(const Scenario& s, std::size_t k, Index i, Scalar value);
/// Target of output neuron i in trial k; std::nullopt = no target (the output gets no error).
Result setTarget(const Scenario& s, std::size_t k, Index i, std::optional<Scalar> value);

/// A copy of trial k inserted after it.
Result duplicateTrial(const Scenario& s, std::size_t k);
/// Trial k removed (one must stay).
Result removeTrial(const Scenario& s, std::size_t k);
/// Trial k moved to position `to`.
Result moveTrial(const Scenario& s, std::size_t k, std::size_t to);
Result setOrder(const Scenario& s, TrialOrder order);

/// A neuron appended to layer l (0..L). Its incoming weights are drawn (Xavier-uniform from the
/// seed), its outgoing weights are 0, so the network computes the same function as before. A new
/// input is 0 in every trial; a new output has target 0.
Result addNeuron(const Scenario& s, Index l);
/// Neuron i of layer l removed with its synapses (a layer keeps at least one neuron).
Result removeNeuron(const Scenario& s, Index l, Index i);
/// A hidden layer inserted before layer l (1..L), as wide as layer l-1, identity activation,
/// with identity weights from layer l-1; the old W^l now leaves it. The function is unchanged.
Result insertLayer(const Scenario& s, Index l);
/// Hidden layer l (1..L-1) removed; W^{l+1} W^l joins its neighbours (exact for identity).
Result removeLayer(const Scenario& s, Index l);
/// Activation of hidden layer l.
Result setActivation(const Scenario& s, Index l, Activation a);
/// Bias of layer l on (zeros) or off.
Result setHasBias(const Scenario& s, Index l, bool on);
/// Whether W^l learns.
Result setTrainable(const Scenario& s, Index l, bool on);
/// Learning rate of W^l (std::nullopt = the rule's alpha).
Result setLearningRate(const Scenario& s, Index l, std::optional<Scalar> rate);

/// Hyper-parameters of both rules.
Result setConfigs(const Scenario& s, const BpConfig& bp, const PcConfig& pc);
/// A new seed (new random initial weights where they are drawn).
Result setSeed(const Scenario& s, std::uint64_t seed);

}  // namespace engine::edit
