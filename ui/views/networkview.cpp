#include "ui/views/networkview.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "ui/views/networktext.h"
#include "ui/views/palette.h"
#include "ui/views/plasticityflash.h"

namespace ui {

NetworkView::NetworkView(engine::Rule rule, QWidget* parent) : QWidget(parent), m_rule(rule) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
}

void NetworkView::setNetwork(const engine::NetworkSpec& spec, double activityRange,
                             double weightRange) {
    m_spec = spec;
    m_sizes.clear();
    for (auto n : spec.sizes)
        m_sizes.push_back(static_cast<int>(n));
    m_activityRange = activityRange;
    m_weightRange = weightRange;
    m_names = NeuronNames(m_sizes, m_inputNames, m_outputNames);
    m_frame.reset();
    relayout();
    update();
}

void NetworkView::setNames(const QStringList& inputs, const QStringList& outputs) {
    m_inputNames = inputs;
    m_outputNames = outputs;
    m_names = NeuronNames(m_sizes, m_inputNames, m_outputNames);
    relayout();  // the names need room
    update();
}

void NetworkView::setFrame(const FramePtr& frame) {
    m_frame = frame;
    update();
}

void NetworkView::setSelection(const Selection& selection) {
    m_selection = selection;
    update();
}

void NetworkView::setShowValues(bool show) {
    m_showValues = show;
    relayout();
    update();
}

void NetworkView::resizeEvent(QResizeEvent*) {
    relayout();
}

void NetworkView::setLook(const Look& look) {
    m_look = look;
    relayout();
    updateGeometry();
    update();
}

QSize NetworkView::minimumSizeHint() const {
    return {m_look.px(150), m_look.px(110)};
}

double NetworkView::targetLabelWidth() const {
    const QFontMetricsF fm(labelFonts().tiny);
    double w = std::max(fm.horizontalAdvance(QStringLiteral("y=−0.000")),
                        fm.horizontalAdvance(tr("no target")));
    for (const QString& name : m_outputNames)
        w = std::max(w, fm.horizontalAdvance(name));
    return w + 2;
}

int NetworkView::pcLabelLines() const {
    // One line ("μ −0.0301  ε −0.0301") where it fits well inside a column, else two.
    const QFontMetricsF fm(labelFonts().tiny);
    const double column =
        m_layout.layerCount() > 1 ? m_layout.columnX(1) - m_layout.columnX(0) : double(width());
    return fm.horizontalAdvance(QStringLiteral("μ −0.0301  ε −0.0301")) <= 0.8 * column ? 1 : 2;
}

double NetworkView::outerRadius() const {
    return (1.0 + RingFactor) * m_layout.radius();
}

bool NetworkView::pcLabelsFit(double line) const {
    // As drawNeuronLabels() decides for a layer of several neurons.
    return m_showValues && m_layout.radius() >= 12 &&
           m_layout.rowStep() - 2 * outerRadius() >= (pcLabelLines() + 0.3) * line;
}

double NetworkView::legendHeight() const {
    // The colour bar with its numbers under it, and beside it two lines of text.
    const QFontMetricsF fm(labelFonts().tiny);
    return std::max(m_look.px(10) + fm.height(), 2 * fm.height()) + 8;
}

