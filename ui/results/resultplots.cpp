#include "ui/results/resultplots.h"

#include <qcustomplot.h>
#include <algorithm>
#include <cmath>

#include "ui/views/palette.h"
#include "ui/views/plotfit.h"

namespace ui::resultplots {

namespace {

QPen rulePen(int rule, const QColor& color) {
    QPen pen(color, rule == 0 ? 1.5 : 1.8);
    pen.setStyle(rule == 0 ? Qt::DashLine : Qt::SolidLine);
    return pen;
}

QCPScatterStyle ruleMarker(int rule, const QColor& color, double size) {
    return QCPScatterStyle(rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle, color,
                           size);
}

QCPErrorBars* addErrors(QCPAxisRect* rect, QCPAbstractPlottable* over, const QColor& color,
                        const QVector<double>& errors) {
    auto* bars = new QCPErrorBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    bars->removeFromLegend();
    bars->setDataPlottable(over);
    bars->setData(errors);
    bars->setPen(QPen(color.darker(140), 1.3));
    bars->setWhiskerWidth(8);
    if (QCPLayer* layer = rect->parentPlot()->layer(QStringLiteral("errors")))
        bars->setLayer(layer);  // above the per-seed markers, which would hide them
    return bars;
}

}  // namespace

std::vector<QCPAxisRect*> setUp(QCustomPlot* plot, const QString& title, int panels,
                                int legendColumns) {
    QCPLayoutGrid* layout = plot->plotLayout();
    QCPAxisRect* first = plot->axisRect();
    layout->take(first);
    layout->simplify();
    auto* row = new QCPLayoutGrid;
    std::vector<QCPAxisRect*> rects{first};
    row->addElement(0, 0, first);
    for (int i = 1; i < panels; ++i) {
        auto* rect = new QCPAxisRect(plot);
        row->addElement(0, i, rect);
        rects.push_back(rect);
    }
    plot->addLayer(QStringLiteral("errors"), plot->layer(QStringLiteral("main")),
                   QCustomPlot::limAbove);
    layout->addElement(
        0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 10, QFont::Bold)));
    // Legend columns, tick counts, titles and axis labels fitted to the room before each replot.
    plotfit::install(plot);
    // The legend goes into the strip under the title (row 1) once it has entries (showLegend):
    // an empty legend reports a maximum width of its margins and would cap the whole column.
    plot->legend->setVisible(false);
    layout->addElement(2, 0, row);
    layout->setRowStretchFactor(0, 0.001);
    layout->setRowStretchFactor(1, 0.001);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(legendColumns);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setMargins(QMargins(4, 0, 4, 0));
    QFont lf = plot->font();
    lf.setPointSizeF(8.5);
    plot->legend->setFont(lf);
    for (QCPAxisRect* rect : rects)
        for (QCPAxis* axis : rect->axes())
            axis->setLabelFont(QFont(plot->font().family(), 9));
    return rects;
}

void showLegend(QCustomPlot* plot) {
    QCPLegend* legend = plot->legend;
    if (legend->itemCount() == 0)
        return;
    QCPLayoutGrid* layout = plot->plotLayout();
    if (legend->layout() != layout) {
        if (legend->layout())
            legend->layout()->take(legend);
        layout->addElement(1, 0, legend);  // the strip setUp() left for it
    }
    legend->setVisible(true);
}

void categoryAxis(QCPAxis* axis, const QStringList& labels) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i)
        ticker->addTick(static_cast<double>(i + 1), labels[i]);
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->setTickLength(0, 4);
    axis->setRange(0.4, static_cast<double>(labels.size()) + 0.6);
}

QCPBars* addRuleBars(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& keys,
                     double offset, double width, const QVector<double>& values,
                     const QVector<double>& errors) {
    const QColor color = palette::ruleColor(rule);
    auto* bars = new QCPBars(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QVector<double> shifted = keys;
    for (double& k : shifted)
        k += offset;
    bars->setData(shifted, values, true);
    bars->setName(name);
    bars->setWidth(width);
    QColor fill = color;
    fill.setAlpha(rule == 0 ? 70 : 130);
    bars->setBrush(fill);
    bars->setPen(rulePen(rule, color));
    addErrors(rect, bars, color, errors);
    return bars;
}

QCPGraph* addSeedPoints(QCPAxisRect* rect, int rule, const QString& name, double key, double spread,
                        const std::vector<double>& values, bool legend) {
    const QColor color = palette::ruleColor(rule).darker(130);
    auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QVector<double> x, y;
    const size_t n = values.size();
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(values[i]))
            continue;
        const double t = n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) - 0.5 : 0.0;
        x.push_back(key + t * spread);
        y.push_back(values[i]);
    }
    graph->setData(x, y);
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(ruleMarker(rule, color, 5));
    graph->setPen(QPen(color));
    if (!legend)
        graph->removeFromLegend();
    return graph;
}

QCPGraph* addRuleLine(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& keys,
                      const QVector<double>& values, const QVector<double>& errors,
                      const QColor& color) {
    const QColor c = color.isValid() ? color : palette::ruleColor(rule);
    auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setData(keys, values);
    graph->setName(name);
    graph->setPen(rulePen(rule, c));
    graph->setScatterStyle(ruleMarker(rule, c, 7));
    if (!errors.isEmpty())
        addErrors(rect, graph, c, errors);
    return graph;
}

void fitValueAxis(QCPAxisRect* rect, bool withZero) {
    QCPAxis* axis = rect->axis(QCPAxis::atLeft);
    bool found = false;
    QCPRange range;
    for (QCPAbstractPlottable* p : rect->plottables()) {
        bool ok = false;
        const QCPRange r = p->getValueRange(ok);
        if (!ok)
            continue;
        range =
            found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper)) : r;
        found = true;
    }
    if (!found)
        range = QCPRange(0, 1);
    if (withZero) {
        range.lower = std::min(range.lower, 0.0);
        range.upper = std::max(range.upper, 0.0);
    }
    const double span = std::max(range.size(), 1e-9);
    axis->setRange(range.lower - 0.06 * span, range.upper + 0.1 * span);
}

}  // namespace ui::resultplots
