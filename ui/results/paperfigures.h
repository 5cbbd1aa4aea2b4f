#pragma once

// The paper's figures that Prospect draws, in the paper's order, for the lab window's Paper menu:
// each figure's label, the results-window tab that draws it from a fresh run, and the lab preset
// that shows the same effect live.

#include <QString>
#include <functional>
#include <vector>

class QMenu;

namespace ui {

/// One of the paper's figures. `experiment` and `preset` may be empty (no tab, no preset).
struct PaperFigure {
    QString label;       ///< The paper's panel label ("Fig. 3e"), or a short name without one.
    QString title;       ///< What it shows ("target alignment against depth").
    QString experiment;  ///< The command line's experiment, whose results tab draws it.
    QString preset;      ///< The lab preset that shows the same effect live.
};

/// The figures: Fig. 1/3a, Fig. 2, Fig. 3d, Fig. 3e in the paper's order, then the figures
/// of the other small experiments and the learning experiments.
const std::vector<PaperFigure>& paperFigures();

/// Fills `menu` with, per figure, an entry for the figure ("Fig. 3e: target alignment against
/// depth", which calls showFigure(experiment)) and one for its live preset ("Fig. 3e live: ...",
/// which calls loadPreset(preset)), a separator between figures. The entries' object names are
/// "paperFigure:EXPERIMENT" and "paperPreset:PRESET".
void fillPaperMenu(QMenu* menu, const std::function<void(const QString&)>& showFigure,
                   const std::function<void(const QString&)>& loadPreset);

}  // namespace ui