void NetworkView::relayout() {
    // Room on the right for the outputs' names and targets, and at the bottom for the legend.
    // The last column's centre sits half a column in from the area's edge, so part of the
    // label's width is there already: lay out once, then take only what is missing.
    // The same below the lowest neurons for the lines under them (PC's mu and eps, the
    // inputs' names). Both rules' views take the same room, so that the two panes draw at the
    // same scale.
    const double label = targetLabelWidth() + 4;
    const double line = QFontMetricsF(labelFonts().tiny).height();
    double maxRadius = 34.0 * m_look.scale();
    const double bottom = legendHeight();
    QRectF area = QRectF(rect()).adjusted(8, 8, -label, -bottom);
    m_layout.setGeometry(m_sizes, area, maxRadius);
    if (m_sizes.empty())
        return;
    maxRadius = std::min(maxRadius, radiusForLabels(line));
    const double step = area.width() / double(m_sizes.size());
    const double slack = 0.5 * step - outerRadius() - 4;
    area.setRight(width() - std::max(8.0, label - slack));
    const double lines = pcLabelsFit(line) || radiusForLabels(line) < 1e9 ? pcLabelLines()
                         : m_inputNames.isEmpty()                         ? 0
                                                                          : 1;
    const double under = lines * line + 2;
    const double room = 0.5 * m_layout.rowStep() - outerRadius();
    if (under > room)
        area.setBottom(height() - bottom - (under - room));
    m_layout.setGeometry(m_sizes, area, maxRadius);
    // The rows may have shrunk a little with the area: the neurons with them.
    m_layout.setGeometry(m_sizes, area, std::min(maxRadius, radiusForLabels(line)));
}

double NetworkView::radiusForLabels(double line) const {
    // Neurons small enough for PC's mu and eps (two lines) between the rows, clear of the
    // error rings, where that leaves them big enough for their values; else no limit.
    const double r = (m_layout.rowStep() - (pcLabelLines() + 0.4) * line) / (2 * (1 + RingFactor));
    return m_showValues && r >= 12 ? r : 1e9;
}

std::vector<SynapseChange> NetworkView::synapseChanges() const {
    if (!m_frame || m_sizes.empty())
        return {};
    return ui::synapseChanges(m_frame->of(m_rule), m_spec, m_layout);
}

SynapsePlan NetworkView::synapsePlan() const {
    if (!m_frame || m_sizes.empty())
        return {};
    return planSynapses(m_spec, m_frame->of(m_rule).weights, m_layout, m_selection, m_weightRange);
}

void NetworkView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_frame || m_sizes.empty())
        return;
    const engine::Snapshot& s = m_frame->of(m_rule);
    const SynapsePlan plan = synapsePlan();
    const std::vector<SynapseChange> changes = synapseChanges();
    // Synapses first, under the neurons; an update's changes flash over them.
    drawSynapses(p, plan);
    drawChangeFlashes(p, changes, m_look, std::max(m_look.stroke(6.0), 0.5 * m_layout.radius()));
    const Fonts fonts = labelFonts();
    for (int l = 0; l < int(m_sizes.size()); ++l)
        for (int i = 0; i < m_sizes[size_t(l)]; ++i) {
            drawNeuron(p, s, NeuronId{l, i}, fonts.small);
            drawNeuronLabels(p, s, NeuronId{l, i}, fonts.tiny);
        }
    drawLegend(p, plan, !changes.empty(), fonts.tiny);
    if (m_showValues)
        drawChangeLabels(p, changes, m_look, fonts.tiny, MaxChangeLabels, outerRadius() + 1);
    if (s.phase == engine::Phase::Idle && s.layers[0].x.cols() == 0) {
        // Nothing to show yet (trials from a task): say how to start instead.
        const QFont hint = m_look.font(Look::Text::Body);
        const QFontMetricsF fm(hint);
        p.setFont(hint);
        p.setPen(palette().color(QPalette::PlaceholderText));
        const QString text =
            tr("Press → to step, Shift+→ for one inference iteration, Space to play");
        p.drawText(QRectF(4, 4, width() - 8, 2.2 * fm.height()),
                   Qt::AlignHCenter | Qt::TextWordWrap, text);
    }
}

NetworkView::Fonts NetworkView::labelFonts() const {
    // Labels in the look's small text; values inside the circles grow with them, from that size
    // up to the title's (a value that does not fit at the small size is left out).
    Fonts f{m_look.font(Look::Text::Small), m_look.font(Look::Text::Small)};
    const double px = std::clamp(m_layout.radius() * 0.56, m_look.pixelSize(Look::Text::Small),
                                 m_look.pixelSize(Look::Text::Title));
    f.small.setPixelSize(int(std::ceil(px)));
    return f;
}

