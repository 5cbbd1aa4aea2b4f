#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>

#include "engine/scenario/scenario.h"
#include "engine/scenario/scenarioedit.h"
#include "ui/simulation/liveedit.h"

namespace ui {

/// What an edit touched, which decides what the window does with it.
enum class ChangeKind {
    Run,       ///< Network, weights or trials: the run restarts from the edited scenario.
    Settings,  ///< Hyper-parameters: the running simulations take them at the next step.
    Live,      ///< A live edit of the run (liveEdit() says what); the trial list may have
               ///< changed, the run goes on.
};

/// The open scenario: the user's work. Every change goes through an undoable command, so undo
/// gives back exactly the scenario before. Knows its file and whether it has unsaved changes.
class ScenarioDocument : public QObject {
    Q_OBJECT
public:
    explicit ScenarioDocument(QObject* parent = nullptr);

    /// Undo steps kept: older ones are dropped (a step holds two whole scenarios, 650 KB for a
    /// width-64 depth-10 net, so an unbounded history grows with every edit of a long session).
    static constexpr int UndoLimit = 100;

    const engine::Scenario& scenario() const { return m_scenario; }
    QUndoStack* undoStack() { return &m_undo; }
    /// The file it was opened from or saved to ("" = none yet).
    const QString& filePath() const { return m_path; }
    /// For the window title: the file name, else the scenario's title, else "Untitled".
    QString displayName() const;
    /// Unsaved changes since it was opened or saved.
    bool isModified() const { return !m_undo.isClean(); }

    /// Starts over on `scenario` (must be valid): no undo history, nothing unsaved.
    void reset(const engine::Scenario& scenario, const QString& path);
    /// Starts over on `scenario` (unsaved work kept from an earlier session, must be valid) as a
    /// modified document whose file is `path`: saving writes it there, closing asks first.
    void restore(const engine::Scenario& scenario, const QString& path);
    /// Applies an edit's result as one undoable command named `text`. Consecutive edits with the
    /// same non-empty `mergeKey` (e.g. a drag of one weight) become one command. A refused edit
    /// changes nothing and emits editRefused(). Returns whether it was applied.
    bool apply(const QString& text, const engine::edit::Result& result, ChangeKind kind,
               const QString& mergeKey = {});
    /// A live edit of the running simulations as one undoable command named `text`: `edit` is
    /// sent (liveEdit()) on redo; undo sends its reverse (a weight: each rule's value from
    /// before; a trial: the trial list from before). `result` is the scenario afterwards: for a
    /// weight the same scenario (its starting weights stay), for an input or a target the
    /// edited trial list. Merges like apply(); the merged edits share one id.
    bool applyLive(const QString& text, const engine::edit::Result& result, LiveEdit edit,
                   const QString& mergeKey = {});
    /// Ends merging: the next edit with the same key starts a new command (a drag ended).
    void endMerge() { m_mergeOpen = false; }
    /// Replaces the view settings without an undo step (they follow the window).
    void setView(const engine::ViewSettings& view) { m_scenario.view = view; }

    /// The text of the last command done or undone ("Undo: " before an undone one).
    const QString& lastChangeText() const { return m_lastChange; }

    /// Writes the scenario atomically (QSaveFile); returns an error message or "".
    QString save(const QString& path);

signals:
    /// After an edit, an undo or a redo.
    void changed(ui::ChangeKind kind);
    /// After reset(): a whole new scenario.
    void loaded();
    /// A live edit (or its undo) for the running simulations.
    void liveEditRequested(const ui::LiveEdit& edit);
    /// An edit was refused; `problem` says why.
    void editRefused(const QString& problem);

private:
    friend class ScenarioCommand;
    friend class EditCommand;
    friend class LiveEditCommand;
    void set(const engine::Scenario& scenario, ChangeKind kind, const QString& text);

    engine::Scenario m_scenario;
    QUndoStack m_undo;
    QString m_path;
    bool m_mergeOpen = false;
    QString m_lastChange;
    std::uint64_t m_nextLiveId = 1;
};

}  // namespace ui
