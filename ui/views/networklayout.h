#pragma once

#include <QPointF>
#include <QRectF>
#include <optional>
#include <vector>

namespace ui {

/// A neuron: layer 0..L, index within the layer.
struct NeuronId {
    int layer = 0;
    int index = 0;
    bool operator==(const NeuronId&) const = default;
};

/// A synapse of W^layer (layer 1..L) from neuron `pre` of layer-1 to neuron `post` of layer.
struct SynapseId {
    int layer = 1;
    int post = 0;
    int pre = 0;
    bool operator==(const SynapseId&) const = default;
};

/// What the user selected in a network view.
struct Selection {
    std::optional<NeuronId> neuron;
    std::optional<SynapseId> synapse;
    bool empty() const { return !neuron && !synapse; }
};

/// Geometry of a layered network drawn left (input) to right (output): neuron centres, radius
/// and hit tests. Widget-free so it can be tested without a display.
class NetworkLayout {
public:
    /// Lays out layers of the given sizes inside `area`; no circle gets a larger radius than
    /// `maxRadius`.
    void setGeometry(const std::vector<int>& sizes, const QRectF& area, double maxRadius = 34.0);

    int layerCount() const { return static_cast<int>(m_sizes.size()); }
    int layerSize(int layer) const { return m_sizes[static_cast<size_t>(layer)]; }
    /// Centre of a neuron.
    QPointF centre(int layer, int index) const;
    /// Radius of every neuron (same for all, so sizes compare at a glance).
    double radius() const { return m_radius; }
    /// Horizontal position of a layer's column.
    double columnX(int layer) const;
    /// Vertical distance between neighbouring neurons of a layer.
    double rowStep() const { return m_rowStep; }

    /// Whether `s` names a neuron or synapse of this network (false for an empty selection).
    bool contains(const Selection& s) const;
    /// The neuron whose circle contains `p`.
    std::optional<NeuronId> neuronAt(const QPointF& p) const;
    /// The synapse whose line passes within `tolerance` pixels of `p` (outside every circle).
    std::optional<SynapseId> synapseAt(const QPointF& p, double tolerance) const;

private:
    std::vector<int> m_sizes;
    QRectF m_area;
    double m_radius = 10.0;
    double m_columnStep = 0.0;
    double m_rowStep = 0.0;
};

/// Distance from p to the segment a-b.
double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b);

}  // namespace ui