void NetworkView::drawSynapses(QPainter& p, const SynapsePlan& plan) const {
    // Dense networks draw their lines aliased, opaque and 1 px wide, one drawLines call per
    // pen: antialiased wide dashed lines cost ~100x more, and thousands of them would stall the
    // GUI thread.
    const double maxWidth =
        plan.dense ? m_look.stroke(1.0) : std::max(m_look.stroke(2.0), 0.45 * m_layout.radius());
    const bool fade = !m_selection.empty();
    const QColor base = palette().color(QPalette::Base);
    auto colour = [&](double v) {
        const QColor c = m_look.synapseColor(v, m_weightRange);
        // Faded toward the background while something is selected, opaque so it stays cheap.
        return !fade ? c
                     : QColor::fromRgbF(0.3f * c.redF() + 0.7f * base.redF(),
                                        0.3f * c.greenF() + 0.7f * base.greenF(),
                                        0.3f * c.blueF() + 0.7f * base.blueF());
    };
    p.setRenderHint(QPainter::Antialiasing, !plan.dense);
    for (const SynapsePlan::Line& line : plan.lines) {
        QPen pen(colour(line.weight),
                 palette::synapseWidth(line.weight, m_weightRange, m_look.stroke(1.0), maxWidth));
        pen.setStyle(line.weight < 0 ? Qt::DashLine : Qt::SolidLine);
        pen.setCapStyle(Qt::RoundCap);
        p.setPen(pen);
        p.drawLine(line.line);
    }
    for (const SynapsePlan::Bucket& b : plan.buckets) {
        const double v = (b.negative ? -1.0 : 1.0) * b.level * m_weightRange / SynapsePlan::Levels;
        // Cosmetic (1 device pixel) in normal mode: thousands of wide lines would stall.
        QPen pen(colour(v), m_look.isPresentation() ? m_look.stroke(1.0) : 0.0);
        pen.setStyle(b.negative ? Qt::DashLine : Qt::SolidLine);
        p.setPen(pen);
        p.drawLines(b.lines);
    }
    // Fixed (non-learning) synapses: a short bar across the middle, like a clamp.
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(palette().color(QPalette::Text), m_look.stroke(2.0)));
    for (const QLineF& line : plan.fixedMarks) {
        const QPointF mid = line.center();
        QPointF normal(-(line.dy()), line.dx());
        const double len = std::hypot(normal.x(), normal.y());
        if (len > 0)
            normal *= m_look.px(6) / len;
        p.drawLine(mid - normal, mid + normal);
    }
    for (const SynapsePlan::Line& line : plan.highlighted) {
        QPen pen(m_look.synapseColor(line.weight, m_weightRange),
                 palette::synapseWidth(line.weight, m_weightRange, m_look.stroke(1.5),
                                       std::max(m_look.stroke(3.0), maxWidth)));
        pen.setStyle(line.weight < 0 ? Qt::DashLine : Qt::SolidLine);
        p.setPen(pen);
        p.drawLine(line.line);
        p.setPen(QPen(QColor(0, 0, 0, 120), m_look.stroke(1.0)));
        p.drawLine(line.line);
    }
}

double NetworkView::shownValue(const engine::Snapshot& s, const NeuronId& n) const {
    // The value node: PC's supervised outputs are pinned at the target while it learns (the
    // pin and the caption say so; μ is printed under the neuron and the ring is the error).
    return s.layers[size_t(n.layer)].x(n.index, 0);
}

bool NetworkView::pinned(const engine::Snapshot& s, int layer, int index) const {
    return m_rule == engine::Rule::PC && layer == int(m_sizes.size()) - 1 &&
           s.phase != engine::Phase::Idle && s.mask.rows() > index && s.mask(index, 0) != 0.0;
}

