#include "ui/lab/statusline.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

#include "ui/views/captions.h"
#include "ui/views/elidedlabel.h"

namespace ui {

namespace {

const QColor ProblemColour(0xb0, 0x00, 0x20);

}  // namespace

StatusLine::StatusLine(QWidget* parent) : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    // Both shortened with "…" (the full text in the tooltip) where the window is narrow; the
    // status text changes every frame, so it never asks the layout for room.
    m_status = new ElidedLabel(this);
    m_status->setObjectName("statusText");
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_problem = new ElidedLabel(this);
    m_problem->setObjectName("problemText");
    row->addWidget(m_status, 1);
    row->addWidget(m_problem);
}

void StatusLine::showFrame(const Frame& frame, const engine::Scenario& scenario) {
    QString text = statusText(frame);
    // Scenarios with labelled phases (a protocol) say which phase the shown trial is in.
    if (!scenario.trialLabels.empty() && frame.pc->trial > 0) {
        const std::string label = scenario.labelAt(scenario.trialIndex(frame.pc->trial - 1));
        if (!label.empty())
            text += QStringLiteral("   |   %1").arg(QString::fromStdString(label));
    }
    m_status->setFullText(text);
}

void StatusLine::showMessage(const QString& text, bool problem) {
    // Both kinds go to the same permanent label (a temporary status-bar message would hide the
    // status text): problems in red until the next run, notes in the normal colour for 5 s.
    m_isProblem = problem;
    styleProblem();
    m_problem->setFullText(text);
    if (!problem)
        QTimer::singleShot(5000, m_problem, [label = m_problem, text] {
            if (label->fullText() == text)
                label->setFullText({});
        });
}

void StatusLine::styleProblem() {
    // Red and bold through the palette and the font, which follow the window's zoom (a style
    // sheet would not).
    QPalette p = palette();
    if (m_isProblem)
        p.setColor(QPalette::WindowText, ProblemColour);
    m_problem->setPalette(p);
    QFont f = font();
    f.setBold(m_isProblem);
    m_problem->setFont(f);
}

void StatusLine::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange)
        styleProblem();
}

void StatusLine::clearMessage() {
    m_problem->setFullText({});
}

QString StatusLine::text() const {
    return m_status->fullText() + QStringLiteral(" ") + m_problem->fullText();
}

}  // namespace ui
