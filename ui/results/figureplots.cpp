#include "ui/results/figureplots.h"

#include <qcustomplot.h>
#include <algorithm>

#include "ui/views/palette.h"

namespace ui::figureplots {

QCPCurve* addRulePath(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& x,
                      const QVector<double>& y, const QColor& color, int markerEvery) {
    const QColor c = color.isValid() ? color : palette::ruleColor(rule);
    auto* curve = new QCPCurve(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    curve->setData(x, y);  // QCPCurve keeps the order of the points
    curve->setName(name);
    QPen pen(c, rule == 0 ? 1.6 : 1.9);
    pen.setStyle(rule == 0 ? Qt::DashLine : Qt::SolidLine);
    curve->setPen(pen);
    curve->setScatterStyle(QCPScatterStyle(
        rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle, c, rule == 0 ? 7 : 6));
    curve->setScatterSkip(std::max(0, markerEvery - 1));
    return curve;
}

QCPGraph* addPoint(QCPAxisRect* rect, const QString& name, double x, double y, Marker marker,
                   const QColor& color) {
    auto* graph = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setData(QVector<double>{x}, QVector<double>{y});
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    const bool star = marker == Marker::Star;
    QCPScatterStyle style(star ? QCPScatterStyle::ssStar : QCPScatterStyle::ssSquare,
                          QPen(color, star ? 2.0 : 1.5), star ? QBrush(Qt::NoBrush) : QBrush(color),
                          star ? 13 : 8);
    graph->setScatterStyle(style);
    graph->setPen(QPen(color));
    return graph;
}

void addBand(QCPAxisRect* rect, int rule, const QString& name, const QVector<double>& keys,
             const QVector<double>& lower, const QVector<double>& upper) {
    QColor fill = palette::ruleColor(rule);
    fill.setAlpha(rule == 0 ? 45 : 60);
    auto* low = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    low->setData(keys, lower);
    low->setPen(Qt::NoPen);
    low->removeFromLegend();
    auto* high = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    high->setData(keys, upper);
    high->setPen(Qt::NoPen);
    high->setBrush(fill);
    high->setChannelFillGraph(low);
    high->setName(name);
}

QColor ruleShade(int rule, int step, int steps) {
    // Evenly from the rule's colour 1.5 times darker to the rule's colour mixed 55 % with white.
    const double t = steps > 1 ? static_cast<double>(step) / (steps - 1) : 0.0;
    const QColor base = palette::ruleColor(rule);
    const QColor dark = base.darker(150);
    auto light = [&](int channel) { return channel + 0.55 * (255 - channel); };
    auto mix = [t](double a, double b) { return static_cast<int>(a + t * (b - a) + 0.5); };
    return QColor(mix(dark.red(), light(base.red())), mix(dark.green(), light(base.green())),
                  mix(dark.blue(), light(base.blue())));
}

}  // namespace ui::figureplots
