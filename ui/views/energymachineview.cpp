#include "ui/views/energymachineview.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/views/networkview.h"
#include "ui/views/palette.h"

namespace ui {

EnergyMachineView::EnergyMachineView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void EnergyMachineView::setNetwork(const engine::NetworkSpec& spec, double valueRange) {
    m_spec = spec;
    m_sizes.clear();
    for (auto n : spec.sizes)
        m_sizes.push_back(static_cast<int>(n));
    m_range = valueRange;
    m_frame.reset();
    update();
}

void EnergyMachineView::setLook(const Look& look) {
    m_look = look;
    updateGeometry();
    update();
}

void EnergyMachineView::setFrame(const FramePtr& frame) {
    m_frame = frame;
    update();
}

double EnergyMachineView::yOf(double value, const QRectF& area) const {
    const double t = std::clamp(value / m_range, -1.15, 1.15);
    return area.center().y() - t * area.height() / 2.3;
}

double EnergyMachineView::Geometry::postX(int l, int i) const {
    // Layers in columns, neurons of a layer side by side within the column.
    const int n = sizes[static_cast<size_t>(l)];
    const double spread = std::min(column * 0.7, 34.0 * n);
    return area.left() + (l + 0.5) * column + (n > 1 ? (i / double(n - 1) - 0.5) * spread : 0.0);
}

void EnergyMachineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_frame || m_sizes.empty())
        return;
    const engine::Snapshot& s = *m_frame->pc;
    if (s.phase == engine::Phase::Idle || s.layers.empty() || s.layers[0].x.cols() == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.setFont(m_look.font(Look::Text::Body));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("The machine appears with the first trial:\npress → to step, Space to play"));
        return;
    }
    const QFont tiny = labelFont();
    const QFontMetricsF fm(tiny);
    const double line = fm.height();
    // Left: the value axis's numbers; bottom: neuron numbers, layer names and the key.
    const double axisWidth = fm.horizontalAdvance(QStringLiteral("−0.00")) + 8;
    Geometry g{QRectF(rect()).adjusted(axisWidth + 4, line, -m_look.px(14), -3.2 * line), 0.0, 0.0,
               m_sizes};
    g.column = g.area.width() / double(m_sizes.size());
    g.bead = std::clamp(g.column * 0.09, m_look.stroke(5.0), double(m_look.px(13)));
    p.setFont(tiny);
    drawValueAxis(p, g.area);
    drawRods(p, s, g);
    const int L = static_cast<int>(m_sizes.size()) - 1;
    for (int l = 0; l <= L; ++l) {
        if (s.layers[static_cast<size_t>(l)].x.cols() == 0)
            continue;
        for (int i = 0; i < m_sizes[static_cast<size_t>(l)]; ++i)
            drawPost(p, s, g, l, i);
        p.setPen(palette().color(QPalette::Text));
        const QString name = l == 0 ? tr("input") : l == L ? tr("output") : tr("layer %1").arg(l);
        if (m_sizes[static_cast<size_t>(l)] > 1)
            for (int i = 0; i < m_sizes[static_cast<size_t>(l)]; ++i)
                p.drawText(QRectF(g.postX(l, i) - line, g.area.bottom() + 2, 2 * line, line),
                           Qt::AlignHCenter, QString::number(i));
        p.drawText(QRectF(g.area.left() + l * g.column, g.area.bottom() + 2 + line, g.column, line),
                   Qt::AlignHCenter, fm.elidedText(name, Qt::ElideRight, g.column));
    }
    p.setPen(palette().color(QPalette::Text));
    const QString key =
        tr("bead = activity x · bar = prediction μ · spring = error ε · square = pinned");
    p.drawText(QRectF(4, height() - line - 2, width() - 8, line), Qt::AlignLeft,
               fm.elidedText(key, Qt::ElideRight, width() - 8));
}

