#pragma once

#include <QLineF>
#include <QVector>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "ui/views/networklayout.h"

namespace ui {

/// Which synapses a network view draws and how, worked out without painting (so tests can check
/// it). Absent synapses of a mask are never drawn. Dense networks (more than DenseSynapses)
/// group their lines by pen, and very dense ones (more than MaxDrawnSynapses) keep only each
/// layer's strongest share of them; the selection's synapses are always drawn, last.
struct SynapsePlan {
    static constexpr int DenseSynapses = 300;
    static constexpr int MaxDrawnSynapses = 1200;
    /// |w| is quantised to this many pen widths in dense networks.
    static constexpr int Levels = 16;

    struct Line {
        QLineF line;  ///< from the presynaptic to the postsynaptic neuron
        double weight = 0.0;
        bool fixed = false;  ///< does not learn
    };
    /// Lines of one pen: |w| near level / Levels of the weight range, the sign and fixedness.
    struct Bucket {
        int level = 0;
        bool negative = false;
        bool fixed = false;
        QVector<QLineF> lines;
    };

    bool dense = false;
    std::vector<Line> lines;         ///< sparse networks: one pen each
    std::vector<Bucket> buckets;     ///< dense networks
    std::vector<Line> highlighted;   ///< the selected synapse, or those of a selected neuron
    std::vector<QLineF> fixedMarks;  ///< fixed synapses outside the selection get a bar
    int drawn = 0;                   ///< synapses drawn
    int total = 0;                   ///< synapses present
};

/// A synapse that the update on show changed: flashed, with its change printed beside it.
struct SynapseChange {
    SynapseId id;
    QLineF line;  ///< from the presynaptic to the postsynaptic neuron
    double delta = 0.0;
};
/// At most this many changes are flashed (the largest ones).
constexpr int MaxFlashedChanges = 200;

/// The synapses whose weight the last update of `s` changed, largest change first, while `s`
/// shows that update (phase Update); empty at every other phase. Absent synapses and changes
/// that are zero up to rounding are left out.
std::vector<SynapseChange> synapseChanges(const engine::Snapshot& s,
                                          const engine::NetworkSpec& spec,
                                          const NetworkLayout& layout);

/// The plan for weights `weights` (indexed by layer 1..L) of a network of shape `spec` laid out
/// by `layout`, with `selection` highlighted; `weightRange` is the range of the colour map.
SynapsePlan planSynapses(const engine::NetworkSpec& spec,
                         const std::vector<engine::Matrix>& weights, const NetworkLayout& layout,
                         const Selection& selection, double weightRange);

}  // namespace ui