void NetworkView::drawPin(QPainter& p, const QPointF& c) const {
    const double r = m_layout.radius(), head = std::max(m_look.stroke(2.5), 0.16 * r);
    const QPointF top(c.x(), c.y() - r - 0.45 * r);
    p.setPen(QPen(m_look.text(), m_look.stroke(1.6)));
    p.drawLine(QPointF(c.x(), c.y() - r), top);
    p.setBrush(m_look.text());
    p.drawEllipse(top, head, head);
}

void NetworkView::drawNeuron(QPainter& p, const engine::Snapshot& s, const NeuronId& n,
                             const QFont& font) const {
    const engine::LayerState& layer = s.layers[size_t(n.layer)];
    const QPointF c = m_layout.centre(n.layer, n.index);
    const double r = m_layout.radius();
    const bool have = layer.x.rows() > n.index && layer.x.cols() > 0;
    const double x = have ? shownValue(s, n) : 0.0;
    const QColor fill =
        have ? palette::diverging(x, m_activityRange) : palette().color(QPalette::Button);
    // PC: a ring whose colour and thickness show the prediction error eps.
    if (m_rule == engine::Rule::PC && n.layer > 0 && have && layer.eps.rows() > n.index) {
        const double e = layer.eps(n.index, 0);
        const double ring = palette::synapseWidth(e, m_activityRange, 0.0, RingFactor * r);
        if (ring > 0.5) {
            p.setPen(QPen(palette::diverging(e, m_activityRange).darker(115), ring));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, r + ring / 2, r + ring / 2);
        }
    }
    const bool selected = m_selection.neuron && *m_selection.neuron == n;
    const QColor outline =
        selected || m_look.isPresentation() ? QColor(0, 0, 0) : QColor(90, 90, 90);
    p.setPen(QPen(outline, m_look.stroke(selected ? 3.0 : 1.2)));
    p.setBrush(fill);
    if (n.layer == 0)
        p.drawRoundedRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), r * 0.3, r * 0.3);
    else
        p.drawEllipse(c, r, r);
    if (have && pinned(s, n.layer, n.index))
        drawPin(p, c);
    if (!m_showValues || !have || r < 9)
        return;
    // Shrink the text until it fits inside the circle, down to the smallest text size; skip it
    // if it cannot fit (the tooltip and the inspector give it).
    QString text = shortNumber(x);
    QFont f = font;
    const int smallest = int(std::ceil(m_look.pixelSize(Look::Text::Small)));
    while (QFontMetricsF(f).horizontalAdvance(text) > 1.8 * r && f.pixelSize() > smallest)
        f.setPixelSize(f.pixelSize() - 1);
    if (QFontMetricsF(f).horizontalAdvance(text) > 1.9 * r)
        text = shortNumber(x, 2);
    if (QFontMetricsF(f).horizontalAdvance(text) <= 1.9 * r) {
        p.setFont(f);
        p.setPen(palette::textOn(fill));
        p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, text);
    }
}

