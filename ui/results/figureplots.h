#pragma once

// Drawing helpers for the paper's small figures in the results window (QCustomPlot), in the
// lab's conventions: BP dashed with crosses, PC solid with circles, palette::ruleColor. The
// learning experiments' helpers are in resultplots.h; qcustomplot.h stays out of headers.

#include <QColor>
#include <QString>
#include <QVector>

class QCPAxisRect;
class QCPCurve;
class QCPGraph;

namespace ui::figureplots {

/// A path through the points (x[k], y[k]) in their order (a trajectory, not a function of x),
/// in rule style (0 BP, 1 PC) and `color` (the rule's when invalid), with a marker on every
/// `markerEvery`-th point.
QCPCurve* addRulePath(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& x,
                      const QVector<double>& y, const QColor& color = {}, int markerEvery = 1);

/// The shape of a single marked point.
enum class Marker { Square, Star };
/// One marked point (a start, a target, a solution), with `name` in the legend.
QCPGraph* addPoint(QCPAxisRect* rect, const QString& name, double x, double y, Marker marker,
                   const QColor& color);

/// A translucent band between `lower` and `upper` over `keys` in the rule's colour (a spread
/// over seeds), one legend entry called `name`.
void addBand(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& keys,
             const QVector<double>& lower, const QVector<double>& upper);

/// The rule's colour from dark (step 0) to light (step steps - 1): the learning rates of one
/// rule in Fig. 3d.
QColor ruleShade(int rule, int step, int steps);

}  // namespace ui::figureplots
