#include "ui/results/experimenttab.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "engine/report/format.h"
#include "engine/report/table.h"
#include "ui/results/batchrunner.h"
#include "ui/results/plotexport.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace {

constexpr int ExportWidthPx = 900;  // exported plots: a fixed size, independent of the window
constexpr int ExportHeightPx = 600;

}  // namespace

ExperimentTab::ExperimentTab(const QString& description, QWidget* parent) : QWidget(parent) {
    m_runner = new BatchRunner(this);

    auto* left = new QVBoxLayout;
    auto* about = new QLabel(description, this);
    about->setWordWrap(true);
    left->addWidget(about);
    m_settings = new QWidget(this);
    m_form = new QFormLayout(m_settings);
    m_form->setContentsMargins(0, 0, 0, 0);
    left->addWidget(m_settings);
    m_defaults = new QPushButton(tr("Paper's defaults"), this);
    m_defaults->setToolTip(tr("Put every setting back to the paper's value"));
    left->addWidget(m_defaults);
    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"), this);
    m_run->setToolTip(tr("Run every seed of both rules on all cores"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    left->addLayout(buttons);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v/%m runs"));
    left->addWidget(m_progress);
    m_status = new QLabel(tr("Not run yet"), this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    left->addWidget(m_status);
    left->addStretch(1);

    auto* right = new QVBoxLayout;
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(480, 340);
    right->addWidget(m_plot, 1);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addWidget(m_summary);
    auto* exports = new QHBoxLayout;
    m_exportRow = exports;
    m_savePlot = new QPushButton(tr("Save plot (PNG/PDF)…"), this);
    m_saveCsv = new QPushButton(tr("Save CSV…"), this);
    m_savePlot->setEnabled(false);
    m_saveCsv->setEnabled(false);
    exports->addStretch(1);
    exports->addWidget(m_savePlot);
    exports->addWidget(m_saveCsv);
    right->addLayout(exports);

    auto* row = new QHBoxLayout(this);
    auto* leftBox = new QWidget(this);
    leftBox->setLayout(left);
    leftBox->setMaximumWidth(320);
    row->addWidget(leftBox);
    row->addLayout(right, 1);

    connect(m_run, &QPushButton::clicked, this, &ExperimentTab::run);
    connect(m_cancel, &QPushButton::clicked, this, &ExperimentTab::cancel);
    connect(m_defaults, &QPushButton::clicked, this, &ExperimentTab::restoreDefaults);
    connect(m_savePlot, &QPushButton::clicked, this, &ExperimentTab::exportPlotInteractive);
    connect(m_saveCsv, &QPushButton::clicked, this, &ExperimentTab::exportCsvInteractive);
    connect(m_runner, &BatchRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
        if (m_cancel->isEnabled())  // not while cancelling
            showStatus(tr("Running on %n thread(s): %1/%2 runs", nullptr,
                          static_cast<int>(m_runner->threadCount()))
                           .arg(done)
                           .arg(total),
                       false);
    });
    connect(m_runner, &BatchRunner::finished, this, &ExperimentTab::finished);
}

ExperimentTab::~ExperimentTab() {
    // The runner (a child) joins its threads when deleted; the jobs hold their own data.
    m_runner->cancel();
}

QString ExperimentTab::summary() const {
    return m_summary->text();
}

QString ExperimentTab::status() const {
    return m_status->text();
}

bool ExperimentTab::running() const {
    return m_runner->running();
}

QLineEdit* ExperimentTab::setting(const QString& name) const {
    auto it = m_fields.find(name);
    return it == m_fields.end() ? nullptr : qobject_cast<QLineEdit*>(it->second);
}

bool ExperimentTab::setSetting(const QString& name, const QString& text) {
    auto it = m_fields.find(name);
    if (it == m_fields.end())
        return false;
    if (auto* box = qobject_cast<QCheckBox*>(it->second)) {
        box->setChecked(text == QLatin1String("1"));
        return true;
    }
    auto* field = static_cast<QLineEdit*>(it->second);
    field->setText(text);
    field->setCursorPosition(0);  // long lists show their start
    return true;
}

std::string ExperimentTab::settingText(const std::string& name) const {
    const auto it = m_fields.find(QString::fromStdString(name));
    if (it == m_fields.end())
        return {};
    if (auto* box = qobject_cast<QCheckBox*>(it->second))
        return box->isChecked() ? "1" : "";
    return static_cast<QLineEdit*>(it->second)->text().trimmed().toStdString();
}

void ExperimentTab::restoreDefaults() {
    for (const auto& [name, text] : m_defaultsList)
        setSetting(name, text);
}

void ExperimentTab::addSetting(const QString& name, const QString& defaultText, const QString& help,
                               bool flag) {
    QWidget* field = nullptr;
    if (flag) {
        auto* box = new QCheckBox(m_settings);
        box->setChecked(defaultText == QLatin1String("1"));
        box->setToolTip(help + tr(" (command line: --%1)").arg(name));
        field = box;
    } else {
        auto* edit = new QLineEdit(defaultText, m_settings);
        edit->setCursorPosition(0);
        edit->setToolTip(help + tr(" (command line: --%1, default %2)").arg(name, defaultText));
        field = edit;
    }
    // The help is written for the command line; the tooltip starts it with a capital.
    field->setToolTip(field->toolTip().left(1).toUpper() + field->toolTip().mid(1));
    field->setObjectName(name);
    m_form->addRow(name, field);
    m_fields[name] = field;
    m_defaultsList.push_back({name, defaultText});
}

void ExperimentTab::addPlotControl(QWidget* control) {
    control->setParent(this);
    m_exportRow->insertWidget(m_exportRow->count() - 3, control);  // before the stretch
}

QString ExperimentTab::fixed(double v, int digits) {
    return QString::fromStdString(engine::report::fixed(v, digits));
}

QString ExperimentTab::divergenceNote(const std::vector<std::string>& problems) {
    if (problems.empty())
        return {};
    return tr(" %n run(s) diverged, e.g. %1.", nullptr, static_cast<int>(problems.size()))
        .arg(QString::fromStdString(problems.front()));
}

QString ExperimentTab::scientific(double v, int digits) {
    return QString::fromStdString(engine::report::scientific(v, digits));
}

// ---- running ------------------------------------------------------------------------------------

void ExperimentTab::run() {
    if (running())
        return;
    m_problems.clear();
    std::optional<Batch> batch = prepare();
    if (!batch || !m_problems.empty()) {
        if (m_problems.empty())
            m_problems.push_back(tr("The settings do not describe a run"));
        QStringList lines;
        for (const QString& p : m_problems)
            lines << p;
        showStatus(tr("Not started: %1").arg(lines.join(QLatin1String("; "))), true);
        return;
    }
    m_finish = std::move(batch->finish);
    m_clock.start();
    setRunning(true);
    m_runner->start(batch->count, std::move(batch->job));
}

void ExperimentTab::cancel() {
    if (!running())
        return;
    m_runner->cancel();
    m_cancel->setEnabled(false);
    showStatus(tr("Cancelling: waiting for the runs in progress…"), false);
}

void ExperimentTab::finished(bool cancelled) {
    setRunning(false);
    std::function<void()> finish = std::move(m_finish);
    m_finish = nullptr;
    if (!m_runner->error().isEmpty()) {
        showStatus(tr("Failed: %1. The previous result is kept.").arg(m_runner->error()), true);
    } else if (cancelled) {
        showStatus(hasResult() ? tr("Cancelled. The previous result is kept.") : tr("Cancelled."),
                   false);
    } else {
        finish();
        showStatus(tr("Done: %1 runs on %n thread(s) in %2 s", nullptr,
                      static_cast<int>(m_runner->threadCount()))
                       .arg(m_progress->maximum())
                       .arg(static_cast<double>(m_clock.elapsed()) / 1000.0, 0, 'f', 1),
                   false);
    }
    emit runEnded();
}

void ExperimentTab::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_settings->setEnabled(!running);
    m_defaults->setEnabled(!running);
    if (running)
        m_progress->setValue(0);
}

void ExperimentTab::setResult(const QString& summary, engine::report::TextTable csv) {
    m_summary->setText(summary);
    m_csv = std::move(csv);
    m_savePlot->setEnabled(true);
    m_saveCsv->setEnabled(true);
    resultplots::showLegend(m_plot);
    m_plot->replot();
}

void ExperimentTab::showStatus(const QString& text, bool problem) {
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

// ---- export -------------------------------------------------------------------------------------

QString ExperimentTab::savePlot(const QString& path) {
    return savePlotFile(m_plot, path, ExportWidthPx, ExportHeightPx);
}

QString ExperimentTab::saveCsv(const QString& path) {
    return saveCsvTable(m_csv, path);
}

void ExperimentTab::exportPlotInteractive() {
    const QString path = askPlotPath(this);
    if (!path.isEmpty())
        reportSaved(path, savePlot(path), tr("Save plot"));
}

void ExperimentTab::exportCsvInteractive() {
    const QString path = askCsvPath(this);
    if (!path.isEmpty())
        reportSaved(path, saveCsv(path), tr("Save CSV"));
}

void ExperimentTab::reportSaved(const QString& path, const QString& error, const QString& what) {
    showStatus(error.isEmpty() ? tr("Saved %1").arg(path) : error, !error.isEmpty());
    if (!error.isEmpty())
        QMessageBox::warning(this, what, error);
}

}  // namespace ui
