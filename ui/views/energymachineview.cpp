#include "ui/views/energymachineview.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/views/networktext.h"
#include "ui/views/networkview.h"
#include "ui/views/palette.h"
#include "ui/views/plasticityflash.h"

namespace ui {

EnergyMachineView::EnergyMachineView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void EnergyMachineView::setNetwork(const engine::NetworkSpec& spec, double valueRange,
                                   double weightRange) {
    m_spec = spec;
    m_sizes.clear();
    for (auto n : spec.sizes)
        m_sizes.push_back(static_cast<int>(n));
    m_range = valueRange;
    m_weightRange = weightRange;
    m_names = NeuronNames(m_sizes, m_inputNames, m_outputNames);
    m_frame.reset();
    update();
}

void EnergyMachineView::setNames(const QStringList& inputs, const QStringList& outputs) {
    m_inputNames = inputs;
    m_outputNames = outputs;
    m_names = NeuronNames(m_sizes, m_inputNames, m_outputNames);
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

EnergyMachineView::Geometry EnergyMachineView::geometry() const {
    // Left: the value axis's numbers; bottom: the posts' names, layer names and the key.
    const QFontMetricsF fm(labelFont());
    const double line = fm.height();
    const double axisWidth = fm.horizontalAdvance(QStringLiteral("−0.00")) + 8;
    Geometry g{QRectF(rect()).adjusted(axisWidth + 4, line, -m_look.px(14), -4.2 * line), 0.0, 0.0,
               m_sizes};
    g.column = m_sizes.empty() ? 1.0 : g.area.width() / double(m_sizes.size());
    g.bead = std::clamp(g.column * 0.09, m_look.stroke(5.0), double(m_look.px(13)));
    return g;
}

const engine::Snapshot* EnergyMachineView::shown() const {
    if (!m_frame || !m_frame->pc || m_sizes.empty())
        return nullptr;
    const engine::Snapshot& s = *m_frame->pc;
    if (s.layers.size() != m_sizes.size())
        return nullptr;
    for (const engine::LayerState& layer : s.layers)
        if (layer.x.cols() == 0)
            return nullptr;  // nothing computed (a task's trials are not previewed)
    return &s;
}

std::vector<EnergyMachineView::Post> EnergyMachineView::posts() const {
    std::vector<Post> out;
    const engine::Snapshot* s = shown();
    if (!s)
        return out;
    const int L = static_cast<int>(m_sizes.size()) - 1;
    for (int l = 0; l <= L; ++l)
        for (int i = 0; i < m_sizes[size_t(l)]; ++i) {
            const engine::LayerState& layer = s->layers[size_t(l)];
            Post p;
            p.id = {l, i};
            p.name = m_names.neuron(l, i);
            p.bead = layer.x(i, 0);
            p.bar = l > 0 ? layer.mu(i, 0) : p.bead;
            // Supervised outputs are pinned at the target once a trial has begun.
            const bool supervised = s->mask.size() == 0 || s->mask(i, 0) != 0.0;
            p.pinned = l == 0 || (l == L && supervised && s->phase != engine::Phase::Idle);
            if (l == L && supervised && !p.pinned && s->target.rows() > i)
                p.target = s->target(i, 0);  // pinned, the bead is on it
            out.push_back(p);
        }
    return out;
}

std::vector<EnergyMachineView::Rod> EnergyMachineView::rods() const {
    std::vector<Rod> out;
    const engine::Snapshot* s = shown();
    if (!s)
        return out;
    const Geometry g = geometry();
    for (int l = 1; l < int(m_sizes.size()); ++l) {
        const engine::Matrix& w = s->weights[size_t(l)];
        const engine::Matrix& mask = m_spec.weight(l).mask;
        const engine::LayerState& pre = s->layers[size_t(l - 1)];
        const engine::LayerState& post = s->layers[size_t(l)];
        for (int i = 0; i < m_sizes[size_t(l)]; ++i)
            for (int j = 0; j < m_sizes[size_t(l - 1)]; ++j) {
                if (mask.size() != 0 && mask(i, j) == 0.0)
                    continue;
                out.push_back({SynapseId{l, i, j},
                               QLineF(QPointF(g.postX(l - 1, j), yOf(pre.x(j, 0), g.area)),
                                      QPointF(g.postX(l, i), yOf(post.mu(i, 0), g.area))),
                               w(i, j)});
            }
    }
    return out;
}

std::vector<SynapseChange> EnergyMachineView::rodChanges() const {
    const engine::Snapshot* s = shown();
    if (!s || s->phase != engine::Phase::Update)
        return {};
    std::vector<SynapseChange> out;
    for (const Rod& rod : rods()) {
        const engine::Matrix& dw = s->weightChange[size_t(rod.id.layer)];
        const double d = dw(rod.id.post, rod.id.pre);
        if (std::abs(d) > 1e-12)
            out.push_back({rod.id, rod.line, d});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::abs(a.delta) > std::abs(b.delta);
    });
    return out;
}

void EnergyMachineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const engine::Snapshot* s = shown();
    if (!s) {
        if (m_frame && !m_sizes.empty()) {
            p.setPen(palette().color(QPalette::PlaceholderText));
            p.setFont(m_look.font(Look::Text::Body));
            p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                       tr("The machine appears with the first trial:\npress → to step, Space to "
                          "play"));
        }
        return;
    }
    const Geometry g = geometry();
    p.setFont(labelFont());
    drawValueAxis(p, g.area);
    const std::vector<Rod> rodList = rods();
    const std::vector<SynapseChange> changes = rodChanges();
    drawRods(p, rodList);
    drawChangeFlashes(p, changes, m_look, std::max(m_look.stroke(6.0), 0.9 * g.bead));
    const std::vector<Post> postList = posts();
    for (const Post& post : postList)
        drawPost(p, *s, g, post);
    if (changes.empty())
        drawRodLabels(p, rodList);
    else
        drawChangeLabels(p, changes, m_look, labelFont(), MaxRodLabels, 1.5 * g.bead);
    drawLabels(p, g, postList, !changes.empty());
}

