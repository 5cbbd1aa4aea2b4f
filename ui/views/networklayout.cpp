#include "ui/views/networklayout.h"

#include <algorithm>
#include <cmath>

namespace ui {

void NetworkLayout::setGeometry(const std::vector<int>& sizes, const QRectF& area,
                                double maxRadius) {
    m_sizes = sizes;
    m_area = area;
    const int layers = std::max(1, layerCount());
    const int widest =
        sizes.empty() ? 1 : std::max(1, *std::max_element(sizes.begin(), sizes.end()));
    m_columnStep = layers > 1 ? area.width() / layers : area.width();
    const double rowStep = area.height() / widest;
    m_rowStep = rowStep;
    // Circles fill at most 70 % of a row and 36 % of a column, and never grow silly on big screens.
    m_radius =
        std::clamp(std::min(0.35 * rowStep, 0.18 * m_columnStep), 3.0, std::max(3.0, maxRadius));
}

double NetworkLayout::columnX(int layer) const {
    return m_area.left() + (layer + 0.5) * m_columnStep;
}

QPointF NetworkLayout::centre(int layer, int index) const {
    const int n = std::max(1, m_sizes[static_cast<size_t>(layer)]);
    const double rowStep =
        m_area.height() / std::max(1, *std::max_element(m_sizes.begin(), m_sizes.end()));
    // Each layer is centred vertically; rows keep the same spacing in every layer.
    const double top = m_area.center().y() - 0.5 * (n - 1) * rowStep;
    return {columnX(layer), top + index * rowStep};
}

bool NetworkLayout::contains(const Selection& s) const {
    auto has = [this](int layer, int index) {
        return layer >= 0 && layer < layerCount() && index >= 0 && index < layerSize(layer);
    };
    if (s.neuron)
        return has(s.neuron->layer, s.neuron->index);
    if (s.synapse)
        return s.synapse->layer >= 1 && has(s.synapse->layer, s.synapse->post) &&
               has(s.synapse->layer - 1, s.synapse->pre);
    return false;
}

std::optional<NeuronId> NetworkLayout::neuronAt(const QPointF& p) const {
    for (int l = 0; l < layerCount(); ++l)
        for (int i = 0; i < layerSize(l); ++i) {
            const QPointF d = p - centre(l, i);
            if (std::hypot(d.x(), d.y()) <= m_radius)
                return NeuronId{l, i};
        }
    return std::nullopt;
}

std::optional<SynapseId> NetworkLayout::synapseAt(const QPointF& p, double tolerance) const {
    if (neuronAt(p))
        return std::nullopt;
    std::optional<SynapseId> best;
    double bestDistance = tolerance;
    for (int l = 1; l < layerCount(); ++l) {
        if (p.x() < columnX(l - 1) || p.x() > columnX(l))
            continue;
        for (int i = 0; i < layerSize(l); ++i)
            for (int j = 0; j < layerSize(l - 1); ++j) {
                const double d = distanceToSegment(p, centre(l - 1, j), centre(l, i));
                if (d <= bestDistance) {
                    bestDistance = d;
                    best = SynapseId{l, i, j};
                }
            }
    }
    return best;
}

double distanceToSegment(const QPointF& p, const QPointF& a, const QPointF& b) {
    const QPointF ab = b - a, ap = p - a;
    const double len2 = ab.x() * ab.x() + ab.y() * ab.y();
    double t = len2 > 0 ? (ap.x() * ab.x() + ap.y() * ab.y()) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF q = a + t * ab - p;
    return std::hypot(q.x(), q.y());
}

}  // namespace ui
