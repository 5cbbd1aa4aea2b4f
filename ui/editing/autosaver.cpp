#include "ui/editing/autosaver.h"

#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>

#include "ui/editing/scenariodocument.h"

namespace ui {

Autosaver::Autosaver(ScenarioDocument* doc, QWidget* parent, const QString& folder)
    : QObject(parent), m_doc(doc), m_parent(parent), m_store(folder) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(DelayMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { saveNow(); });
    connect(doc->undoStack(), &QUndoStack::indexChanged, this, &Autosaver::onChange);
    connect(doc->undoStack(), &QUndoStack::cleanChanged, this, &Autosaver::onChange);
    connect(doc, &ScenarioDocument::loaded, this, &Autosaver::onChange);
}

Autosaver::~Autosaver() = default;  // an autosave left here is a window that did not close

void Autosaver::onChange() {
    if (!m_doc->isModified()) {
        m_timer.stop();
        m_store.remove();
    } else if (!m_timer.isActive()) {
        m_timer.start();  // not restarted by later edits: a long drag is saved as it goes
    }
}

QString Autosaver::saveNow() {
    m_timer.stop();
    if (!m_doc->isModified()) {
        m_store.remove();
        return {};
    }
    const QString error = m_store.write(m_doc->scenario(), m_doc->filePath(), m_doc->displayName());
    if (!error.isEmpty() && !m_failed)
        emit message(tr("Cannot keep a copy of the unsaved changes: %1").arg(error), true);
    m_failed = !error.isEmpty();
    return error;
}

void Autosaver::discard() {
    m_timer.stop();
    m_store.remove();
}

QString Autosaver::describe(const AutosaveEntry& entry) {
    const QString name =
        entry.originalPath.isEmpty() ? entry.name : QFileInfo(entry.originalPath).fileName();
    return tr("%1 (%2)").arg(QLocale().toString(entry.time, QLocale::ShortFormat), name);
}

QString Autosaver::offerRestore(Policy policy) {
    QList<AutosaveEntry> found = m_store.findOrphans();
    QString restored;
    for (int i = 0; i < found.size(); ++i) {
        const AutosaveEntry& entry = found[i];
        Answer answer = Answer::Later;
        if (restored.isEmpty()) {
            switch (policy) {
                case Policy::Ask:
                    answer = ask(entry, int(found.size()) - i - 1);
                    break;
                case Policy::Restore:
                    answer = Answer::Restore;
                    break;
                case Policy::Discard:
                    answer = Answer::Discard;
                    break;
                case Policy::Later:
                    break;
            }
        }
        if (answer == Answer::Restore) {
            m_doc->restore(entry.scenario, entry.originalPath);
            // Kept under this window's name before the old copy goes: never without a copy.
            if (saveNow().isEmpty())
                m_store.discard(entry);
            else
                m_store.release(entry);
            restored = describe(entry);
            emit message(tr("Restored unsaved work from %1").arg(restored), false);
        } else if (answer == Answer::Discard) {
            m_store.discard(entry);
        } else {
            m_store.release(entry);
            if (restored.isEmpty())
                policy = Policy::Later;  // Later applies to all of them
        }
    }
    return restored;
}

Autosaver::Answer Autosaver::ask(const AutosaveEntry& entry, int more) {
    QMessageBox box(QMessageBox::Question, tr("Unsaved work"),
                    tr("Restore unsaved work from %1?").arg(describe(entry)), QMessageBox::NoButton,
                    m_parent);
    box.setInformativeText(
        more > 0 ? tr("Prospect did not close normally. %n more unsaved scenario(s) follow.",
                      nullptr, more)
                 : tr("Prospect did not close normally."));
    QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    QPushButton* later = box.addButton(tr("Later"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.setEscapeButton(later);
    box.exec();
    if (box.clickedButton() == restore)
        return Answer::Restore;
    return box.clickedButton() == discard ? Answer::Discard : Answer::Later;
}

}  // namespace ui
