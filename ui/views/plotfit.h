#pragma once

// The lab's plots (QCustomPlot) laid out so that nothing is cut or covered: a title row, a
// legend strip under it (outside the data), and the axis rect with room for a colour scale
// beside it. Before every replot, fit() sizes the texts to the room they have. qcustomplot.h
// stays out of headers, so the types are only declared here.

#include <QString>

class QCustomPlot;
class QCPColorScale;
class QCPTextElement;
class QObject;
class QSize;
class QWidget;

namespace ui {

class Look;

namespace plotfit {

/// A plot with a title, axis labels and an (empty) legend strip, fitted before every replot.
QCustomPlot* makePlot(const QString& title, const QString& x, const QString& y, QWidget* parent);

/// Fits `plot` before each of its replots (makePlot() does this; other plots call it once).
void install(QCustomPlot* plot);

/// Shows the legend in its strip under the title (when it has entries), or takes it out of the
/// layout so that it takes no room.
void showLegend(QCustomPlot* plot, bool shown);

/// A colour scale to the right of the axis rect, aligned with it, labelled `label`.
QCPColorScale* addColourScale(QCustomPlot* plot, const QString& label);

/// The texts, pens and background of a look: title, axis labels, tick labels and legend in the
/// look's fonts, axes and grid in its stroke widths and colours.
void applyLook(QCustomPlot* plot, const Look& look);

/// Fits the texts to the room they have: as many legend columns as the width allows, no more
/// ticks than their labels have room for, and a title or axis label that does not fit shortened
/// with "…" (the plot's tooltip then gives the full texts).
void fit(QCustomPlot* plot);

/// fit() for a picture of `size` (an export), whatever the widget's own size; the next replot
/// fits the widget again.
void fitTo(QCustomPlot* plot, const QSize& size);

/// The smallest data area the plot needs: fit() raises the plot's minimum size by what its
/// title, legend and axes take, so that the window keeps at least this much for the data.
void setMinimumAxisRect(QCustomPlot* plot, const QSize& size);

/// A tooltip of the plot's own, which fit() extends with the full texts it shortened.
void setToolTip(QCustomPlot* plot, const QString& tip);

/// An axis label or a title (a QCPAxis or a QCPTextElement) with shorter forms that fit()
/// shows, longest first, where the full text has no room; the last one is elided if need be.
void setTexts(QObject* axisOrTitle, const QStringList& longestFirst);

/// The plot's title element (makePlot's).
QCPTextElement* title(QCustomPlot* plot);

/// The full text of an axis label or title that fit() may have shortened.
QString fullLabel(const QObject* axisOrTitle);

}  // namespace plotfit

}  // namespace ui
