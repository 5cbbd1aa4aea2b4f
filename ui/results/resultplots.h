#pragma once

// Drawing helpers for the results window's plots (QCustomPlot), in the lab's conventions: BP
// dashed with crosses, PC solid with circles, palette::ruleColor. qcustomplot.h stays out of
// headers, so the types are only declared here.

#include <QColor>
#include <QString>
#include <QStringList>
#include <QVector>
#include <vector>

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPBars;
class QCPGraph;

namespace ui::resultplots {

/// Lays the plot out as a title row, a legend strip (`legendColumns` wide) and `panels` axis
/// rects side by side; returns the axis rects, left to right. Call once per plot.
std::vector<QCPAxisRect*> setUp(QCustomPlot* plot, const QString& title, int panels,
                                int legendColumns);

/// Puts the legend into its strip under the title once it has entries, and shows it.
void showLegend(QCustomPlot* plot);

/// Text ticks at 1, 2, ... n on a category axis, range [0.4, n + 0.6].
void categoryAxis(QCPAxis* axis, const QStringList& labels);

/// Bars of one rule (0 BP, 1 PC) at `keys` with symmetric error bars; `offset` shifts them
/// sideways so the two rules sit next to each other. Adds the bars and the error bars.
QCPBars* addRuleBars(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& keys,
                     double offset, double width, const QVector<double>& values,
                     const QVector<double>& errors);

/// One marker per seed over a bar (no line, not in the legend when `legend` is false), spread
/// evenly across `spread` so equal values stay visible.
QCPGraph* addSeedPoints(QCPAxisRect* rect, int rule, const QString& name, double key, double spread,
                        const std::vector<double>& values, bool legend);

/// A line through points with symmetric error bars, in rule style; `color` overrides the rule's
/// colour when valid.
QCPGraph* addRuleLine(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& keys,
                      const QVector<double>& values, const QVector<double>& errors,
                      const QColor& color);

/// Value range of a rect's plottables with a margin, always including 0 when `withZero`.
void fitValueAxis(QCPAxisRect* rect, bool withZero);

}  // namespace ui::resultplots
