#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QWidget>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "engine/experiments/learningsummaries.h"
#include "engine/report/table.h"

class QCustomPlot;
class QFormLayout;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace ui {

class BatchRunner;

/// One experiment of the results window: its settings (the command line's option names and the
/// paper's defaults), Run, a progress bar with Cancel, a result plot with a one-line summary of
/// the numbers, and export of the plot (PNG, PDF) and of the observations (CSV, the command
/// line's columns). Subclasses read the settings into a batch of engine runs and draw the result;
/// the runs go to a BatchRunner off the GUI thread. A run draws only when complete: a cancelled or
/// failed run leaves the previous result as it was.
class ExperimentTab : public QWidget {
    Q_OBJECT
public:
    ~ExperimentTab() override;

    QCustomPlot* plot() const { return m_plot; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    /// The line of numbers under the plot (empty before the first complete run).
    QString summary() const;
    /// "Running: 3/16 runs", "Done: 16 runs in 1.2 s", "Cancelled", or a problem with the
    /// settings.
    QString status() const;
    bool running() const;
    /// Whether a complete result is shown.
    bool hasResult() const { return !m_csv.header.empty(); }
    /// The observations of the shown result (the CSV table).
    const engine::report::TextTable& table() const { return m_csv; }

    /// The settings field called `name` (a command-line option name), or null.
    QLineEdit* setting(const QString& name) const;
    /// Sets a field's text; false when there is no such field.
    bool setSetting(const QString& name, const QString& text);
    /// Puts every field back to its default.
    void restoreDefaults();

    /// Writes the plot to `path` (PNG, or PDF when the name ends in .pdf) atomically. Returns an
    /// error message, or empty on success.
    QString savePlot(const QString& path);
    /// Writes the observations of the shown result as CSV atomically; error message or empty.
    QString saveCsv(const QString& path);

public slots:
    /// Reads the settings and starts the runs; a problem is shown in status() and nothing starts.
    void run();
    void cancel();

signals:
    /// A run ended: complete (and drawn), cancelled or failed.
    void runEnded();

protected:
    /// The engine runs of one press of Run: job(i) runs on worker threads, finish() on the GUI
    /// thread once every job is done (it aggregates and draws).
    struct Batch {
        std::size_t count = 0;
        std::function<void(std::size_t)> job;
        std::function<void()> finish;
    };

    ExperimentTab(const QString& description, QWidget* parent);

    /// Adds a settings field: the command line's option name, its default and a tooltip.
    void addSetting(const QString& name, const QString& defaultText, const QString& help);
    /// Reads the settings and returns the batch, or nothing with problems added by the readers.
    virtual std::optional<Batch> prepare() = 0;

    // Readers for prepare(): each returns false and records a problem naming the field.
    bool readInt(const QString& name, long long lo, long long hi, int& out);
    bool readReal(const QString& name, double& out);
    bool readNonNegative(const QString& name, double& out);
    /// A comma-separated list of rates >= 0, at least one, at most 1000.
    bool readRates(const QString& name, std::vector<double>& out);
    /// --T, --gamma0 and --discount, checked by PcConfig::validate().
    bool readPc(engine::PcConfig& pc);

    /// Called by finish(): the summary line and the CSV table of the complete result.
    void setResult(const QString& summary, engine::report::TextTable csv);

    /// "0.1234" (fixed, as in the command line's summaries).
    static QString fixed(double v, int digits = 4);
    /// "1.93e-03" (scientific, as in the command line's summaries).
    static QString scientific(double v, int digits = 2);

private:
    void finished(bool cancelled);
    void setRunning(bool running);
    void exportPlotInteractive();
    void exportCsvInteractive();
    void showStatus(const QString& text, bool problem);

    QCustomPlot* m_plot = nullptr;
    QFormLayout* m_form = nullptr;
    QWidget* m_settings = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_savePlot = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QPushButton* m_defaults = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    BatchRunner* m_runner = nullptr;
    std::vector<std::pair<QString, QString>> m_defaultsList;
    std::map<QString, QLineEdit*> m_fields;
    std::vector<QString> m_problems;
    std::function<void()> m_finish;
    QElapsedTimer m_clock;
    engine::report::TextTable m_csv;
};

}  // namespace ui
