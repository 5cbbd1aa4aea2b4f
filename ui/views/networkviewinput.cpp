// NetworkView's mouse: hit tests, selection, drags, the wheel, double clicks, the context
// menu and tooltips (the painting is in networkview.cpp).
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

#include "ui/views/networktext.h"
#include "ui/views/networkview.h"

namespace ui {

std::optional<SynapseId> NetworkView::presentSynapseAt(const QPointF& p) const {
    const auto syn = m_layout.synapseAt(p, 5.0);
    if (!syn || syn->layer > m_spec.depth())
        return std::nullopt;
    const engine::Matrix& mask = m_spec.weight(syn->layer).mask;
    if (mask.size() != 0 && mask(syn->post, syn->pre) == 0.0)
        return std::nullopt;  // an absent synapse is not there to click
    return syn;
}

Selection NetworkView::itemAt(const QPointF& p) const {
    Selection sel;
    if (auto n = m_layout.neuronAt(p))
        sel.neuron = n;
    else if (auto syn = presentSynapseAt(p))
        sel.synapse = syn;
    return sel;
}

bool NetworkView::editable(const Selection& s) const {
    if (s.synapse)
        return true;
    return s.neuron && (s.neuron->layer == 0 || s.neuron->layer == m_spec.depth());
}

void NetworkView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    const Selection sel = itemAt(event->position());
    m_selection = sel;
    m_dragTarget = editable(sel) ? sel : Selection{};
    m_pressY = event->position().y();
    m_dragging = false;
    update();
    emit selectionChanged(sel);
}

void NetworkView::mouseMoveEvent(QMouseEvent* event) {
    if (!(event->buttons() & Qt::LeftButton) || m_dragTarget.empty())
        return;
    const double dy = m_pressY - event->position().y();
    if (!m_dragging && std::abs(dy) < 3.0)
        return;  // a click, not a drag
    m_dragging = true;
    const double scale = event->modifiers() & Qt::ShiftModifier ? 10.0 : 1.0;
    emit dragEdit(m_dragTarget, dy / (PixelsPerUnit * scale), false);
}

void NetworkView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return;
    if (m_dragging) {
        const double dy = m_pressY - event->position().y();
        const double scale = event->modifiers() & Qt::ShiftModifier ? 10.0 : 1.0;
        emit dragEdit(m_dragTarget, dy / (PixelsPerUnit * scale), true);
    }
    m_dragging = false;
    m_dragTarget = {};
}

void NetworkView::mouseDoubleClickEvent(QMouseEvent* event) {
    const Selection sel = itemAt(event->position());
    if (editable(sel))
        emit valueEditRequested(sel);
}

void NetworkView::wheelEvent(QWheelEvent* event) {
    const Selection sel = itemAt(event->position());
    // Shift turns the wheel sideways on some platforms.
    const int notches =
        event->angleDelta().y() != 0 ? event->angleDelta().y() : event->angleDelta().x();
    if (!editable(sel) || notches == 0) {
        event->ignore();
        return;
    }
    // One notch (120) = 0.05, Shift = 0.5.
    const double step = event->modifiers() & Qt::ShiftModifier ? 0.5 : 0.05;
    emit wheelEdit(sel, step * notches / 120.0);
    event->accept();
}

void NetworkView::contextMenuEvent(QContextMenuEvent* event) {
    const Selection sel = itemAt(event->pos());
    if (!sel.empty()) {
        m_selection = sel;
        update();
        emit selectionChanged(sel);
    }
    emit contextRequested(sel, event->globalPos());
}

bool NetworkView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QString NetworkView::tooltipAt(const QPoint& pos) const {
    if (!m_frame)
        return {};
    if (auto n = m_layout.neuronAt(pos))
        return neuronTooltip(m_rule, m_frame->of(m_rule), *n, m_names);
    if (auto syn = presentSynapseAt(pos))
        return synapseTooltip(m_frame->of(m_rule), *syn, m_names);
    return {};
}

}  // namespace ui
