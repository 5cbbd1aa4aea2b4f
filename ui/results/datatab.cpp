#include "ui/results/datatab.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "engine/experiments/dataoptions.h"
#include "engine/experiments/datareport.h"
#include "engine/experiments/datashards.h"
#include "ui/results/batchrunner.h"
#include "ui/results/confusionview.h"
#include "ui/results/datarunstate.h"
#include "ui/results/imagestrip.h"
#include "ui/results/plotexport.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr int RefreshIntervalMs = 250;  // live curves: four redraws a second at most
constexpr int ExportWidthPx = 1200;     // exported plots: a fixed size, independent of the window
constexpr int ExportHeightPx = 600;

}  // namespace

DataTab::DataTab(ex::DataProtocol protocol, QWidget* parent)
    : QWidget(parent), m_protocol(protocol), m_info(ex::dataExperiment(protocol)) {
    m_runner = new BatchRunner(this);
    buildLayout();
    m_refresh.setInterval(RefreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, &DataTab::refresh);
    connect(m_run, &QPushButton::clicked, this, &DataTab::run);
    connect(m_cancel, &QPushButton::clicked, this, &DataTab::cancel);
    connect(m_defaults, &QPushButton::clicked, this, &DataTab::restoreDefaults);
    connect(m_lecture, &QPushButton::clicked, this, &DataTab::lectureSettings);
    connect(m_savePlot, &QPushButton::clicked, this, &DataTab::exportPlotInteractive);
    connect(m_saveCsv, &QPushButton::clicked, this, &DataTab::exportCsvInteractive);
    connect(m_runner, &BatchRunner::finished, this, &DataTab::finished);
    connect(m_curveSetting, &QComboBox::currentIndexChanged, this, [this] {
        drawCurves();
        if (m_state)
            drawStrip(m_state->live.snapshot());
        drawConfusion();
        m_plot->replot();
    });
}

DataTab::~DataTab() {
    // Running cells stop within a batch; the runner (a child) then joins its threads.
    if (m_state)
        m_state->cancel = true;
    m_runner->cancel();
}

void DataTab::buildLayout() {
    auto* row = new QHBoxLayout(this);
    row->addWidget(buildLeftColumn());
    row->addLayout(buildRightColumn(), 1);
    setUpPlot();
}

