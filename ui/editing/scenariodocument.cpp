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

    void undo() override { m_doc->set(m_before, m_kind); }
    void redo() override { m_doc->set(m_after, m_kind); }
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

void ScenarioDocument::set(const engine::Scenario& scenario, ChangeKind kind) {
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
