#include "ui/views/timelinebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolButton>

#include "ui/simulation/simulationcontroller.h"
#include "ui/views/elidedlabel.h"

namespace ui {

namespace {

/// A slider that jumps to where it is clicked (a timeline, not a page scroller).
class JumpSlider : public QSlider {
public:
    using QSlider::QSlider;

protected:
    void mousePressEvent(QMouseEvent* event) override {
        if (event->button() == Qt::LeftButton && maximum() > minimum()) {
            QStyleOptionSlider option;
            initStyleOption(&option);
            const QRect handle =
                style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
            if (!handle.contains(event->position().toPoint())) {
                const int span = width() - handle.width();
                const int x = int(event->position().x()) - handle.width() / 2;
                setValue(QStyle::sliderValueFromPosition(minimum(), maximum(), x, span));
            }
        }
        QSlider::mousePressEvent(event);
    }
};

}  // namespace

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
    m_slider = new JumpSlider(Qt::Horizontal, this);
    m_slider->setObjectName("timelineSlider");
    m_slider->setToolTip(tr("Every recorded step of this run; drag to look back"));
    row->addWidget(m_slider, 1);
    button(QStringLiteral("▶"), tr("Forward one recorded step"), [this] { move(1); });
    button(QStringLiteral("▶▶"), tr("Forward 10 recorded steps"), [this] { move(10); });
    button(QStringLiteral("▶|"), tr("Live: the newest step (End)"), [this] { toEnd(); });
    m_label = new ElidedLabel(this);
    m_label->setObjectName("timelineLabel");
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
    m_label->setFullText(text);
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
