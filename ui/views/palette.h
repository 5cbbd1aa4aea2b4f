#pragma once

#include <QColor>

#include <vector>

#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "engine/core/trial.h"

namespace ui {

/// Colour maths for values with a sign (activities, weights, errors). Widget-free.
namespace palette {

/// Diverging map: blue for negative, light grey at zero, red for positive; `range` is the
/// symmetric, fixed value that reaches full colour (so a colour means the same value from step
/// to step). Interpolated in a perceptually even way (CIELAB-like lightness ramp).
QColor diverging(double value, double range);

/// Light or dark text, whichever reads better on `background`.
QColor textOn(const QColor& background);

/// Pen width in pixels for a synapse of weight w when |w| = range draws at maxWidth.
double synapseWidth(double w, double range, double minWidth, double maxWidth);

/// A "nice" symmetric range covering |value| (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of
/// ten).
double niceRange(double maxAbs);

/// The symmetric colour ranges of a run, fixed for the whole run so that a colour means the
/// same value in every frame: `activity` covers every layer's feed-forward values of `network`
/// on `trials` and their finite targets, `weight` every weight; both rounded by niceRange().
struct ColourRanges {
    double activity = 1.0;
    double weight = 1.0;
};
ColourRanges colourRanges(const engine::Network& network, const std::vector<engine::Trial>& trials);

/// Light background tint for a phase (what was just computed).
QColor phaseColor(engine::Phase phase);

/// Line colours of the two rules (BP, PC), used for nothing else, and of other series (layers,
/// weights), none of them blue or orange.
QColor ruleColor(int ruleIndex);
QColor seriesColor(int i);
/// The colour of a weight change: the flash on a changed synapse, the update mark.
QColor plasticityColor();

}  // namespace palette

}  // namespace ui