void EnergyMachineView::drawValueAxis(QPainter& p, const QRectF& area) const {
    // Value axis with a zero line.
    for (double v : {-m_range, -m_range / 2, 0.0, m_range / 2, m_range}) {
        const double y = yOf(v, area);
        const int grey = v == 0.0 ? 150 : m_look.isPresentation() ? 190 : 225;
        p.setPen(QPen(QColor(grey, grey, grey), m_look.stroke(1.0),
                      v == 0.0 ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
        p.setPen(palette().color(QPalette::Text));
        const double h = QFontMetricsF(p.font()).height();
        p.drawText(QRectF(0, y - h / 2, area.left() - 6, h), Qt::AlignRight | Qt::AlignVCenter,
                   shortNumber(v));
    }
}

void EnergyMachineView::drawRods(QPainter& p, const engine::Snapshot& s, const Geometry& g) const {
    // Rods: presynaptic bead -> postsynaptic prediction mark; thickness |w|, dash = negative.
    for (int l = 1; l < int(m_sizes.size()); ++l) {
        const engine::Matrix& w = s.weights[static_cast<size_t>(l)];
        const engine::WeightLayerSpec& ws = m_spec.weight(l);
        const engine::LayerState& pre = s.layers[static_cast<size_t>(l - 1)];
        const engine::LayerState& post = s.layers[static_cast<size_t>(l)];
        if (pre.x.cols() == 0 || post.mu.cols() == 0)
            continue;
        for (int i = 0; i < m_sizes[static_cast<size_t>(l)]; ++i)
            for (int j = 0; j < m_sizes[static_cast<size_t>(l - 1)]; ++j) {
                if (ws.mask.size() != 0 && ws.mask(i, j) == 0.0)
                    continue;
                QPen pen(
                    m_look.isPresentation() ? QColor(70, 70, 70, 200) : QColor(120, 120, 120, 150),
                    palette::synapseWidth(w(i, j), 2.0, m_look.stroke(0.8), m_look.stroke(4.0)));
                pen.setStyle(w(i, j) < 0 ? Qt::DashLine : Qt::SolidLine);
                p.setPen(pen);
                p.drawLine(QPointF(g.postX(l - 1, j), yOf(pre.x(j, 0), g.area)),
                           QPointF(g.postX(l, i), yOf(post.mu(i, 0), g.area)));
            }
    }
}

void EnergyMachineView::drawPost(QPainter& p, const engine::Snapshot& s, const Geometry& g, int l,
                                 int i) const {
    const engine::LayerState& layer = s.layers[static_cast<size_t>(l)];
    const double x0 = g.postX(l, i), bead = g.bead;
    p.setPen(QPen(QColor(110, 110, 110), m_look.stroke(2.0)));
    p.drawLine(QPointF(x0, g.area.top()), QPointF(x0, g.area.bottom()));
    const double yBead = yOf(layer.x(i, 0), g.area);
    if (l > 0) {
        // Spring from the prediction mark to the bead: zig-zag, colour by error sign, more coils
        // the more it is stretched.
        const double yMark = yOf(layer.mu(i, 0), g.area);
        QPainterPath spring;
        const int coils = 8;
        spring.moveTo(x0, yMark);
        for (int k = 1; k < 2 * coils; ++k) {
            const double t = k / double(2 * coils);
            spring.lineTo(x0 + (k % 2 ? 1 : -1) * bead * 0.9, yMark + t * (yBead - yMark));
        }
        spring.lineTo(x0, yBead);
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(palette::diverging(layer.eps(i, 0), std::max(1e-9, m_range / 2)).darker(120),
                      m_look.stroke(2.0)));
        if (std::abs(yBead - yMark) > 2)
            p.drawPath(spring);
        // Prediction mark.
        p.setPen(QPen(QColor(30, 30, 30), m_look.stroke(3.0)));
        p.drawLine(QPointF(x0 - bead * 1.4, yMark), QPointF(x0 + bead * 1.4, yMark));
    }
    // Bead: pinned beads (input, supervised output) are squares with a pin.
    const bool output = l == int(m_sizes.size()) - 1;
    const bool pinned = l == 0 || (output && (s.mask.size() == 0 || s.mask(i, 0) != 0.0));
    p.setPen(QPen(QColor(40, 40, 40), m_look.stroke(1.5)));
    p.setBrush(palette::diverging(layer.x(i, 0), m_range));
    if (pinned) {
        p.drawRect(QRectF(x0 - bead, yBead - bead, 2 * bead, 2 * bead));
        p.setPen(QPen(QColor(40, 40, 40), m_look.stroke(2.0)));
        p.drawLine(QPointF(x0 - bead * 1.6, yBead), QPointF(x0 + bead * 1.6, yBead));
    } else {
        p.drawEllipse(QPointF(x0, yBead), bead, bead);
    }
}

}  // namespace ui
