#pragma once

#include <QMainWindow>
#include <QString>

#include "ui/frame.h"
#include "ui/networklayout.h"

class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QLabel;
class QAction;
class QDialog;

namespace ui {

class SimulationController;
class RulePane;
class Inspector;
class PlotPanel;
class TimelineBar;

/// The lab window: BP and PC panes side by side, the inspector, the plots, the run controls and
/// the timeline. Only assembles widgets and wires signals; the logic lives in the pieces.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts the preset called `name`; false if there is none.
    bool loadPreset(const QString& name);
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
    /// Shows or hides the keyboard-shortcut overlay.
    void toggleShortcutOverlay();
    bool shortcutOverlayVisible() const;

private:
    void buildActions();
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
};

}  // namespace ui
