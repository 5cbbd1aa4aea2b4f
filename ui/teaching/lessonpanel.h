#pragma once

#include <QList>
#include <QWidget>

#include "engine/scenario/lesson.h"

class QLabel;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace ui {

class LessonRunner;
class ScenarioDocument;
class WrappedLabel;

/// The lesson of the open scenario in the side panel: its title and the paper's figure, "Step k
/// of n", the step's text, what to notice, the step's actions as buttons (performed by a
/// LessonRunner) and Back/Next. Follows the document: a newly loaded scenario starts its lesson
/// at step 1, an edit keeps the step and disables the actions that no longer fit. The lecturer
/// may hide it (the close button or the Lessons menu); a scenario without a lesson hides it.
class LessonPanel : public QWidget {
    Q_OBJECT
public:
    LessonPanel(const ScenarioDocument* doc, LessonRunner* runner, QWidget* parent);

    /// Shows or hides the panel at the lecturer's wish (it stays hidden without a lesson).
    void setWanted(bool wanted);
    bool wanted() const { return m_wanted; }
    /// The lesson on show (the open scenario's when it was loaded).
    const engine::Lesson& lesson() const { return m_lesson; }
    /// The step on show (0-based) and the number of steps.
    int step() const { return m_step; }
    int stepCount() const;
    /// Shows step `k` (clamped to the lesson).
    void setStep(int k);
    /// The buttons of the step on show, in the lesson's order (tests press them).
    const QList<QPushButton*>& actionButtons() const { return m_buttons; }
    /// The text of the last action's problem ("" when it worked).
    QString problemText() const;

signals:
    /// The lecturer hid or showed the panel.
    void wantedChanged(bool wanted);
    /// An action could not be done: why (for the status bar).
    void problem(const QString& text);

protected:
    /// The title's bold, larger text follows the window's font (zoom, presentation mode).
    void changeEvent(QEvent* event) override;

private:
    void onLoaded();
    void refresh();
    void fillActions(const engine::LessonStep& step);
    void updateVisibility();

    const ScenarioDocument* m_doc;
    LessonRunner* m_runner;
    engine::Lesson m_lesson;
    QString m_fallbackTitle;
    int m_step = 0;
    bool m_wanted = true;
    QLabel* m_title = nullptr;
    QToolButton* m_close = nullptr;
    QLabel* m_position = nullptr;
    WrappedLabel* m_text = nullptr;
    WrappedLabel* m_notice = nullptr;
    WrappedLabel* m_problem = nullptr;
    QVBoxLayout* m_actions = nullptr;
    QList<QPushButton*> m_buttons;
    QPushButton* m_back = nullptr;
    QPushButton* m_next = nullptr;
};

}  // namespace ui
