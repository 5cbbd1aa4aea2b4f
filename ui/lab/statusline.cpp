#include "ui/lab/statusline.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

#include "ui/views/captions.h"

namespace ui {

namespace {

const QString ProblemStyle = QStringLiteral("color: #b00020; font-weight: bold;");

}  // namespace

StatusLine::StatusLine(QWidget* parent) : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_status = new QLabel(this);
    m_status->setObjectName("statusText");
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(1);
    m_problem = new QLabel(this);
    m_problem->setObjectName("problemText");
    m_problem->setStyleSheet(ProblemStyle);
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
    m_status->setText(text);
}

void StatusLine::showMessage(const QString& text, bool problem) {
    // Both kinds go to the same permanent label (a temporary status-bar message would hide the
    // status text): problems in red until the next run, notes in the normal colour for 5 s.
    m_problem->setStyleSheet(problem ? ProblemStyle : QString());
    m_problem->setText(text);
    if (!problem)
        QTimer::singleShot(5000, m_problem, [label = m_problem, text] {
            if (label->text() == text)
                label->clear();
        });
}

void StatusLine::clearMessage() {
    m_problem->clear();
}

QString StatusLine::text() const {
    return m_status->text() + QStringLiteral(" ") + m_problem->text();
}

}  // namespace ui
