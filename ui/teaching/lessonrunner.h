#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "engine/scenario/lesson.h"
#include "ui/views/networklayout.h"

namespace ui {

class EditingController;
class ScenarioDocument;
class SimulationController;

/// What a lesson's actions act on: the run, the edits and the open scenario, and two things
/// only the window can do (select, show a view).
struct LessonTargets {
    SimulationController* run = nullptr;
    EditingController* editing = nullptr;
    const ScenarioDocument* doc = nullptr;
    /// Selects in both panes and the inspector.
    std::function<void(const Selection&)> select;
    /// Shows a view of engine::lessonViewNames(); false when the run has no such view.
    std::function<bool(const QString& view)> show;
};

/// Performs lesson actions through the same controllers as the run toolbar, the menus and the
/// network views (no logic of its own beyond turning names into indices), and says what state
/// each action promises, so that the screenshots and tests can wait for it.
class LessonRunner : public QObject {
    Q_OBJECT
public:
    /// True once the state an action promised is reached.
    using Promise = std::function<bool()>;

    LessonRunner(const LessonTargets& targets, QObject* parent);

    /// Why `action` cannot work on the open scenario ("" = it can).
    QString problem(const engine::LessonAction& action) const;
    /// Performs `action`; returns "" or why it could not be done. `promise`, if given, receives
    /// the check for the state the action leads to (the run is asynchronous).
    QString perform(const engine::LessonAction& action, Promise* promise = nullptr);

    /// The selection an action's layer and neurons name (empty if they do not resolve).
    Selection selectionOf(const engine::LessonAction& action) const;

private:
    QString step(const engine::LessonAction& action, Promise* promise);
    QString select(const engine::LessonAction& action, Promise* promise);
    /// PC's trials done, its iteration and whether a trial is in progress, from the newest frame.
    struct Position {
        std::int64_t trial = 0;
        int iteration = 0;
        int iterations = 1;
        bool inTrial = false;
    };
    Position position() const;

    LessonTargets m_targets;
};

}  // namespace ui
