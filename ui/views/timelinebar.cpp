#include "ui/views/timelinebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolButton>

#include "ui/simulation/simulationcontroller.h"
#include "ui/views/elidedlabel.h"

namespace ui {

namespace {

/// A slider that jumps to where it is clicked (a timeline, not a page scroller), with marks.
class JumpSlider : public QSlider {
public:
    using QSlider::QSlider;
    std::vector<int> marks;  // slider values of the live edits

protected:
    void paintEvent(QPaintEvent* event) override {
        QSlider::paintEvent(event);
        if (marks.empty() || maximum() <= minimum())
            return;
        QStyleOptionSlider option;
        initStyleOption(&option);
        const QRect handle =
            style()->subControlRect(QStyle::CC_Slider, &option, QStyle::SC_SliderHandle, this);
        QPainter p(this);
        p.setPen(QPen(palette().color(QPalette::Highlight), 2));
        for (int v : marks) {
            const int x =
                handle.width() / 2 +
                QStyle::sliderPositionFromValue(minimum(), maximum(), v, width() - handle.width());
            p.drawLine(x, 1, x, height() / 3);  // a tick above the groove
        }
    }

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
    m_slider->setToolTip(
        tr("The micro-steps of this run, evenly spaced; drag to look back. The "
           "ticks above are live edits."));
    row->addWidget(m_slider, 1);
    button(QStringLiteral("▶"), tr("Forward one recorded step"), [this] { move(1); });
    button(QStringLiteral("▶▶"), tr("Forward 10 recorded steps"), [this] { move(10); });
    button(QStringLiteral("▶|"), tr("Live: the newest step (End)"), [this] { toEnd(); });
    m_label = new ElidedLabel(this);
    m_label->setObjectName("timelineLabel");
    row->addWidget(m_label);
    m_resume = new QPushButton(tr("Resume from here"), this);
    m_resume->setToolTip(
        tr("Continue the run from the step shown (the later steps are dropped; Undo brings them "
           "back)"));
    row->addWidget(m_resume);
    connect(m_resume, &QPushButton::clicked, m_controller, &SimulationController::resumeFromHere);
    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (!m_updating)
            m_controller->showFrame(m_controller->history().indexAtOrBeforeStep(stepAt(v)));
    });
    refresh();
}

void TimelineBar::refresh() {
    const History& h = m_controller->history();
    m_firstStep = h.empty() ? 0 : h.at(0)->pc->step;
    const std::int64_t span = h.empty() ? 0 : h.latest()->pc->step - m_firstStep;
    m_scale = std::max<std::int64_t>(1, span / 1'000'000'000 + 1);
    auto* slider = static_cast<JumpSlider*>(m_slider);
    slider->marks.clear();
    for (const History::EditMark& e : h.edits())
        if (e.step >= m_firstStep)
            slider->marks.push_back(valueAt(e.step));
    const FramePtr f = m_controller->current();
    m_updating = true;
    m_slider->setRange(0, int(span / m_scale));
    m_slider->setValue(f ? valueAt(f->pc->step) : 0);
    m_updating = false;
    m_slider->update();
    QString text;
    if (f)
        text = tr("step %1 · trial %2").arg(f->pc->step).arg(f->pc->trial);
    if (f && !f->edit.isEmpty())
        text += tr(" · edit %1").arg(f->edit);
    if (!m_controller->live())
        text += tr(" (past)");
    m_label->setFullText(text);
    m_resume->setEnabled(!m_controller->live());
}

const std::vector<int>& TimelineBar::editMarks() const {
    return static_cast<const JumpSlider*>(m_slider)->marks;
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
