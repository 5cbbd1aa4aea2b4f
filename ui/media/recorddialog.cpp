#include "ui/media/recorddialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "ui/media/dialogrows.h"
#include "ui/media/framewriter.h"
#include "ui/media/recorder.h"
#include "ui/views/screenfit.h"
#include "ui/views/scrollbox.h"
#include "ui/views/wrappedlabel.h"

namespace ui {

namespace {

const QSize SizePresets[] = {{1280, 720}, {1920, 1080}, {1080, 1080}};

}  // namespace

RecordDialog::RecordDialog(const engine::Scenario& scenario, const History& history,
                           std::size_t shown, QWidget* parent)
    : QDialog(parent), m_scenario(scenario), m_history(std::make_shared<Recording>()) {
    setWindowTitle(tr("Record video or GIF"));
    m_history->look = RunLook::from(scenario);
    m_history->history = history;  // frames and trial records (thinned apart) as they are
    m_recorder = new Recorder(this);
    auto* form = new QFormLayout;
    addSourceRows(form, int(history.size()), shown);
    addGapsRow(form, history);
    addPictureRows(form);
    m_title = new QLineEdit(QString::fromStdString(scenario.title), this);
    form->addRow(tr("Title:"), m_title);
    const dialogrows::FileRow file =
        dialogrows::fileRow(tr("recording.mp4 (.mp4, .webm or .gif)"), this);
    m_path = file.path;
    form->addRow(tr("File:"), file.layout);
    m_note = new WrappedLabel({}, this);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* record = buttons->addButton(tr("Record"), QDialogButtonBox::AcceptRole);
    record->setObjectName("recordButton");
    auto* column = new QVBoxLayout(this);
    auto* fields = new QWidget(this);
    fields->setLayout(form);
    form->setContentsMargins(0, 0, 0, 0);
    column->addWidget(new ScrollBox(fields, this), 1);  // scrolls on a screen too small for it
    column->addWidget(m_note);
    column->addWidget(buttons);
    connect(file.browse, &QPushButton::clicked, this, &RecordDialog::browse);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(record, &QPushButton::clicked, this, [this] {
        m_note->setWrappedText(startRecording(), true);
        growToFit(this);
    });
    connectRecorder();
    updateEnabled();
}

void RecordDialog::addSourceRows(QFormLayout* form, int steps, std::size_t shown) {
    m_fromHistory = new QRadioButton(tr("The recorded steps of this run"), this);
    m_fromHistory->setChecked(true);
    m_first = new QSpinBox(this);
    m_last = new QSpinBox(this);
    for (QSpinBox* s : {m_first, m_last})
        s->setRange(0, std::max(0, steps - 1));
    m_first->setValue(0);
    m_last->setValue(int(std::min<std::size_t>(shown, std::size_t(std::max(0, steps - 1)))));
    auto* range = new QHBoxLayout;
    range->addWidget(new QLabel(tr("steps"), this));
    range->addWidget(m_first);
    range->addWidget(new QLabel(tr("to"), this));
    range->addWidget(m_last);
    range->addStretch();
    form->addRow(m_fromHistory);
    form->addRow(tr("    Range:"), range);
    auto* note = new WrappedLabel(
        tr("    %1 steps are kept. The window publishes a frame at most about 60 times a second "
           "while playing, and thins older steps when the history is full, so this may skip "
           "micro-steps; re-simulate for every inference iteration.")
            .arg(steps),
        this);
    form->addRow(note);
    m_resimulate = new QRadioButton(tr("Re-simulate the scenario from its start"), this);
    m_trials = new QSpinBox(this);
    m_trials->setRange(1, 100000);
    m_trials->setValue(8);
    m_every = new QComboBox(this);
    m_every->addItems({tr("every inference iteration"), tr("every phase"), tr("every trial")});
    auto* again = new QHBoxLayout;
    again->addWidget(m_trials);
    again->addWidget(new QLabel(tr("trials,"), this));
    again->addWidget(m_every);
    again->addStretch();
    form->addRow(m_resimulate);
    form->addRow(tr("    Run:"), again);
    for (QRadioButton* b : {m_fromHistory, m_resimulate})
        connect(b, &QRadioButton::toggled, this, &RecordDialog::updateEnabled);
}

void RecordDialog::addGapsRow(QFormLayout* form, const History& history) {
    if (history.empty())
        return;
    const std::int64_t first = history.at(0)->pc->step, last = history.latest()->pc->step;
    std::int64_t kept = 1;  // distinct micro-steps among the frames (a pause repeats one)
    for (std::size_t i = 1; i < history.size(); ++i)
        kept += history.at(i)->pc->step != history.at(i - 1)->pc->step ? 1 : 0;
    const std::int64_t missing = (last - first + 1) - kept;
    if (missing <= 0)
        return;
    m_gapsText = tr("The history lacks %1 of the %2 micro-steps from step %3 to %4 (it has a state "
                    "for %5 of them")
                     .arg(missing)
                     .arg(last - first + 1)
                     .arg(first)
                     .arg(last)
                     .arg(kept);
    m_gapsText += history.frameThinnings() > 0
                      ? tr("; older steps were thinned to save memory).")
                      : tr("; fast play records a frame at most about 60 times a second).");
    if (!history.edits().empty())
        m_gapsText +=
            tr(" A re-simulation starts from the scenario: it does not include the "
               "run's live edits.");
    auto* label = new WrappedLabel(QStringLiteral("    ") + m_gapsText, this);
    label->setObjectName("gapsNote");
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    form->addRow(label);
    // One frame per PC micro-step: T + 1 a trial, after the initial state, within the limit.
    const std::int64_t fit =
        std::int64_t(MaxRecordedFrames - 1) / std::int64_t(m_scenario.pc.iterations + 1);
    const std::int64_t done = std::max<std::int64_t>(1, history.latest()->pc->trial);
    const std::int64_t trials = std::clamp<std::int64_t>(done, 1, std::max<std::int64_t>(1, fit));
    m_resimulateButton = new QPushButton(
        trials < done ? tr("Re-simulate instead: the first %1 trials (as many as a recording "
                           "holds), every inference iteration")
                            .arg(trials)
        : trials == 1 ? tr("Re-simulate instead: the trial so far, every inference iteration")
                      : tr("Re-simulate instead: the %1 trials so far, every inference iteration")
                            .arg(trials),
        this);
    m_resimulateButton->setObjectName("resimulateInstead");
    connect(m_resimulateButton, &QPushButton::clicked, this, [this, trials] {
        setFromHistory(false);
        setResimulation(int(trials), Granularity::Iteration);
    });
    form->addRow(QString(), m_resimulateButton);
}

void RecordDialog::addPictureRows(QFormLayout* form) {
    m_view = dialogrows::viewBox(this);
    form->addRow(tr("View:"), m_view);
    m_size = new QComboBox(this);
    m_size->addItems(
        {tr("1280 × 720"), tr("1920 × 1080"), tr("1080 × 1080 (square)"), tr("custom")});
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    m_width->setRange(16, 7680);
    m_height->setRange(16, 4320);
    m_width->setValue(1280);
    m_height->setValue(720);
    auto* size = new QHBoxLayout;
    size->addWidget(m_size);
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×"), this));
    size->addWidget(m_height);
    form->addRow(tr("Size:"), size);
    connect(m_size, &QComboBox::currentIndexChanged, this, &RecordDialog::updateEnabled);
    m_fps = new QSpinBox(this);
    m_fps->setRange(1, 120);
    m_fps->setValue(30);
    m_fps->setSuffix(tr(" frames/s"));
    form->addRow(tr("Frame rate:"), m_fps);
    m_caption = new QCheckBox(tr("Caption: both rules' trial, phase, iteration and energy"), this);
    m_caption->setChecked(true);
    form->addRow(m_caption);
}

void RecordDialog::connectRecorder() {
    connect(m_recorder, &Recorder::progress, this, [this](int done, int total) {
        if (m_progress) {
            m_progress->setMaximum(total);
            m_progress->setValue(done);
        }
    });
    connect(m_recorder, &Recorder::finished, this, [this](bool ok, const QString& message) {
        if (m_progress) {
            m_progress->hide();
            m_progress->deleteLater();
            m_progress = nullptr;
        }
        m_note->setWrappedText(message, !ok);
        growToFit(this);  // a long note must not squeeze the rows above it
        emit recordingFinished(ok, message);
    });
}

RecordDialog::~RecordDialog() = default;

void RecordDialog::updateEnabled() {
    const bool history = m_fromHistory->isChecked();
    m_first->setEnabled(history);
    m_last->setEnabled(history);
    m_trials->setEnabled(!history);
    m_every->setEnabled(!history);
    const int preset = m_size->currentIndex();
    const bool custom = preset == 3;
    m_width->setEnabled(custom);
    m_height->setEnabled(custom);
    if (!custom) {
        m_width->setValue(SizePresets[preset].width());
        m_height->setValue(SizePresets[preset].height());
    }
}

QSize RecordDialog::chosenSize() const {
    return {m_width->value(), m_height->value()};
}

void RecordDialog::browse() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Record to"), m_path->text(),
        tr("MP4 video (*.mp4);;WebM video (*.webm);;Animated GIF (*.gif)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void RecordDialog::setPath(const QString& path) {
    m_path->setText(path);
}
void RecordDialog::setView(RecordView view) {
    m_view->setCurrentIndex(int(view));
}
void RecordDialog::setFrameSize(QSize size) {
    m_size->setCurrentIndex(3);
    m_width->setValue(size.width());
    m_height->setValue(size.height());
}
void RecordDialog::setFps(int fps) {
    m_fps->setValue(fps);
}
void RecordDialog::setFromHistory(bool history) {
    (history ? m_fromHistory : m_resimulate)->setChecked(true);
}
void RecordDialog::setRange(int first, int last) {
    m_first->setValue(first);
    m_last->setValue(last);
}
void RecordDialog::setResimulation(int trials, Granularity every) {
    m_trials->setValue(trials);
    m_every->setCurrentIndex(int(every));
}

QString RecordDialog::startRecording() {
    if (m_recorder->busy())
        return tr("A recording is already running.");
    const QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return tr("Choose a file to record to.");
    Recorder::Job job;
    job.render.view = static_cast<RecordView>(m_view->currentIndex());
    job.render.size = chosenSize();
    job.render.caption = m_caption->isChecked();
    job.render.title = m_title->text();
    job.fps = m_fps->value();
    job.path = path;
    if (m_fromHistory->isChecked()) {
        job.recording = m_history;
        job.first = std::size_t(m_first->value());
        job.last = std::size_t(m_last->value());
    } else {
        // Simulated on a thread of the recorder's own while it draws: the window stays usable,
        // and Cancel works from the start.
        job.simulate = Resimulation{m_scenario, m_trials->value(),
                                    static_cast<Granularity>(m_every->currentIndex()), 0};
        job.first = 0;
        job.last = std::numeric_limits<std::size_t>::max();
    }
    if (QString error = m_recorder->start(job); !error.isEmpty())
        return error;
    // The number of frames of a re-simulation is known once it is counted: busy until then.
    m_progress = new QProgressDialog(tr("Rendering and encoding %1…").arg(path), tr("Cancel"), 0,
                                     job.simulate ? 0 : int(job.last - job.first + 1), this);
    m_progress->setObjectName(QStringLiteral("recordingProgress"));
    m_progress->setWindowTitle(tr("Recording"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_recorder, &Recorder::cancel);
    return {};
}

}  // namespace ui
