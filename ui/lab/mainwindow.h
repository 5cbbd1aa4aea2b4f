#pragma once

#include <QMainWindow>
#include <QString>

#include "engine/scenario/scenario.h"
#include "ui/editing/filecontroller.h"
#include "ui/simulation/frame.h"
#include "ui/views/look.h"
#include "ui/views/networklayout.h"

class QAction;
class QDialog;
class QDockWidget;
class QMenu;
class QScrollArea;
class QSplitter;

namespace ui {

class ShortcutOverlay;
class UserGuide;
class SimulationController;
class RulePane;
class Inspector;
class PlotPanel;
class TimelineBar;
class ScenarioDocument;
class ScenarioEditor;
class EditingController;
class RunToolBar;
class StatusLine;
class DisplayController;
class EditorDock;
class Autosaver;
class LessonPanel;
class LessonRunner;
class RunBranching;
enum class ChangeKind;

/// The lab window: BP and PC panes side by side, the inspector, the plots, the run controls and
/// the timeline. Only assembles widgets and wires signals; the logic lives in the pieces:
/// SimulationController (the run), ScenarioDocument (the scenario and its undo stack),
/// EditingController (value edits and the right-click menu), FileController (files), Autosaver
/// (unsaved changes kept through a crash),
/// RunToolBar (the run controls), EditorDock (where the scenario editor opens) and
/// DisplayController (zoom and presentation mode, and the Look every view draws with).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts the preset called `name` (as an untitled scenario); false if there is none or the
    /// user kept unsaved changes.
    bool loadPreset(const QString& name) { return m_files->loadPreset(name); }
    /// Opens a scenario file; returns the error message ("" on success). On an error the open
    /// scenario stays as it was. Does not ask about unsaved changes (File > Open does).
    QString openFile(const QString& path) { return m_files->openFile(path); }
    /// Saves to `path` ("" = the current file); returns the error message or "".
    QString saveFile(const QString& path = {}) { return m_files->saveFile(path); }
    /// The open scenario and its undo stack.
    ScenarioDocument* document() const { return m_doc; }
    ScenarioEditor* editor() const { return m_editor; }
    EditingController* editing() const { return m_editing; }
    FileController* files() const { return m_files; }
    /// Keeps unsaved changes in the autosave folder; offers those of a crashed window.
    Autosaver* autosaver() const { return m_autosave; }
    SimulationController* controller() const { return m_controller; }
    RulePane* pane(engine::Rule rule) const {
        return rule == engine::Rule::BP ? m_bpPane : m_pcPane;
    }
    PlotPanel* plots() const { return m_plots; }
    Inspector* inspector() const { return m_inspector; }
    TimelineBar* timeline() const { return m_timeline; }
    /// The lesson in the side panel, and what performs its actions.
    LessonPanel* lessonPanel() const { return m_lessonPanel; }
    LessonRunner* lessonRunner() const { return m_lessonRunner; }
    /// Lessons menu: opens the preset `name` with its lesson at step 1, the panel shown; false
    /// if there is no such preset or the user kept unsaved changes.
    bool openLesson(const QString& name);
    /// "Resume from here": the question and the undoable branch.
    RunBranching* branching() const { return m_branching; }
    /// The status-bar text (tests read it).
    QString statusMessage() const;
    /// Shows the window at `size` (logical pixels), laid out and drawn with the look for that
    /// size, and every plot replotted: what saveScreenshot() renders, and what tests check.
    void showAt(const QSize& size);
    /// Renders the whole window into a PNG of the given size (or the window's minimum size, if
    /// larger; `written` receives the size used); returns an error message or "".
    QString saveScreenshot(const QString& path, const QSize& size, QSize* written = nullptr);
    /// File > Record video or GIF / Export image or CSV (non-modal; the run goes on). Returns
    /// the dialog, which deletes itself when closed.
    QDialog* showRecordDialog();
    QDialog* showExportDialog();
    /// Shows or hides the keyboard-shortcut overlay.
    void toggleShortcutOverlay();
    /// Help > User guide: the guide in a non-modal window (the same one on each call).
    UserGuide* showUserGuide();
    bool shortcutOverlayVisible() const;

    /// Zoom and presentation mode (F5, View > Presentation; Esc leaves), and the Look every
    /// view draws with.
    DisplayController* display() const { return m_display; }
    /// Opens the window on its screen: within the free area, maximised on small screens.
    void placeOnScreen();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QWidget* buildCentral();
    void buildEditorDock();
    void buildActions();
    void buildFileMenu();
    void buildEditMenu();
    void buildPresetsMenu();
    void buildPaperMenu();
    void buildLessonsMenu();
    /// The side column: the lesson above the inspector, scrolling together.
    QWidget* buildSide(QWidget* parent);
    /// A view a lesson names (engine::lessonViewNames()); false if the run has none.
    bool showLessonView(const QString& view);
    void buildViewMenu();
    /// Gives the window's shortcuts to actions that live only in menus, so that they work while
    /// the menu bar is hidden (presentation mode).
    void keepMenuShortcuts();
    void wire();
    void onDocumentLoaded();
    void onDocumentChanged(ChangeKind kind);
    void updateTitle();
    engine::ViewSettings currentView() const;
    void showResultsWindow();
    void showDataWindow();
    /// The results window on the tab of the command line's experiment `name`.
    void showFigure(const QString& name);
    void onRunLoaded();
    void onFrame(const FramePtr& frame);
    void setSelection(const Selection& selection);

    SimulationController* m_controller = nullptr;
    ScenarioDocument* m_doc = nullptr;
    EditingController* m_editing = nullptr;
    FileController* m_files = nullptr;
    Autosaver* m_autosave = nullptr;
    RulePane* m_bpPane = nullptr;
    RulePane* m_pcPane = nullptr;
    Inspector* m_inspector = nullptr;
    PlotPanel* m_plots = nullptr;
    TimelineBar* m_timeline = nullptr;
    RunToolBar* m_runBar = nullptr;
    StatusLine* m_status = nullptr;
    ShortcutOverlay* m_overlay = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_showBp = nullptr;
    QAction* m_showPc = nullptr;
    ScenarioEditor* m_editor = nullptr;
    EditorDock* m_editorDock = nullptr;
    QScrollArea* m_inspectorBox = nullptr;
    LessonPanel* m_lessonPanel = nullptr;
    LessonRunner* m_lessonRunner = nullptr;
    QSplitter* m_top = nullptr;
    QSplitter* m_vertical = nullptr;
    DisplayController* m_display = nullptr;
    RunBranching* m_branching = nullptr;
};

}  // namespace ui
