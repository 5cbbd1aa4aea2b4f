#pragma once

#include <QDialog>

class QTabWidget;

namespace ui {

class ExperimentTab;
class FearTab;
class ReversalTab;
class SensorimotorTab;
class ErraticTab;

/// The results window of the learning experiments (science file, section 4, items 7-10): one
/// tab per experiment, each with its settings, Run/Cancel with progress, the result plot and
/// export. Non-modal; closing it cancels the runs in progress (their threads end with the runs
/// already started), and deleting it joins them.
class ExperimentWindow : public QDialog {
    Q_OBJECT
public:
    explicit ExperimentWindow(QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    FearTab* fearTab() const { return m_fear; }
    ReversalTab* reversalTab() const { return m_reversal; }
    SensorimotorTab* sensorimotorTab() const { return m_sensorimotor; }
    ErraticTab* erraticTab() const { return m_erratic; }
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
};

}  // namespace ui
