#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QWidget>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "engine/experiments/experimentoptions.h"
#include "engine/experiments/learningsummaries.h"
#include "engine/report/table.h"

class QCustomPlot;
class QFormLayout;
class QHBoxLayout;
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

    /// The settings field called `name` (a command-line option name), or null (also for a flag,
    /// which is a check box).
    QLineEdit* setting(const QString& name) const;
    /// Sets a field's text (a flag: "1" on, "" off); false when there is no such field.
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

    /// Adds a field for every option of the experiment's table (engine/experiments/
    /// experimentoptions.h): the command line's name, default and help.
    template <typename S>
    void addSettings(const engine::experiments::OptionTable<S>& table) {
        for (const auto& o : table.options)
            addSetting(QString::fromStdString(o.name), QString::fromStdString(table.defaultText(o)),
                       QString::fromStdString(o.help), o.flag);
    }
    /// Reads every field into `settings` by the table's rules; false, with the problems kept for
    /// the status line, when any is refused.
    template <typename S>
    bool readSettings(const engine::experiments::OptionTable<S>& table, S& settings) {
        const std::vector<std::string> problems = engine::experiments::readSettings(
            table, [this](const std::string& name) { return settingText(name); }, "", settings);
        for (const std::string& p : problems)
            m_problems.push_back(QString::fromStdString(p));
        return problems.empty();
    }
    /// Reads the settings and returns the batch, or nothing with problems added by the readers.
    virtual std::optional<Batch> prepare() = 0;

    /// The batch that runs run(job, config) on every job (PC's long ones first when
    /// `fromTheEnd`: the learning experiments list them last) and then, on the GUI thread,
    /// finish(jobs). The jobs and the config travel with the batch.
    template <typename Job, typename Config, typename Finish>
    static Batch batchOf(std::vector<Job> jobs, void (*run)(Job&, const Config&), Config config,
                         Finish finish, bool fromTheEnd = false) {
        auto shared = std::make_shared<std::vector<Job>>(std::move(jobs));
        Batch b;
        b.count = shared->size();
        b.job = [shared, run, config, fromTheEnd](std::size_t i) {
            run((*shared)[fromTheEnd ? shared->size() - 1 - i : i], config);
        };
        b.finish = [shared, finish] { finish(*shared); };
        return b;
    }
    /// " 2 run(s) diverged, e.g. ..." for the summary line, or "" when no run did.
    static QString divergenceNote(const std::vector<std::string>& problems);

    /// Puts `control` (a view option such as a check box that redraws the shown result) in the
    /// row under the plot, left of the export buttons.
    void addPlotControl(QWidget* control);

    /// Called by finish(): the summary line and the CSV table of the complete result.
    void setResult(const QString& summary, engine::report::TextTable csv);

    /// "0.1234" (fixed, as in the command line's summaries).
    static QString fixed(double v, int digits = 4);
    /// "1.93e-03" (scientific, as in the command line's summaries).
    static QString scientific(double v, int digits = 2);

private:
    void addSetting(const QString& name, const QString& defaultText, const QString& help,
                    bool flag);
    /// A field's text as the table reads it (trimmed; a flag "1" or "").
    std::string settingText(const std::string& name) const;
    void finished(bool cancelled);
    void setRunning(bool running);
    void exportPlotInteractive();
    void exportCsvInteractive();
    /// "Saved PATH" in the status line, or the error there and in a message box titled `what`.
    void reportSaved(const QString& path, const QString& error, const QString& what);
    void showStatus(const QString& text, bool problem);

    QCustomPlot* m_plot = nullptr;
    QFormLayout* m_form = nullptr;
    QWidget* m_settings = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_savePlot = nullptr;
    QPushButton* m_saveCsv = nullptr;
    QPushButton* m_defaults = nullptr;
    QHBoxLayout* m_exportRow = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_summary = nullptr;
    BatchRunner* m_runner = nullptr;
    std::vector<std::pair<QString, QString>> m_defaultsList;
    std::map<QString, QWidget*> m_fields;  // a QLineEdit, or a QCheckBox for a flag
    std::vector<QString> m_problems;
    std::function<void()> m_finish;
    QElapsedTimer m_clock;
    engine::report::TextTable m_csv;
};

}  // namespace ui