void EnergyMachineView::drawLabels(QPainter& p, const Geometry& g, const std::vector<Post>& posts,
                                   bool changes) const {
    const QFontMetricsF fm(labelFont());
    const double line = fm.height();
    const int L = static_cast<int>(m_sizes.size()) - 1;
    p.setPen(palette().color(QPalette::Text));
    for (const Post& post : posts) {
        // As wide as the gap to the neighbouring posts allows.
        const int n = m_sizes[size_t(post.id.layer)];
        const double room = n > 1 ? std::abs(g.postX(post.id.layer, 1) - g.postX(post.id.layer, 0))
                                  : 0.9 * g.column;
        p.drawText(QRectF(g.postX(post.id.layer, post.id.index) - room / 2, g.area.bottom() + 2,
                          room, line),
                   Qt::AlignHCenter, fm.elidedText(post.name, Qt::ElideRight, room));
    }
    for (int l = 0; l <= L; ++l) {
        const QString name = m_names.layer(l);
        p.drawText(QRectF(g.area.left() + l * g.column, g.area.bottom() + 2 + line, g.column, line),
                   Qt::AlignHCenter, fm.elidedText(name, Qt::ElideRight, g.column));
    }
    QString key =
        tr("bead = activity x · bar = prediction μ · spring = error ε · rod = weight w · "
           "square = pinned · dashed square = target");
    if (changes)
        key += tr(" · pink = changed by this update");
    const QStringList lines = wrapLegend(key, fm, width() - 8, 2);
    for (int k = 0; k < lines.size(); ++k)
        p.drawText(QRectF(4, height() - double(lines.size() - k) * line - 2, width() - 8, line),
                   Qt::AlignLeft, lines[k]);
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

void EnergyMachineView::drawRods(QPainter& p, const std::vector<Rod>& rods) const {
    // Rods: presynaptic bead -> postsynaptic bar; coloured as the network view's synapses,
    // thickness |w|, dashed = negative.
    for (const Rod& rod : rods) {
        QPen pen(m_look.synapseColor(rod.weight, m_weightRange),
                 palette::synapseWidth(rod.weight, m_weightRange, m_look.stroke(1.2),
                                       m_look.stroke(6.0)));
        pen.setStyle(rod.weight < 0 ? Qt::DashLine : Qt::SolidLine);
        pen.setCapStyle(Qt::RoundCap);
        p.setPen(pen);
        p.drawLine(rod.line);
    }
}

void EnergyMachineView::drawRodLabels(QPainter& p, const std::vector<Rod>& rods) const {
    // Each rod's weight on a light ground at its middle, while there are few enough to read.
    if (int(rods.size()) > MaxRodLabels)
        return;
    const QFontMetricsF fm(labelFont());
    std::vector<QRectF> taken;
    for (const Rod& rod : rods) {
        const QString text = QStringLiteral("w %1").arg(shortNumber(rod.weight, 2));
        const QPointF at = rod.line.pointAt(0.5);
        const double w = fm.horizontalAdvance(text) + 6, h = fm.height();
        const QRectF box(at.x() - w / 2, at.y() - h / 2, w, h);
        if (std::any_of(taken.begin(), taken.end(),
                        [&](const QRectF& r) { return r.intersects(box); }))
            continue;
        taken.push_back(box);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 215));
        p.drawRoundedRect(box, 3, 3);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(box, Qt::AlignCenter, text);
    }
}

