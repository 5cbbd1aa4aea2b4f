#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTimer>
#include <QWidget>
#include <map>
#include <memory>
#include <vector>

#include "engine/experiments/dataplan.h"
#include "engine/report/table.h"
#include "ui/results/datalive.h"

class QComboBox;
class QCustomPlot;
class QCPAxisRect;
class QFormLayout;
class QLabel;
class QLayout;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace ui {

class BatchRunner;
class ConfusionView;
class ImageStrip;

/// One of the paper's FashionMNIST experiments in the "Learning on data" window: the command
/// line's options under the same names with the paper's defaults (and a Lecture button for the
/// --quick variant), Run/Cancel with progress on every core, the test-error curves of BP and PC
/// drawn epoch by epoch as they learn (continual: both tasks, the task being trained shaded;
/// drift: the changes marked), the figure's summary plot with every seed's point, a strip of test
/// images with both rules' predictions, the confusion of the last epoch, the command line's
/// summary text, and Save plot / Save CSV. The runs go to a BatchRunner (the engine's work loop)
/// on worker threads that share only the run's state; the lab's simulation is untouched.
class DataTab : public QWidget {
    Q_OBJECT
public:
    explicit DataTab(engine::experiments::DataProtocol protocol, QWidget* parent = nullptr);
    ~DataTab() override;

    engine::experiments::DataProtocol protocol() const { return m_protocol; }
    QLineEdit* setting(const QString& name) const;
    bool setSetting(const QString& name, const QString& text);
    /// Every field back to the paper's value (Paper's defaults).
    void restoreDefaults();
    /// Every field to the --quick variant's value (the Lecture button).
    void lectureSettings();

    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* lectureButton() const { return m_lecture; }
    QProgressBar* progressBar() const { return m_progress; }
    QComboBox* curveSetting() const { return m_curveSetting; }
    QCustomPlot* plot() const { return m_plot; }
    ImageStrip* strip() const { return m_strip; }
    ConfusionView* confusion() const { return m_confusion; }
    /// The axis rects: the curves (continual: task A, task B), then the summary plot.
    const std::vector<QCPAxisRect*>& curveRects() const { return m_curveRects; }
    QCPAxisRect* summaryRect() const { return m_summaryRect; }
    /// The dialog shown when the data cannot be loaded (null before).
    QMessageBox* dataDialog() const { return m_dataDialog; }

    bool running() const;
    QString status() const;
    /// The summary of the last complete run (the command line's text), or empty.
    QString summary() const;
    bool hasResult() const { return !m_csv.header.empty(); }
    const engine::report::TextTable& table() const { return m_csv; }
    /// Curve redraws since the run started (tests see the curves arrive while it runs).
    int liveRedraws() const { return m_liveRedraws; }

    QString savePlot(const QString& path);
    QString saveCsv(const QString& path);

public slots:
    void run();
    void cancel();

signals:
    void runEnded();

private:
    /// What the worker threads and the GUI share for one press of Run.
    struct RunState;

    void buildLayout();
    QWidget* buildLeftColumn();
    QLayout* buildRightColumn();
    void setUpPlot();
    void addField(const engine::experiments::DataOptionInfo& option);
    std::string fieldText(const std::string& name) const;
    bool startRun(engine::experiments::DataPlan plan);
    void refresh();
    void finished(bool cancelled);
    void setRunning(bool running);
    void showStatus(const QString& text, bool problem);
    void showDataProblem(const QString& message);
    void fillCurveSettings();
    int shownSetting() const;
    void drawCurves();
    void drawStrip(const std::vector<LiveGrid::Cell>& cells);
    void drawSummary();
    void drawConfusion();
    void exportPlotInteractive();
    void exportCsvInteractive();
    /// "Saved PATH" in the status line, or the error there and in a message box titled `what`.
    void reportSaved(const QString& path, const QString& error, const QString& what);

    const engine::experiments::DataProtocol m_protocol;
    const engine::experiments::DataExperimentInfo& m_info;
    std::map<QString, QLineEdit*> m_fields;
    QFormLayout* m_form = nullptr;
    QWidget* m_settings = nullptr;
    QPushButton* m_defaults = nullptr;
    QPushButton* m_lecture = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_savePlot = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_curveSetting = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::vector<QCPAxisRect*> m_curveRects;
    QCPAxisRect* m_summaryRect = nullptr;
    ImageStrip* m_strip = nullptr;
    ConfusionView* m_confusion = nullptr;
    QPlainTextEdit* m_summary = nullptr;
    QMessageBox* m_dataDialog = nullptr;
    BatchRunner* m_runner = nullptr;
    QTimer m_refresh;
    QElapsedTimer m_clock;
    std::shared_ptr<RunState> m_state;   // the current or last run (live curves, strip)
    std::shared_ptr<RunState> m_result;  // the last complete run (summary, confusion, CSV)
    std::uint64_t m_drawnVersion = 0;
    int m_liveRedraws = 0;
    engine::report::TextTable m_csv;
};

}  // namespace ui
