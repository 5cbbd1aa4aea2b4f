#include "ui/editing/filecontroller.h"

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "ui/editing/scenariodocument.h"

namespace ui {

FileController::FileController(ScenarioDocument* doc, QWidget* parent)
    : QObject(parent), m_doc(doc), m_parent(parent) {}

FileController::~FileController() = default;

std::unique_ptr<QSettings> FileController::settings() const {
    if (m_settingsFile.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
}

QStringList FileController::recentFiles() const {
    return settings()->value("recentFiles").toStringList();
}

void FileController::setRecentMenu(QMenu* menu) {
    m_recentMenu = menu;
    rebuildRecentMenu();
}

QString FileController::openFile(const QString& path) {
    const engine::ScenarioResult r =
        engine::readScenarioFile(QFile::encodeName(path).toStdString());
    if (!r.scenario)
        return QString::fromStdString(r.error);
    m_doc->reset(*r.scenario, path);
    addRecent(path);
    return {};
}

QString FileController::saveFile(const QString& path) {
    const QString target = path.isEmpty() ? m_doc->filePath() : path;
    if (target.isEmpty())
        return tr("No file name given");
    if (m_view)
        m_doc->setView(m_view());
    const QString error = m_doc->save(target);
    if (error.isEmpty()) {
        addRecent(target);
        emit saved(target);
        emit message(tr("Saved %1").arg(target), false);
    }
    return error;
}

bool FileController::loadPreset(const QString& name) {
    const engine::Scenario* p = engine::findPreset(name.toStdString());
    if (!p || !maybeSave())
        return false;
    m_doc->reset(*p, {});
    return true;
}

void FileController::newScenario() {
    if (!maybeSave())
        return;
    // A small blank network to build on: 2 inputs, 2 hidden, 1 output, weights 0.5.
    engine::Scenario s;
    s.title = tr("Untitled").toStdString();
    s.spec = engine::NetworkSpec::layered({2, 2, 1}, engine::Activation::Tanh,
                                          engine::Initialiser::constant(0.5));
    engine::Vector in(2), out(1);
    in << 1.0, 0.0;
    out << 1.0;
    s.trials = {engine::Trial::single(in, out)};
    s.bp = engine::BpConfig{0.1};
    s.pc = engine::PcConfig{0.1, 128, 0.1, 0.5};
    m_doc->reset(engine::withExplicitWeights(s), {});
}

void FileController::open() {
    if (!maybeSave())
        return;
    const QString path = askOpenPath(m_lastDir);
    if (path.isEmpty())
        return;
    m_lastDir = QFileInfo(path).absolutePath();
    openReporting(path);
}

void FileController::openRecent(const QString& path) {
    if (maybeSave())
        openReporting(path);
}

void FileController::openReporting(const QString& path) {
    const QString error = openFile(path);
    if (!error.isEmpty()) {
        emit message(error, true);
        warn(tr("Cannot open the scenario"), error);
    }
}

bool FileController::save() {
    if (m_doc->filePath().isEmpty())
        return saveAs();
    const QString error = saveFile();
    if (!error.isEmpty()) {
        warn(tr("Save"), error);
        return false;
    }
    return true;
}

bool FileController::saveAs() {
    QString suggestion = m_doc->filePath();
    if (suggestion.isEmpty()) {
        const std::string& name = m_doc->scenario().name;
        suggestion = QDir(m_lastDir.isEmpty() ? QDir::homePath() : m_lastDir)
                         .filePath(QString::fromStdString(name.empty() ? "scenario" : name) +
                                   ".prospect.json");
    }
    QString path = askSavePath(suggestion);
    if (path.isEmpty())
        return false;
    // The suffix the desktop's MIME type knows (application/x-prospect-scenario+json).
    if (QFileInfo(path).suffix().isEmpty())
        path += ".prospect.json";
    m_lastDir = QFileInfo(path).absolutePath();
    const QString error = saveFile(path);
    if (!error.isEmpty()) {
        warn(tr("Save"), error);
        return false;
    }
    return true;
}

bool FileController::maybeSave() {
    if (!m_doc->isModified())
        return true;
    switch (askUnsaved(m_doc->displayName())) {
        case Unsaved::Cancel:
            return false;
        case Unsaved::Save:
            return save();
        case Unsaved::Discard:
            break;
    }
    return true;
}

void FileController::addRecent(const QString& path) {
    const std::unique_ptr<QSettings> s = settings();
    QStringList recent = s->value("recentFiles").toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecentFiles)
        recent.removeLast();
    s->setValue("recentFiles", recent);
    rebuildRecentMenu();
}

void FileController::rebuildRecentMenu() {
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openRecent(path); })
            ->setToolTip(path);
    m_recentMenu->setToolTipsVisible(true);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QString FileController::askOpenPath(const QString& dir) {
    return QFileDialog::getOpenFileName(m_parent, tr("Open scenario"), dir,
                                        tr("Prospect scenarios (*.json);;All files (*)"));
}

QString FileController::askSavePath(const QString& suggestion) {
    return QFileDialog::getSaveFileName(m_parent, tr("Save scenario"), suggestion,
                                        tr("Prospect scenarios (*.prospect.json *.json)"));
}

FileController::Unsaved FileController::askUnsaved(const QString& name) {
    const auto answer = QMessageBox::question(
        m_parent, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them first?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return Unsaved::Save;
    return answer == QMessageBox::Discard ? Unsaved::Discard : Unsaved::Cancel;
}

void FileController::warn(const QString& title, const QString& text) {
    QMessageBox::warning(m_parent, title, text);
}

}  // namespace ui
