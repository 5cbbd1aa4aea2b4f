#pragma once

// The texts a network view shows, worked out without a widget: its legend, broken into lines,
// and its tooltips.

#include <QString>
#include <QStringList>

#include "engine/core/simulation.h"
#include "ui/views/networklayout.h"
#include "ui/views/neuronnames.h"
#include "ui/views/synapseplan.h"

class QFontMetricsF;

namespace ui {

/// What the colours, dashes and marks of a rule's view mean, as parts joined by " · "
/// (`changes`: the view shows an update's flashes).
QString legendText(engine::Rule rule, const SynapsePlan& plan, bool changes = false);

/// `text` broken at its " · " separators into at most `lines` lines of `width` pixels; the
/// last line ends in "…" when the rest does not fit, and so does any single part too long for
/// a line.
QStringList wrapLegend(const QString& text, const QFontMetricsF& fm, double width, int lines);

/// The numbers of a neuron (activity, prediction, error; BP also its backprop error) and of a
/// synapse (weight, last change), as rich text.
/// Both are named as `names` names them.
QString neuronTooltip(engine::Rule rule, const engine::Snapshot& s, const NeuronId& n,
                      const NeuronNames& names);
QString synapseTooltip(const engine::Snapshot& s, const SynapseId& syn, const NeuronNames& names);

}  // namespace ui