void EnergyMachineView::drawPost(QPainter& p, const engine::Snapshot& s, const Geometry& g,
                                 const Post& post) const {
    const int l = post.id.layer, i = post.id.index;
    const double x0 = g.postX(l, i), bead = g.bead;
    p.setPen(QPen(QColor(110, 110, 110), m_look.stroke(2.0)));
    p.drawLine(QPointF(x0, g.area.top()), QPointF(x0, g.area.bottom()));
    const double yBead = yOf(post.bead, g.area);
    if (l > 0) {
        // Spring from the prediction bar to the bead: zig-zag, colour by error sign.
        const double yMark = yOf(post.bar, g.area);
        QPainterPath spring;
        const int coils = 8;
        spring.moveTo(x0, yMark);
        for (int k = 1; k < 2 * coils; ++k) {
            const double t = k / double(2 * coils);
            spring.lineTo(x0 + (k % 2 ? 1 : -1) * bead * 0.9, yMark + t * (yBead - yMark));
        }
        spring.lineTo(x0, yBead);
        p.setBrush(Qt::NoBrush);
        const double eps = s.layers[size_t(l)].eps(i, 0);
        p.setPen(QPen(palette::diverging(eps, std::max(1e-9, m_range / 2)).darker(120),
                      m_look.stroke(2.0)));
        if (std::abs(yBead - yMark) > 2)
            p.drawPath(spring);
        // Prediction bar.
        p.setPen(QPen(QColor(30, 30, 30), m_look.stroke(3.0)));
        p.drawLine(QPointF(x0 - bead * 1.4, yMark), QPointF(x0 + bead * 1.4, yMark));
    }
    // The target of a supervised output: a dashed square where the bead is pinned in a trial.
    if (std::isfinite(post.target)) {
        const double yTarget = yOf(post.target, g.area);
        p.setPen(QPen(m_look.text(), m_look.stroke(1.2), Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(x0 - bead * 1.3, yTarget - bead * 1.3, 2.6 * bead, 2.6 * bead));
        p.setPen(m_look.text());
        const QFontMetricsF fm(p.font());
        p.drawText(QRectF(x0 + bead * 1.5, yTarget - fm.height() / 2, g.column / 2, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("y=%1").arg(shortNumber(post.target)));
    }
    // Bead: pinned beads (input, supervised output in a trial) are squares with a pin.
    p.setPen(QPen(QColor(40, 40, 40), m_look.stroke(1.5)));
    p.setBrush(palette::diverging(post.bead, m_range));
    if (post.pinned) {
        p.drawRect(QRectF(x0 - bead, yBead - bead, 2 * bead, 2 * bead));
        p.setPen(QPen(QColor(40, 40, 40), m_look.stroke(2.0)));
        p.drawLine(QPointF(x0 - bead * 1.6, yBead), QPointF(x0 + bead * 1.6, yBead));
    } else {
        p.drawEllipse(QPointF(x0, yBead), bead, bead);
    }
}

}  // namespace ui
