#pragma once

#include <QObject>
#include <QString>
#include <memory>

class QSettings;
class QUndoStack;
class QWidget;

namespace ui {

class SimulationController;

/// "Resume from here" as the window does it (the controller's resume handler): asks once
/// whether to drop the later steps (the question has "Don't ask again"), then branches through
/// an undoable command on the document's undo stack, so that Undo brings the dropped steps back
/// (and Redo the branch's own).
class RunBranching : public QObject {
    Q_OBJECT
public:
    /// The settings key of "Don't ask again".
    static constexpr const char* DontAskKey = "timeline/resumeWithoutAsking";

    RunBranching(SimulationController* controller, QUndoStack* undo, QWidget* parent);

    /// Asks (unless told not to) and branches at the shown frame; false if the user cancelled.
    bool resume();
    /// Whether resume() asks first.
    bool asks() const;
    /// Settings in this INI file instead of the user's (tests).
    void setSettingsFile(const QString& path) { m_settingsFile = path; }

private:
    std::unique_ptr<QSettings> settings() const;
    /// The question; true = go on.
    bool confirm(std::size_t dropped);

    SimulationController* m_controller;
    QUndoStack* m_undo;
    QWidget* m_parent;
    QString m_settingsFile;
};

}  // namespace ui
