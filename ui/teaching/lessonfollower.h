#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <utility>
#include <vector>

#include "ui/teaching/lessonrunner.h"

namespace ui {

class LessonPanel;
class SimulationController;

/// Follows a lesson as a reader would, without the reader: presses every action of its first
/// steps in turn, each once the state the previous one promised is reached, and leaves the panel
/// on the last of them. Runs go at maximum speed. For `prospect --lesson-step` (the screenshots
/// of a lesson) and tests.
class LessonFollower : public QObject {
    Q_OBJECT
public:
    LessonFollower(LessonPanel* panel, LessonRunner* runner, SimulationController* run,
                   QObject* parent);

    /// Starts following steps 1 to `steps` of the panel's lesson (clamped to the lesson).
    void follow(int steps);

signals:
    /// Every action was done and its state reached, or `problem` says why not (an action that
    /// cannot be done, or a state not reached within 10 minutes: a one-pass run that is over).
    void finished(const QString& problem);

private:
    void tick();

    LessonPanel* m_panel;
    LessonRunner* m_runner;
    SimulationController* m_run;
    QTimer m_timer;
    std::vector<std::pair<int, engine::LessonAction>> m_queue;  ///< (step, action), in order
    std::size_t m_next = 0;
    LessonRunner::Promise m_waiting;
    QElapsedTimer m_since;  ///< since the action waited for was done
    int m_lastStep = 0;
};

}  // namespace ui
