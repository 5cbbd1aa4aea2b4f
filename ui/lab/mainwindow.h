#pragma once

#include <QMainWindow>
#include <QString>

#include "engine/scenario/scenario.h"
#include "ui/simulation/frame.h"
#include "ui/views/networklayout.h"

class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;
class QAction;
class QDialog;
class QDockWidget;
class QMenu;

namespace ui {

class SimulationController;
class RulePane;
class Inspector;
class PlotPanel;
class TimelineBar;
class ScenarioDocument;
class ScenarioEditor;
enum class ChangeKind;

/// The lab window: BP and PC panes side by side, the inspector, the plots, the run controls and
/// the timeline. Only assembles widgets and wires signals; the logic lives in the pieces.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts the preset called `name` (as an untitled scenario); false if there is none or the
    /// user kept unsaved changes.
    bool loadPreset(const QString& name);
    /// Opens a scenario file; returns the error message ("" on success). On an error the open
    /// scenario stays as it was. Does not ask about unsaved changes (openFileInteractive does).
    QString openFile(const QString& path);
    /// Saves to `path` ("" = the current file); returns the error message or "".
    QString saveFile(const QString& path = {});
    /// The open scenario and its undo stack.
    ScenarioDocument* document() const { return m_doc; }
    ScenarioEditor* editor() const { return m_editor; }
    /// The input trial that edits of inputs and targets in the network view change: the one on
    /// show (0 before the first trial).
    std::size_t editedTrial() const;
    /// Sets the value of a weight, an input or a target (the same as a drag to `value`).
    bool setValue(const Selection& target, double value, const QString& mergeKey = {});
    SimulationController* controller() const { return m_controller; }
    RulePane* pane(engine::Rule rule) const {
        return rule == engine::Rule::BP ? m_bpPane : m_pcPane;
    }
    PlotPanel* plots() const { return m_plots; }
    Inspector* inspector() const { return m_inspector; }
    TimelineBar* timeline() const { return m_timeline; }
    /// The status-bar text (tests read it).
    QString statusMessage() const;
    /// Renders the whole window into a PNG of the given size (or the window's minimum size, if
    /// larger; `written` receives the size used); returns an error message or "".
    QString saveScreenshot(const QString& path, const QSize& size, QSize* written = nullptr);
    /// File > Record video or GIF / Export image or CSV (non-modal; the run goes on). Returns
    /// the dialog, which deletes itself when closed.
    QDialog* showRecordDialog();
    QDialog* showExportDialog();
    /// Shows or hides the keyboard-shortcut overlay.
    void toggleShortcutOverlay();
    bool shortcutOverlayVisible() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildEditing();
    void onDocumentLoaded();
    void onDocumentChanged(ChangeKind kind);
    void updateTitle();
    /// Asks to save unsaved changes; false = the user cancelled.
    bool maybeSave();
    void openFileInteractive();
    bool saveAsInteractive();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    double valueOf(const Selection& target) const;
    void showContextMenu(const Selection& target, const QPoint& globalPos);
    void askValue(const Selection& target);
    void nudge(double delta);
    engine::ViewSettings currentView() const;
    void buildToolBar();
    void buildMenus();
    void onRunLoaded();
    void onFrame(const FramePtr& frame);
    void onMessage(const QString& text, bool problem);
    void setSelection(const Selection& selection);
    void stepRequested(bool oneIteration);

    SimulationController* m_controller = nullptr;
    RulePane* m_bpPane = nullptr;
    RulePane* m_pcPane = nullptr;
    Inspector* m_inspector = nullptr;
    PlotPanel* m_plots = nullptr;
    TimelineBar* m_timeline = nullptr;
    QComboBox* m_granularity = nullptr;
    QSpinBox* m_stepCount = nullptr;
    QComboBox* m_speed = nullptr;
    QSpinBox* m_untilTrials = nullptr;
    QDoubleSpinBox* m_untilLoss = nullptr;
    QLabel* m_seedLabel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_problem = nullptr;
    QDialog* m_overlay = nullptr;
    QAction* m_playAction = nullptr;
    QAction* m_showValues = nullptr;
    ScenarioDocument* m_doc = nullptr;
    ScenarioEditor* m_editor = nullptr;
    QDockWidget* m_editorDock = nullptr;
    QMenu* m_recentMenu = nullptr;
    QString m_lastDir;
    bool m_dragActive = false;
    double m_dragBase = 0.0;
};

}  // namespace ui
