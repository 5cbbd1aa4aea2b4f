#include "ui/editing/scenariodocument.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QUndoCommand>

#include "engine/scenario/scenariofile.h"

namespace ui {

/// One edit: the scenario before and after, both kept whole (scenarios are small).
class EditCommand : public QUndoCommand {
public:
    EditCommand(ScenarioDocument* doc, const QString& text, engine::Scenario before,
                engine::Scenario after, ChangeKind kind, QString mergeKey)
        : QUndoCommand(text),
          m_doc(doc),
          m_before(std::move(before)),
          m_after(std::move(after)),
          m_kind(kind),
          m_key(std::move(mergeKey)) {}

    void undo() override { m_doc->set(m_before, m_kind, QObject::tr("Undo: %1").arg(text())); }
    void redo() override { m_doc->set(m_after, m_kind, text()); }
    int id() const override { return m_key.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const EditCommand*>(other);
        if (o->m_key != m_key || !m_doc->m_mergeOpen)
            return false;
        m_after = o->m_after;
        setText(o->text());
        return true;
    }

private:
    ScenarioDocument* m_doc;
    engine::Scenario m_before, m_after;
    ChangeKind m_kind;
    QString m_key;
};

/// A live edit: the scenario before and after (the trial list; a weight edit leaves it as it
/// is) and the edit sent to the run on redo, reversed on undo.
class LiveEditCommand : public QUndoCommand {
public:
    LiveEditCommand(ScenarioDocument* doc, const QString& text, engine::Scenario before,
                    engine::Scenario after, LiveEdit edit, QString mergeKey)
        : QUndoCommand(text),
          m_doc(doc),
          m_before(std::move(before)),
          m_after(std::move(after)),
          m_edit(std::move(edit)),
          m_key(std::move(mergeKey)) {}

    std::uint64_t editId() const { return m_edit.id; }
    const QString& key() const { return m_key; }
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
    int id() const override { return m_key.isEmpty() ? -1 : 2; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const LiveEditCommand*>(other);
        if (o->m_key != m_key || !m_doc->m_mergeOpen || o->m_edit.id != m_edit.id)
            return false;
        m_after = o->m_after;
        m_edit = o->m_edit;
        setText(o->text());
        return true;
    }

private:
    ScenarioDocument* m_doc;
    engine::Scenario m_before, m_after;
    LiveEdit m_edit;
    QString m_key;
};

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent) {}

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
