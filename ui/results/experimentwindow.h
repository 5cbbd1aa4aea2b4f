#pragma once

#include <QDialog>

class QTabWidget;

namespace ui {

class ExperimentTab;
class FearTab;
class ReversalTab;
class SensorimotorTab;
class ErraticTab;
class InterferenceTab;
class LrSweepTab;
class TargetAlignmentTab;
class TrajectoryTab;
class ProspectiveIndexTab;

/// The results window of the paper's experiments (science file, section 4): one tab per small
/// figure (items 1-4 and 6) and per learning experiment (items 7-10), each with its settings,
/// Run/Cancel with progress, the result plot and export. Non-modal; closing it cancels the runs
/// in progress (their threads end with the runs already started), and deleting it joins them.
class ExperimentWindow : public QDialog {
    Q_OBJECT
public:
    explicit ExperimentWindow(QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    FearTab* fearTab() const { return m_fear; }
    ReversalTab* reversalTab() const { return m_reversal; }
    SensorimotorTab* sensorimotorTab() const { return m_sensorimotor; }
    ErraticTab* erraticTab() const { return m_erratic; }
    InterferenceTab* interferenceTab() const { return m_interference; }
    LrSweepTab* lrSweepTab() const { return m_lrSweep; }
    TargetAlignmentTab* targetAlignmentTab() const { return m_alignment; }
    TrajectoryTab* trajectoryTab() const { return m_trajectory; }
    ProspectiveIndexTab* prospectiveIndexTab() const { return m_prospectiveIndex; }
    /// The tab of the command line's experiment `name` ("target-alignment"), or null.
    ExperimentTab* experimentTab(const QString& name) const;
    /// Brings the tab of experiment `name` to the front; false when there is none.
    bool showExperiment(const QString& name);
    /// The experiment tab shown (each page scrolls its tab), or nullptr.
    ExperimentTab* currentExperimentTab() const;
    /// The index of the page that holds `tab` in tabs(), or -1.
    int tabIndex(const ExperimentTab* tab) const;
    /// The tabs in display order.
    std::vector<ExperimentTab*> experimentTabs() const;
    /// Whether any tab is running.
    bool running() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QTabWidget* m_tabs = nullptr;
    FearTab* m_fear = nullptr;
    ReversalTab* m_reversal = nullptr;
    SensorimotorTab* m_sensorimotor = nullptr;
    ErraticTab* m_erratic = nullptr;
    InterferenceTab* m_interference = nullptr;
    LrSweepTab* m_lrSweep = nullptr;
    TargetAlignmentTab* m_alignment = nullptr;
    TrajectoryTab* m_trajectory = nullptr;
    ProspectiveIndexTab* m_prospectiveIndex = nullptr;
};

}  // namespace ui
