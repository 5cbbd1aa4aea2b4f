#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "engine/core/network.h"

namespace engine {
struct Scenario;
}

namespace ui {

/// The one way the window names neurons and synapses: in the network views and their tooltips,
/// the energy machine, the inspector, the plots and the scenario editor. Inputs and outputs go
/// by the scenario's names where it has them ("river", "sound"), other neurons by their role and
/// a number from 1: "in1", "out2", "h3" (with several hidden layers "h2.3", neuron 3 of hidden
/// layer 2). A synapse is "pre → post" ("h1 → smell"). CSV headers keep their documented
/// 0-based form (output_0, w1_0_0).
class NeuronNames {
public:
    NeuronNames() = default;
    /// Layer sizes 0..L and the plain names of the inputs and outputs (either may be shorter
    /// than its layer).
    NeuronNames(std::vector<int> sizes, QStringList inputs, QStringList outputs);
    /// The names of a scenario's network.
    static NeuronNames of(const engine::Scenario& scenario);
    /// The names of a network of shape `spec` with the given input and output names.
    static NeuronNames of(const engine::NetworkSpec& spec, const QStringList& inputs,
                          const QStringList& outputs);

    /// Neuron `index` (0-based) of layer `layer` (0..L).
    QString neuron(int layer, int index) const;
    /// The synapse of W^layer from neuron `pre` of layer - 1 to neuron `post` of layer.
    QString synapse(int layer, int post, int pre) const;
    /// "input", "output", "hidden layer 2" or, with one hidden layer, "hidden".
    QString layer(int layer) const;
    /// W^layer's name: "W2 (hidden → output)".
    QString weights(int layer) const;
    int depth() const { return static_cast<int>(m_sizes.size()) - 1; }

private:
    std::vector<int> m_sizes;
    QStringList m_inputs, m_outputs;
};

}  // namespace ui
