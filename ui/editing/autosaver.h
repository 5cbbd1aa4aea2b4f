#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include "ui/editing/autosavestore.h"

class QWidget;

namespace ui {

class ScenarioDocument;

/// Keeps the document's unsaved changes in the autosave folder (AutosaveStore): a few seconds
/// after a change (at most every DelayMs while edits go on), and removes them once the
/// document is saved, reloaded or discarded. A window that crashes or is killed leaves its
/// autosave, which offerRestore() finds at the next start. The question is a virtual function,
/// so that tests can answer it without a dialog.
class Autosaver : public QObject {
    Q_OBJECT
public:
    /// Time from the first unsaved change to the write.
    static constexpr int DelayMs = 3000;

    /// `parent` also parents the question; `folder` "" = AutosaveStore::defaultFolder().
    Autosaver(ScenarioDocument* doc, QWidget* parent, const QString& folder = {});
    ~Autosaver() override;

    AutosaveStore& store() { return m_store; }
    /// Whether a write is waiting for its timer.
    bool pending() const { return m_timer.isActive(); }
    /// Writes the unsaved changes now (the timer's slot); removes the autosave when there are
    /// none. Returns an error message or "".
    QString saveNow();
    /// The window closes without keeping the changes (saved, or the user discarded them).
    void discard();

    /// What to do with the unsaved work of a window that is no longer running.
    enum class Answer { Restore, Discard, Later };
    /// Ask = the question; the others answer it for every autosave found (command line).
    enum class Policy { Ask, Restore, Discard, Later };
    /// At start: offers each autosave left by a window that is no longer running, newest first,
    /// until one is restored (as the open, modified document, with its original file) or the
    /// user says Later. Returns the restored entry's description ("" = none restored).
    QString offerRestore(Policy policy);

signals:
    /// A note or a problem (a write that failed) for the status bar.
    void message(const QString& text, bool problem);

protected:
    /// "Restore unsaved work from <time> (<name>)?"; `more` = autosaves found after this one.
    virtual Answer ask(const AutosaveEntry& entry, int more);

private:
    void onChange();
    static QString describe(const AutosaveEntry& entry);

    ScenarioDocument* m_doc;
    QWidget* m_parent;
    AutosaveStore m_store;
    QTimer m_timer;
    bool m_failed = false;  // the last write failed (said once, not at every retry)
};

}  // namespace ui