void NetworkView::drawNeuronLabels(QPainter& p, const engine::Snapshot& s, const NeuronId& n,
                                   const QFont& tiny) const {
    const engine::LayerState& layer = s.layers[size_t(n.layer)];
    const int l = n.layer, i = n.index, L = int(m_sizes.size()) - 1;
    const QPointF c = m_layout.centre(l, i);
    const double r = m_layout.radius();
    const bool have = layer.x.rows() > i && layer.x.cols() > 0;
    const QFontMetricsF fm(tiny);
    const double line = fm.height();
    p.setFont(tiny);
    p.setPen(palette().color(QPalette::Text));
    // PC: prediction and error under the neuron (on one line where the columns are wide
    // enough), where the rows leave room for them. Labels keep clear of PC's error ring, in
    // both panes, so that they draw alike.
    const double outer = outerRadius();
    const int lines = pcLabelLines();
    const double labelRoom = m_layout.layerSize(l) > 1 ? m_layout.rowStep() - 2 * outer : height();
    if (m_rule == engine::Rule::PC && l > 0 && have && m_showValues &&
        labelRoom >= (lines + 0.3) * line && m_layout.radius() >= 12) {
        const QString mu = QStringLiteral("μ %1").arg(shortNumber(layer.mu(i, 0))),
                      eps = QStringLiteral("ε %1").arg(shortNumber(layer.eps(i, 0)));
        const QString text = lines == 1 ? mu + QStringLiteral("  ") + eps : mu + '\n' + eps;
        const double w = lines == 1
                             ? fm.horizontalAdvance(text) + 2
                             : std::max(fm.horizontalAdvance(mu), fm.horizontalAdvance(eps)) + 2;
        p.drawText(QRectF(c.x() - w / 2, c.y() + outer + 1, w, lines * line),
                   Qt::AlignHCenter | Qt::AlignTop, text);
    }
    // Targets beside the output neurons, where the rows leave room for a line of text
    // (otherwise the tooltip and the inspector give them).
    const bool named = i < m_outputNames.size();
    const bool labelRows =
        m_layout.layerSize(l) <= 1 || m_layout.rowStep() >= (named ? 2 : 1) * line + 2;
    if (l == L && labelRows && s.target.rows() > i && s.target.cols() > 0) {
        const bool supervised = s.mask.size() == 0 || s.mask(i, 0) != 0.0;
        const QString text = (named ? m_outputNames[i] + QStringLiteral("\n") : QString()) +
                             (supervised ? QStringLiteral("y=%1").arg(shortNumber(s.target(i, 0)))
                                         : tr("no target"));
        const double h = (named ? 2 : 1) * line;
        p.drawText(QRectF(c.x() + outer + 4, c.y() - h / 2, targetLabelWidth(), h),
                   Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    if (l == 0 && i < m_inputNames.size()) {
        const double w = std::max(6 * r, fm.horizontalAdvance(m_inputNames[i]) + 2);
        p.drawText(QRectF(c.x() - w / 2, c.y() + outer + 1, w, line),
                   Qt::AlignHCenter | Qt::AlignTop, m_inputNames[i]);
    }
}

void NetworkView::drawLegend(QPainter& p, const SynapsePlan& plan, bool changes,
                             const QFont& tiny) const {
    // Colour ramp with its range under it, and what the lines and marks mean beside it.
    const QFontMetricsF fm(tiny);
    const double top = height() - legendHeight() + 4;
    const QRectF bar(8, top, std::min<double>(m_look.px(160), width() * 0.3), m_look.px(10));
    QLinearGradient g(bar.topLeft(), bar.topRight());
    for (int k = 0; k <= 10; ++k)
        g.setColorAt(k / 10.0,
                     palette::diverging((k / 5.0 - 1.0) * m_activityRange, m_activityRange));
    p.setPen(Qt::NoPen);
    p.setBrush(g);
    p.drawRect(bar);
    p.setFont(tiny);
    p.setPen(palette().color(QPalette::Text));
    const QRectF under(bar.left(), bar.bottom(), bar.width(), fm.height());
    p.drawText(under, Qt::AlignLeft, shortNumber(-m_activityRange));
    p.drawText(under, Qt::AlignHCenter, QStringLiteral("0"));
    p.drawText(under, Qt::AlignRight, shortNumber(m_activityRange));
    const double left = bar.right() + m_look.px(10), room = width() - left - 4;
    const QStringList lines = wrapLegend(legendText(m_rule, plan, changes), fm, room, 2);
    for (int k = 0; k < lines.size(); ++k)
        p.drawText(QRectF(left, top + k * fm.height(), room, fm.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, lines[k]);
}

}  // namespace ui
