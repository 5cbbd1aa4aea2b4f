#pragma once

#include <QWidget>

#include "engine/scenario/scenario.h"
#include "ui/simulation/frame.h"

namespace ui {

class ElidedLabel;

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
    /// Both texts in full, for tests.
    QString text() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void styleProblem();

    bool m_isProblem = false;
    ElidedLabel* m_status;
    ElidedLabel* m_problem;
};

}  // namespace ui
