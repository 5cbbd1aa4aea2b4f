#pragma once

#include <QWidget>

#include "engine/scenario/scenario.h"
#include "ui/simulation/frame.h"

class QLabel;

namespace ui {

/// The status bar's content: what the shown frame is (rules, trial, phase, the protocol phase's
/// label) on the left, and the last note or problem on the right.
class StatusLine : public QWidget {
    Q_OBJECT
public:
    explicit StatusLine(QWidget* parent = nullptr);

    /// Describes `frame` of a run of `scenario`.
    void showFrame(const Frame& frame, const engine::Scenario& scenario);
    /// A problem (red, until the next run) or a note (for 5 s).
    void showMessage(const QString& text, bool problem);
    void clearMessage();
    /// Both texts, for tests.
    QString text() const;

private:
    QLabel* m_status;
    QLabel* m_problem;
};

}  // namespace ui
