#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

#include "engine/scenario/scenario.h"

class QMenu;
class QSettings;
class QWidget;

namespace ui {

class ScenarioDocument;

/// The document's files: New, Open, Save, Save As, the presets, the recent files and the
/// question about unsaved changes, so that nothing the user made is lost without asking. The
/// questions (file dialogs, message boxes) are virtual functions, so that tests can answer them
/// without dialogs. Knows no window.
class FileController : public QObject {
    Q_OBJECT
public:
    /// `parent` also parents the dialogs.
    FileController(ScenarioDocument* doc, QWidget* parent);
    ~FileController() override;

    /// Keeps the recent files in this INI file instead of the application's settings (tests).
    void setSettingsFile(const QString& path) { m_settingsFile = path; }
    /// Gives the view settings saved with a scenario (the window's panes and plot).
    void setViewSource(std::function<engine::ViewSettings()> view) { m_view = std::move(view); }
    /// The menu that lists the recent files; it follows every change of the list.
    void setRecentMenu(QMenu* menu);
    /// The recent files, most recent first (at most MaxRecentFiles).
    QStringList recentFiles() const;
    static constexpr int MaxRecentFiles = 8;

    /// Opens a scenario file without asking anything; returns the error message ("" on
    /// success). On an error the open scenario stays as it was.
    QString openFile(const QString& path);
    /// Saves to `path` ("" = the document's file); returns the error message or "".
    QString saveFile(const QString& path = {});

    /// Starts the preset called `name` (as an untitled scenario); false if there is none or the
    /// user kept unsaved changes.
    bool loadPreset(const QString& name);
    /// File > New: a small blank network to build on (after the unsaved-changes question).
    void newScenario();
    /// File > Open: the unsaved-changes question, then a file dialog.
    void open();
    /// File > Open Recent: the unsaved-changes question, then `path`.
    void openRecent(const QString& path);
    /// File > Save: to the document's file, or Save As for a new one. False = not saved.
    bool save();
    /// File > Save As: asks for the file. False = not saved.
    bool saveAs();
    /// Asks whether to save unsaved changes first (and does); false = the user cancelled or
    /// the save failed, so the caller must not go on.
    bool maybeSave();

signals:
    /// A note ("Saved x.json") or a problem (a file that cannot be opened) for the status bar.
    void message(const QString& text, bool problem);
    /// The document was saved to `path` (its name may have changed).
    void saved(const QString& path);

protected:
    /// What to do with unsaved changes.
    enum class Unsaved { Save, Discard, Cancel };
    /// The questions. Each returns "" (or Cancel) when the user cancels.
    virtual QString askOpenPath(const QString& dir);
    virtual QString askSavePath(const QString& suggestion);
    virtual Unsaved askUnsaved(const QString& name);
    /// Shows a problem the user has to acknowledge.
    virtual void warn(const QString& title, const QString& text);

private:
    std::unique_ptr<QSettings> settings() const;
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    /// Opens `path` and reports an error in the status bar and a warning.
    void openReporting(const QString& path);

    ScenarioDocument* m_doc;
    QWidget* m_parent;
    QMenu* m_recentMenu = nullptr;
    QString m_settingsFile;
    QString m_lastDir;
    std::function<engine::ViewSettings()> m_view;
};

}  // namespace ui
