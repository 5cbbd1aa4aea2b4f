#include "ui/timelinebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QToolButton>

#include "ui/simulationcontroller.h"

namespace ui {

TimelineBar::TimelineBar(SimulationController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(4, 0, 4, 0);
    auto button = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        row->addWidget(b);
        return b;
    };
    row->addWidget(new QLabel(tr("Timeline"), this));
    button(QStringLiteral("|◀"), tr("First recorded step (Home)"), [this] { toStart(); });
    button(QStringLiteral("◀◀"), tr("Back 10 recorded steps"), [this] { move(-10); });
    button(QStringLiteral("◀"), tr("Back one recorded step (Left)"), [this] { move(-1); });
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName("timelineSlider");
    m_slider->setToolTip(tr("Every recorded step of this run; drag to look back"));
    row->addWidget(m_slider, 1);
    button(QStringLiteral("▶"), tr("Forward one recorded step"), [this] { move(1); });
    button(QStringLiteral("▶▶"), tr("Forward 10 recorded steps"), [this] { move(10); });
    button(QStringLiteral("▶|"), tr("Live: the newest step (End)"), [this] { toEnd(); });
    m_label = new QLabel(this);
    m_label->setMinimumWidth(150);
    row->addWidget(m_label);
    m_resume = new QPushButton(tr("Resume from here"), this);
    m_resume->setToolTip(tr("Continue the run from the step shown (the later steps are dropped)"));
    row->addWidget(m_resume);
    connect(m_resume, &QPushButton::clicked, m_controller, &SimulationController::resumeFromHere);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_updating)
            m_controller->showFrame(static_cast<std::size_t>(v));
    });
    refresh();
}

void TimelineBar::refresh() {
    const History& h = m_controller->history();
    m_updating = true;
    m_slider->setRange(0, h.empty() ? 0 : int(h.size()) - 1);
    m_slider->setValue(int(m_controller->currentIndex()));
    m_updating = false;
    const FramePtr f = m_controller->current();
    QString text;
    if (f)
        text = tr("step %1 · trial %2").arg(f->pc->step).arg(f->pc->trial);
    if (!m_controller->live())
        text += tr(" (past)");
    m_label->setText(text);
    m_resume->setEnabled(!m_controller->live());
}

void TimelineBar::move(int delta) {
    const History& h = m_controller->history();
    if (h.empty())
        return;
    const long target =
        std::clamp<long>(long(m_controller->currentIndex()) + delta, 0, long(h.size()) - 1);
    m_controller->showFrame(std::size_t(target));
}

void TimelineBar::toStart() {
    m_controller->showFrame(0);
}

void TimelineBar::toEnd() {
    m_controller->goLive();
}

}  // namespace ui
