#pragma once

#include <QFont>
#include <QString>
#include <vector>

#include "ui/views/look.h"
#include "ui/views/synapseplan.h"

class QPainter;

namespace ui {

/// How a weight change reads beside its synapse: its sign always written, "+0.13", "−0.2".
QString changeText(double delta);

/// The flash of the synapses an update changed, drawn under the neurons: a wide band of the
/// look's plasticity colour along each changed synapse.
void drawChangeFlashes(QPainter& p, const std::vector<SynapseChange>& changes, const Look& look,
                       double width);

/// The changes printed in the plasticity colour on white, a little past the middle of each
/// line (so that crossing lines keep their labels apart), largest first, at most `most` of
/// them, none over another and none within `clearance` of a line's ends (the neurons); drawn
/// over everything. A change with no room is left out (the tooltip has it). Returns how many
/// were printed.
int drawChangeLabels(QPainter& p, const std::vector<SynapseChange>& changes, const Look& look,
                     const QFont& font, int most, double clearance);

}  // namespace ui
