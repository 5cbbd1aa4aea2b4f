#include "ui/editing/scenariodocument.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QUndoCommand>

#include "engine/scenario/scenariofile.h"

namespace ui {

/// What both kinds of edit share: the scenario before and after, both kept whole (scenarios
/// are small), and the key under which consecutive edits (one drag) merge into one undo step.
class ScenarioCommand : public QUndoCommand {
public:
    ScenarioCommand(ScenarioDocument* doc, const QString& text, engine::Scenario before,
                    engine::Scenario after, QString mergeKey)
        : QUndoCommand(text),
          m_doc(doc),
          m_before(std::move(before)),
          m_after(std::move(after)),
          m_key(std::move(mergeKey)) {}

    const QString& key() const { return m_key; }

protected:
    /// The command id QUndoStack merges by: `kind` for a command with a key, none without.
    int mergeId(int kind) const { return m_key.isEmpty() ? -1 : kind; }
    /// Takes `other`'s end state and text if it continues this edit (same key, the document's
    /// merge still open); false if it does not.
    bool absorb(const ScenarioCommand& other) {
        if (other.m_key != m_key || !m_doc->m_mergeOpen)
            return false;
        m_after = other.m_after;
        setText(other.text());
        return true;
    }

    ScenarioDocument* m_doc;
    engine::Scenario m_before, m_after;

private:
    QString m_key;
};

/// An edit of the scenario: undo and redo set the scenario before or after.
class EditCommand : public ScenarioCommand {
public:
    EditCommand(ScenarioDocument* doc, const QString& text, engine::Scenario before,
                engine::Scenario after, ChangeKind kind, QString mergeKey)
        : ScenarioCommand(doc, text, std::move(before), std::move(after), std::move(mergeKey)),
          m_kind(kind) {}

    void undo() override { m_doc->set(m_before, m_kind, QObject::tr("Undo: %1").arg(text())); }
    void redo() override { m_doc->set(m_after, m_kind, text()); }
    int id() const override { return mergeId(1); }
    bool mergeWith(const QUndoCommand* other) override {
        return absorb(*static_cast<const EditCommand*>(other));
    }

private:
    ChangeKind m_kind;
};

/// A live edit: the scenario before and after (the trial list; a weight edit leaves it as it
/// is) and the edit sent to the run on redo, reversed on undo.
class LiveEditCommand : public ScenarioCommand {
public:
    LiveEditCommand(ScenarioDocument* doc, const QString& text, engine::Scenario before,
                    engine::Scenario after, LiveEdit edit, QString mergeKey)
        : ScenarioCommand(doc, text, std::move(before), std::move(after), std::move(mergeKey)),
          m_edit(std::move(edit)) {}

    std::uint64_t editId() const { return m_edit.id; }
    void redo() override {
        m_doc->set(m_after, ChangeKind::Live, text());
        emit m_doc->liveEditRequested(m_edit);
    }
    void undo() override {
        m_doc->set(m_before, ChangeKind::Live, QObject::tr("Undo: %1").arg(text()));
        LiveEdit back = m_edit;
        back.text = QObject::tr("undo of %1").arg(m_edit.text);
        if (m_edit.kind == LiveEdit::Kind::Weight) {
            back.kind = LiveEdit::Kind::UndoWeight;
            back.text = m_edit.text;
        } else {
            back.scenario = std::make_shared<const engine::Scenario>(m_before);
        }
        emit m_doc->liveEditRequested(back);
    }
    int id() const override { return mergeId(2); }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const LiveEditCommand*>(other);
        if (o->m_edit.id != m_edit.id || !absorb(*o))
            return false;
        m_edit = o->m_edit;
        return true;
    }

private:
    LiveEdit m_edit;
};

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent) {
    m_undo.setUndoLimit(UndoLimit);
}

QString ScenarioDocument::displayName() const {
    if (!m_path.isEmpty())
        return QFileInfo(m_path).fileName();
    if (!m_scenario.title.empty())
        return QString::fromStdString(m_scenario.title);
    return tr("Untitled");
}

void ScenarioDocument::reset(const engine::Scenario& scenario, const QString& path) {
    m_undo.clear();
    m_scenario = scenario;
    m_path = path;
    m_mergeOpen = false;
    m_undo.setClean();
    emit loaded();
}

void ScenarioDocument::restore(const engine::Scenario& scenario, const QString& path) {
    reset(scenario, path);
    m_undo.resetClean();  // no state of the stack matches a file: modified until saved
}

bool ScenarioDocument::apply(const QString& text, const engine::edit::Result& result,
                             ChangeKind kind, const QString& mergeKey) {
    if (!result.scenario) {
        emit editRefused(QString::fromStdString(result.problem));
        return false;
    }
    // The command's redo() makes the change (QUndoStack::push calls it).
    m_undo.push(new EditCommand(this, text, m_scenario, *result.scenario, kind, mergeKey));
    m_mergeOpen = !mergeKey.isEmpty();
    return true;
}

bool ScenarioDocument::applyLive(const QString& text, const engine::edit::Result& result,
                                 LiveEdit edit, const QString& mergeKey) {
    if (!result.scenario) {
        emit editRefused(QString::fromStdString(result.problem));
        return false;
    }
    // A drag's later edits share the id of its first, so that the run keeps what undo restores.
    const auto* top = m_undo.index() > 0
                          ? dynamic_cast<const LiveEditCommand*>(m_undo.command(m_undo.index() - 1))
                          : nullptr;
    const bool merging = m_mergeOpen && !mergeKey.isEmpty() && top && top->key() == mergeKey;
    edit.id = merging ? top->editId() : m_nextLiveId++;
    if (edit.kind == LiveEdit::Kind::Trial)
        edit.scenario = std::make_shared<const engine::Scenario>(*result.scenario);
    m_undo.push(
        new LiveEditCommand(this, text, m_scenario, *result.scenario, std::move(edit), mergeKey));
    m_mergeOpen = !mergeKey.isEmpty();
    return true;
}

void ScenarioDocument::set(const engine::Scenario& scenario, ChangeKind kind, const QString& text) {
    m_lastChange = text;
    const engine::ViewSettings view = m_scenario.view;  // the view follows the window, not undo
    m_scenario = scenario;
    m_scenario.view = view;
    emit changed(kind);
}

QString ScenarioDocument::save(const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    const std::string text = engine::scenarioToJson(m_scenario);
    if (file.write(text.data(), static_cast<qint64>(text.size())) !=
            static_cast<qint64>(text.size()) ||
        !file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    m_path = path;
    m_mergeOpen = false;
    m_undo.setClean();
    return {};
}

}  // namespace ui