QWidget* DataTab::buildLeftColumn() {
    auto* left = new QVBoxLayout;
    auto* about = new QLabel(
        QStringLiteral("<b>%1</b> (%2). %3")
            .arg(QString::fromStdString(m_info.name), QString::fromStdString(m_info.paper),
                 QString::fromStdString(m_info.description)),
        this);
    about->setWordWrap(true);
    left->addWidget(about);
    m_settings = new QWidget(this);
    m_form = new QFormLayout(m_settings);
    m_form->setContentsMargins(0, 0, 0, 0);
    for (const ex::DataOptionInfo& o : m_info.options)
        addField(o);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    left->addWidget(scroll, 1);
    auto* presets = new QHBoxLayout;
    m_defaults = new QPushButton(tr("Paper's defaults"), this);
    m_defaults->setToolTip(tr("The paper's full protocol (hours for the larger grids)"));
    m_lecture = new QPushButton(tr("Lecture"), this);
    m_lecture->setToolTip(
        tr("The --quick variant: fewer epochs, seeds and rates, about a minute "
           "on two cores, and still the paper's direction"));
    presets->addWidget(m_defaults);
    presets->addWidget(m_lecture);
    left->addLayout(presets);
    auto* buttons = new QHBoxLayout;
    m_run = new QPushButton(tr("Run"), this);
    m_run->setToolTip(tr("Run every cell of the grid, both rules, on all cores"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    left->addLayout(buttons);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%p% of the epochs"));
    left->addWidget(m_progress);
    m_status = new QLabel(tr("Not run yet"), this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    left->addWidget(m_status);

    auto* leftBox = new QWidget(this);
    leftBox->setLayout(left);
    leftBox->setMaximumWidth(330);
    return leftBox;
}

QLayout* DataTab::buildRightColumn() {
    auto* right = new QVBoxLayout;
    auto* curvesRow = new QHBoxLayout;
    curvesRow->addWidget(new QLabel(tr("Curves and images of:"), this));
    m_curveSetting = new QComboBox(this);
    m_curveSetting->setToolTip(
        tr("Which setting's runs the curves, the images and the confusion "
           "show"));
    m_curveSetting->setEnabled(false);
    m_curveSetting->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    curvesRow->addWidget(m_curveSetting);
    curvesRow->addStretch(1);
    right->addLayout(curvesRow);
    m_plot = new QCustomPlot(this);
    m_plot->setMinimumSize(640, 300);
    right->addWidget(m_plot, 5);
    m_strip = new ImageStrip(this);
    right->addWidget(m_strip);
    auto* bottom = new QHBoxLayout;
    m_confusion = new ConfusionView(this);
    QStringList names;
    for (int c = 0; c < engine::data::ClassCount; ++c)
        names << QStringLiteral("%1 %2").arg(c).arg(
            QString::fromStdString(ex::fashionMnistClassNames()[static_cast<size_t>(c)]));
    m_confusion->setToolTip(tr("Confusion of the last epoch (rows: true class, columns: "
                               "predicted class):\n") +
                            names.join(QLatin1Char('\n')));
    bottom->addWidget(m_confusion, 2);
    m_summary = new QPlainTextEdit(this);
    m_summary->setReadOnly(true);
    m_summary->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_summary->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_summary->setPlaceholderText(tr("The command line's summary appears here after a run."));
    bottom->addWidget(m_summary, 3);
    right->addLayout(bottom, 2);
    m_confusion->setMaximumHeight(240);
    m_summary->setMaximumHeight(240);
    auto* exports = new QHBoxLayout;
    m_savePlot = new QPushButton(tr("Save plot (PNG/PDF)…"), this);
    m_saveCsv = new QPushButton(tr("Save CSV…"), this);
    m_savePlot->setEnabled(false);
    m_saveCsv->setEnabled(false);
    exports->addStretch(1);
    exports->addWidget(m_savePlot);
    exports->addWidget(m_saveCsv);
    right->addLayout(exports);

    return right;
}

void DataTab::addField(const ex::DataOptionInfo& option) {
    const QString name = QString::fromStdString(option.name);
    const QString defaultText = QString::fromStdString(option.defaultText);
    // A fixed few values come as a list; the field stays a line edit (the list's own), so typing
    // works and a value is read the same way as every other field's.
    QComboBox* list = nullptr;
    QLineEdit* edit = nullptr;
    if (option.choices.empty()) {
        edit = new QLineEdit(defaultText, m_settings);
    } else {
        list = new QComboBox(m_settings);
        list->setEditable(true);
        list->setInsertPolicy(QComboBox::NoInsert);
        for (const std::string& choice : option.choices)
            list->addItem(QString::fromStdString(choice));
        list->setObjectName(name + QStringLiteral("List"));
        edit = list->lineEdit();
        edit->setText(defaultText);
    }
    edit->setObjectName(name);
    edit->setCursorPosition(0);
    QString help = QString::fromStdString(option.help);
    help = help.left(1).toUpper() + help.mid(1);
    edit->setToolTip(tr("%1 (command line: --%2; paper: %3; lecture: %4)")
                         .arg(help, name, defaultText.isEmpty() ? tr("empty") : defaultText,
                              option.quickText.empty() ? tr("empty")
                                                       : QString::fromStdString(option.quickText)));
    if (name == QLatin1String(ex::DataFolderOption))
        edit->setPlaceholderText(tr("$PROSPECT_FASHION_MNIST or Debian's folder"));
    if (list)
        list->setToolTip(edit->toolTip());
    m_form->addRow(name, list ? static_cast<QWidget*>(list) : edit);
    m_fields[name] = edit;
}

QLineEdit* DataTab::setting(const QString& name) const {
    const auto it = m_fields.find(name);
    return it == m_fields.end() ? nullptr : it->second;
}

bool DataTab::setSetting(const QString& name, const QString& text) {
    QLineEdit* field = setting(name);
    if (!field)
        return false;
    field->setText(text);
    field->setCursorPosition(0);
    return true;
}

void DataTab::restoreDefaults() {
    for (const ex::DataOptionInfo& o : m_info.options)
        setSetting(QString::fromStdString(o.name), QString::fromStdString(o.defaultText));
}

void DataTab::lectureSettings() {
    // The data folder is where the data is, not part of the protocol: it stays as it is.
    for (const ex::DataOptionInfo& o : m_info.options)
        if (o.name != ex::DataFolderOption)
            setSetting(QString::fromStdString(o.name), QString::fromStdString(o.quickText));
}

std::string DataTab::fieldText(const std::string& name) const {
    const QLineEdit* field = setting(QString::fromStdString(name));
    return field ? field->text().trimmed().toStdString() : std::string();
}

bool DataTab::running() const {
    return m_runner->running();
}

QString DataTab::status() const {
    return m_status->text();
}

QString DataTab::summary() const {
    return m_summary->toPlainText();
}

void DataTab::showStatus(const QString& text, bool problem) {
    m_status->setText(text);
    m_status->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

void DataTab::showDataProblem(const QString& message) {
    // The command line's message, in the status line and in a dialog that does not block.
    showStatus(message, true);
    if (!m_dataDialog) {
        m_dataDialog = new QMessageBox(QMessageBox::Warning, tr("FashionMNIST is not available"),
                                       QString(), QMessageBox::Ok, this);
        m_dataDialog->setWindowModality(Qt::WindowModal);
    }
    m_dataDialog->setText(message);
    m_dataDialog->open();
}

// ---- running ------------------------------------------------------------------------------------

void DataTab::run() {
    if (running())
        return;
    ex::DataPlanRead read = ex::readDataPlan(
        m_protocol, [this](const std::string& name) { return fieldText(name); }, "");
    if (!read.plan) {
        QStringList lines;
        for (const std::string& p : read.problems)
            lines << QString::fromStdString(p);
        showStatus(tr("Not started: %1").arg(lines.join(QLatin1String("; "))), true);
        return;
    }
    startRun(std::move(*read.plan));
}

bool DataTab::startRun(ex::DataPlan plan) {
    showStatus(tr("Loading FashionMNIST…"), false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    // Once per folder and process (about 0.3 s for the full set); later runs share the copy.
    const engine::data::DatasetLoad load = engine::data::loadFashionMnistCached(plan.dataFolder);
    QApplication::restoreOverrideCursor();
    if (!load.ok()) {
        showDataProblem(QString::fromStdString(load.error));
        return false;
    }
    auto state = std::make_shared<RunState>(std::move(plan), load.dataset);
    m_state = state;
    m_drawnVersion = 0;
    m_liveRedraws = 0;
    fillCurveSettings();
    // The strip's images and true classes.
    std::vector<QImage> images;
    QStringList truths;
    for (engine::Index i : state->strip) {
        const engine::data::ImageSet& test = state->data->test;
        QImage image(static_cast<int>(test.cols), static_cast<int>(test.rows),
                     QImage::Format_Grayscale8);
        const float* pixels = test.image(i);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                image.scanLine(y)[x] = static_cast<uchar>(
                    255.0f - 255.0f * pixels[y * image.width() + x]);  // dark on light
        images.push_back(image);
        truths << shortClassName(test.label(i));
    }
    m_strip->setImages(std::move(images), truths);
    drawCurves();
    m_plot->replot();
    // Each job runs one cell (PC's long ones first) and reports every epoch through the state.
    const std::size_t count = state->plan.cells.size();
    auto job = [state, count](std::size_t j) {
        const std::size_t i = count - 1 - j;
        ex::DataHooks hooks;
        hooks.cancel = &state->cancel;
        hooks.onEpoch = [&state, i](const ex::DataCellResult& r) {
            state->live.setErrors(i, r.errors);
        };
        hooks.onTrained = [&state, i](const engine::BatchTrainer& trainer) {
            ex::Evaluator evaluator(trainer);
            state->live.setPredictions(i,
                                       evaluator.predict(trainer, state->data->test, state->strip));
        };
        state->results[i] = state->plan.run(*state->data, state->plan.cells[i], hooks);
        state->live.setDone(i);
    };
    m_clock.start();
    setRunning(true);
    m_runner->start(count, job);
    m_refresh.start();
    showStatus(tr("Running %n run(s)…", nullptr, static_cast<int>(count)), false);
    return true;
}

void DataTab::cancel() {
    if (!running())
        return;
    m_state->cancel = true;
    m_runner->cancel();
    m_cancel->setEnabled(false);
    showStatus(tr("Cancelling…"), false);
}

void DataTab::refresh() {
    if (!m_state)
        return;
    const std::uint64_t version = m_state->live.version();
    if (version == m_drawnVersion)
        return;
    m_drawnVersion = version;
    const std::vector<LiveGrid::Cell> cells = m_state->live.snapshot();
    std::size_t epochs = 0, done = 0;
    for (const LiveGrid::Cell& c : cells) {
        done += c.done ? 1 : 0;
        epochs += c.done ? static_cast<std::size_t>(m_state->plan.epochs)
                         : (c.errors.empty() ? 0 : c.errors.front().size());
    }
    const std::size_t total =
        std::max<std::size_t>(1, cells.size() * static_cast<std::size_t>(m_state->plan.epochs));
    m_progress->setValue(static_cast<int>(100 * epochs / total));
    if (m_cancel->isEnabled())
        showStatus(tr("Running on %n thread(s): %1/%2 runs done", nullptr,
                      static_cast<int>(m_runner->threadCount()))
                       .arg(done)
                       .arg(cells.size()),
                   false);
    drawCurves();
    drawStrip(cells);
    m_plot->replot();
    ++m_liveRedraws;
}

void DataTab::finished(bool cancelled) {
    m_refresh.stop();
    m_drawnVersion = 0;
    refresh();  // the last epochs
    setRunning(false);
    const double seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    if (!m_runner->error().isEmpty()) {
        showStatus(tr("Failed: %1. The previous result is kept.").arg(m_runner->error()), true);
    } else if (cancelled) {
        showStatus(tr("Cancelled after %1 s. The curves show what ran; the summary, its plot and "
                      "the confusion keep the previous complete run.")
                       .arg(seconds, 0, 'f', 1),
                   false);
    } else {
        m_state->complete = true;
        m_result = m_state;
        const ex::DataPlan& plan = m_state->plan;
        m_summary->setPlainText(
            QString::fromStdString(ex::dataSummaryText(plan, m_state->results)));
        m_csv = ex::dataCsvOf(plan, plan.cells, m_state->results);
        m_savePlot->setEnabled(true);
        m_saveCsv->setEnabled(true);
        drawSummary();
        drawCurves();
        drawConfusion();
        m_plot->replot();
        int diverged = 0;
        for (const ex::DataCellResult& r : m_state->results)
            diverged += r.diverged ? 1 : 0;
        showStatus(tr("Done: %1 runs on %n thread(s) in %2 s", nullptr,
                      static_cast<int>(m_runner->threadCount()))
                           .arg(plan.cells.size())
                           .arg(seconds, 0, 'f', 1) +
                       (diverged ? tr(" (%1 diverged: recorded, see the summary)").arg(diverged)
                                 : QString()),
                   false);
    }
    emit runEnded();
}

void DataTab::setRunning(bool running) {
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_settings->setEnabled(!running);
    m_defaults->setEnabled(!running);
    m_lecture->setEnabled(!running);
    if (running)
        m_progress->setValue(0);
}

void DataTab::fillCurveSettings() {
    const QSignalBlocker block(m_curveSetting);
    m_curveSetting->clear();
    const ex::DataPlan& plan = m_state->plan;
    const QString name = QString::fromLatin1(plan.settingName());
    std::vector<int> settings;
    for (const ex::DataCell& c : plan.cells)
        if (std::find(settings.begin(), settings.end(), c.setting) == settings.end())
            settings.push_back(c.setting);
    for (int s : settings)
        m_curveSetting->addItem(
            name.isEmpty() ? tr("all runs") : QStringLiteral("%1 %2").arg(name).arg(s), s);
    // The end of the axis where the paper's difference is largest: the deepest net, the
    // smallest batch, the fewest examples.
    const bool last = m_protocol == ex::DataProtocol::Depth;
    m_curveSetting->setCurrentIndex(last ? m_curveSetting->count() - 1 : 0);
    m_curveSetting->setEnabled(m_curveSetting->count() > 1);
}

int DataTab::shownSetting() const {
    return m_curveSetting->count() ? m_curveSetting->currentData().toInt() : 0;
}

// ---- export -------------------------------------------------------------------------------------

QString DataTab::savePlot(const QString& path) {
    return savePlotFile(m_plot, path, ExportWidthPx, ExportHeightPx);
}

QString DataTab::saveCsv(const QString& path) {
    return saveCsvTable(m_csv, path);
}

void DataTab::exportPlotInteractive() {
    const QString path = askPlotPath(this);
    if (!path.isEmpty())
        reportSaved(path, savePlot(path), tr("Save plot"));
}

void DataTab::exportCsvInteractive() {
    const QString path = askCsvPath(this);
    if (!path.isEmpty())
        reportSaved(path, saveCsv(path), tr("Save CSV"));
}

void DataTab::reportSaved(const QString& path, const QString& error, const QString& what) {
    showStatus(error.isEmpty() ? tr("Saved %1").arg(path) : error, !error.isEmpty());
    if (!error.isEmpty())
        QMessageBox::warning(this, what, error);
}

}  // namespace ui
