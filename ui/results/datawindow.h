#pragma once

#include <QDialog>
#include <vector>

class QTabWidget;

namespace ui {

class DataTab;

/// "Learning on data": the paper's five FashionMNIST experiments (deep networks, online learning,
/// continual learning, concept drift, little data), one DataTab each, with the command line's
/// options, live curves and the figures' summaries. Non-modal; closing it cancels the runs in
/// progress, and deleting it waits for them to stop (within a batch).
class DataWindow : public QDialog {
    Q_OBJECT
public:
    explicit DataWindow(QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    /// The tabs in the paper's order (depth, online, continual, drift, small data).
    const std::vector<DataTab*>& dataTabs() const { return m_dataTabs; }
    /// Whether any tab is running.
    bool running() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QTabWidget* m_tabs = nullptr;
    std::vector<DataTab*> m_dataTabs;
};

}  // namespace ui
