#include "ui/media/recording.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QHBoxLayout>
#include <QPainter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "engine/core/lockstep.h"
#include "ui/views/captions.h"
#include "ui/views/energymachineview.h"
#include "ui/views/networkview.h"
#include "ui/views/neuronnames.h"
#include "ui/views/palette.h"
#include "ui/views/plotfit.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"

namespace ui {

namespace {

const char* const ViewNames[] = {"lab",     "bp",   "pc",      "machine",   "plots",    "energy",
                                 "outputs", "loss", "weights", "alignment", "landscape"};
constexpr int ViewCount = int(sizeof ViewNames / sizeof ViewNames[0]);

constexpr int TitlePoints = 13;
constexpr int CaptionPoints = 9;

}  // namespace

std::optional<RecordView> recordViewFromName(const QString& name) {
    for (int i = 0; i < ViewCount; ++i)
        if (name == QLatin1String(ViewNames[i]))
            return static_cast<RecordView>(i);
    return std::nullopt;
}

QString recordViewName(RecordView view) {
    return QString::fromLatin1(ViewNames[int(view)]);
}

QStringList recordViewNames() {
    QStringList names;
    for (const char* n : ViewNames)
        names << QString::fromLatin1(n);
    return names;
}

bool isPlotView(RecordView view) {
    return int(view) >= int(RecordView::Energy);
}

RunLook RunLook::from(const engine::Scenario& scenario) {
    RunLook look;
    look.initial = std::make_shared<const engine::Network>(scenario.network());
    look.firstTrial = scenario.trials.front();
    // The same fixed colour ranges as the window's.
    const palette::ColourRanges ranges = palette::colourRanges(*look.initial, scenario.trials);
    look.activityRange = ranges.activity;
    look.weightRange = ranges.weight;
    look.inputNames = qtNames(scenario.inputNames);
    look.outputNames = qtNames(scenario.outputNames);
    look.title = QString::fromStdString(scenario.title.empty() ? scenario.name : scenario.title);
    return look;
}

QString trialsOverNote(std::int64_t run, std::int64_t asked) {
    return QObject::tr(
               "the scenario's trials are over after %1 trials (played once); %2 were "
               "asked for")
        .arg(run)
        .arg(asked);
}

struct RecordingRun::State {
    RunSetup setup;
    engine::LockstepPair pair;
    std::vector<std::array<int, 3>> tracked;
    std::int64_t trials = 0;
    Granularity every = Granularity::Trial;
    bool records = true;  // keep trial records for the frames (not when only counting)
    bool ended = false;
    std::int64_t serial = 0, recordedTrials = 0;
    std::vector<TrialRecord> pending;

    State(const engine::Scenario& scenario, std::int64_t t, Granularity g)
        : setup(RunSetup::from(scenario)),
          pair(setup.network, setup.bp, setup.pc, setup.trials),
          tracked(trackedSynapses(setup.network)),
          trials(t),
          every(g) {}
};

RecordingRun::RecordingRun(const engine::Scenario& scenario, std::int64_t trials, Granularity every)
    : m_state(std::make_unique<State>(scenario, trials, every)), m_look(RunLook::from(scenario)) {
    engine::LockstepPair& pair = m_state->pair;
    // The trials exactly as the window plays them: a cycle, a random draw, a one-pass protocol
    // or a closed-loop task.
    scenario.applyTrials(pair.bp());
    scenario.applyTrials(pair.pc());
}

RecordingRun::~RecordingRun() = default;

std::int64_t RecordingRun::trialsRun() const {
    return m_state->pair.pc().trialsCompleted();
}

bool RecordingRun::advance() {
    State& s = *m_state;
    if (s.ended)
        return false;
    engine::LockstepPair& pair = s.pair;
    bool ok = true;
    switch (s.every) {
        case Granularity::Iteration:
            ok = pair.stepIteration();
            break;
        case Granularity::Phase:
            ok = pair.stepPhase();
            break;
        case Granularity::Trial:
            ok = pair.stepTrial();
            break;
    }
    if (!ok && pair.ok()) {
        // A one-pass scenario is over: nothing moved, so no new frame.
        m_note = trialsOverNote(trialsRun(), s.trials);
        s.ended = true;
        return false;
    }
    if (pair.betweenTrials() && trialsRun() > s.recordedTrials) {
        s.recordedTrials = trialsRun();
        if (s.records)
            s.pending.push_back(makeTrialRecord(pair, s.tracked));
    }
    if (!ok) {
        // The frame of the state that stopped is still shown; then the run ends.
        const std::string& p =
            pair.bp().problem().empty() ? pair.pc().problem() : pair.bp().problem();
        m_stopped = QString::fromStdString(p);
        s.ended = true;
    } else if (pair.betweenTrials() && trialsRun() >= s.trials) {
        s.ended = true;
    }
    return true;
}

FramePtr RecordingRun::frame() {
    State& s = *m_state;
    auto frame = std::make_shared<Frame>();
    frame->bp = s.pair.bp().snapshot();
    frame->pc = s.pair.pc().snapshot();
    frame->serial = ++s.serial;
    frame->newTrials = std::move(s.pending);
    s.pending.clear();
    return frame;
}

RecordingPlan planRecording(const engine::Scenario& scenario, std::int64_t trials,
                            Granularity every, const std::atomic<bool>* stop) {
    RecordingPlan plan;
    RecordingRun run(scenario, trials, every);
    run.m_state->records = false;
    plan.frames = 1;
    while (run.advance()) {
        if (stop && stop->load()) {
            plan.frames = 0;
            plan.error = QObject::tr("cancelled");
            return plan;
        }
        if (++plan.frames > MaxRecordedFrames) {
            plan.frames = 0;
            plan.error = QObject::tr(
                             "more than %1 frames; record fewer trials or a coarser step "
                             "(phase, trial)")
                             .arg(MaxRecordedFrames);
            return plan;
        }
    }
    plan.trialsRun = run.trialsRun();
    plan.stopped = run.stopped();
    plan.note = run.note();
    return plan;
}

QString simulateRecording(const engine::Scenario& scenario, std::int64_t trials, Granularity every,
                          Recording& out, QString* stopped) {
    if (const auto problems = scenario.validate(); !problems.empty())
        return QString::fromStdString(problems.front());
    if (trials < 1)
        return QObject::tr("the number of trials must be at least 1");
    RecordingRun run(scenario, trials, every);
    out.look = run.look();
    out.history.clear();
    out.history.append(run.frame());
    while (run.advance()) {
        out.history.append(run.frame());
        if (out.history.size() > MaxRecordedFrames)
            return QObject::tr(
                       "more than %1 frames; record fewer trials or a coarser step (phase, trial)")
                .arg(MaxRecordedFrames);
    }
    out.trialsRun = run.trialsRun();
    out.note = run.note();
    if (stopped)
        *stopped = run.stopped();
    return {};
}

double RenderSettings::effectiveScale() const {
    if (scale > 0)
        return scale;
    return std::max(1.0, std::min(size.width() / 1280.0, size.height() / 720.0));
}

FrameRenderer::FrameRenderer(const RunLook& look, const RenderSettings& settings)
    : m_settings(settings), m_scale(settings.effectiveScale()) {
    m_logical = QSize(int(std::lround(settings.size.width() / m_scale)),
                      int(std::lround(settings.size.height() / m_scale)));
    const QFont base = QApplication::font();
    if (!settings.title.isEmpty()) {
        QFont f = base;
        f.setPointSize(TitlePoints);
        f.setBold(true);
        m_titleHeight = QFontMetrics(f).height() + 8;
    }
    if (settings.caption) {
        QFont f = base;
        f.setPointSize(CaptionPoints);
        m_captionHeight = QFontMetrics(f).height() + 6;
    }

    m_root = std::make_unique<QWidget>();
    m_root->setAttribute(Qt::WA_DontShowOnScreen);
    m_root->setAutoFillBackground(true);
    auto* column = new QVBoxLayout(m_root.get());
    // The frame size is fixed; widgets squeeze rather than grow the picture.
    column->setSizeConstraint(QLayout::SetNoConstraint);
    column->setContentsMargins(0, 0, 0, 0);
    m_content = new QWidget(m_root.get());
    column->addWidget(m_content);
    auto* layout = new QVBoxLayout(m_content);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    const RecordView view = settings.view;
    const engine::NetworkSpec& spec = look.initial->spec();
    auto makePane = [&](engine::Rule rule) {
        auto* pane = new RulePane(rule, m_content);
        pane->setNetwork(spec, {look.activityRange, look.weightRange}, look.inputNames,
                         look.outputNames);
        return pane;
    };
    if (view == RecordView::Lab) {
        auto* panes = new QHBoxLayout;
        m_bp = makePane(engine::Rule::BP);
        m_pc = makePane(engine::Rule::PC);
        panes->addWidget(m_bp, 1);
        panes->addWidget(m_pc, 1);
        layout->addLayout(panes, 3);
    } else if (view == RecordView::Bp) {
        m_bp = makePane(engine::Rule::BP);
        layout->addWidget(m_bp);
    } else if (view == RecordView::Pc || view == RecordView::Machine) {
        m_pc = makePane(engine::Rule::PC);
        m_pc->setMachineShown(view == RecordView::Machine);
        layout->addWidget(m_pc);
    }
    if (view == RecordView::Lab || view == RecordView::Plots || isPlotView(view)) {
        m_plots = new PlotPanel(m_content);
        m_plots->setRun(*look.initial, look.firstTrial, QStringLiteral("loss"), look.outputNames,
                        NeuronNames::of(look.initial->spec(), look.inputNames, look.outputNames));
        for (QCustomPlot* p : m_plots->plots())
            p->setBufferDevicePixelRatio(m_scale);
        layout->addWidget(m_plots, 2);
    }
    m_root->resize(m_logical);
    m_content->setFixedSize(m_logical.width(),
                            m_logical.height() - m_titleHeight - m_captionHeight);
    m_root->show();  // never on screen (WA_DontShowOnScreen), but laid out and polished
    column->activate();
    layout->activate();
    sendOwnPostedEvents();
}

FrameRenderer::~FrameRenderer() = default;

QCustomPlot* FrameRenderer::plot() const {
    if (!m_plots || !isPlotView(m_settings.view))
        return nullptr;
    return m_plots->plots().value(int(m_settings.view) - int(RecordView::Energy));
}

void FrameRenderer::show(const History& history, std::size_t index) {
    show(history.at(index), history);
}

void FrameRenderer::show(const FramePtr& frame, const History& history) {
    if (m_bp)
        m_bp->setFrame(frame);
    if (m_pc)
        m_pc->setFrame(frame);
    if (m_plots) {
        m_plots->showFrame(frame, history);
        for (QCustomPlot* p : m_plots->plots())
            p->replot();  // now, not queued: the picture is taken before the event loop runs
    }
    sendOwnPostedEvents();  // style sheet changes of the captions
}

void FrameRenderer::sendOwnPostedEvents() {
    QApplication::sendPostedEvents(m_root.get(), 0);
    for (QObject* child : m_root->findChildren<QObject*>())
        QApplication::sendPostedEvents(child, 0);
}

void FrameRenderer::paint(QPainter& painter, const History& history, std::size_t index) {
    paint(painter, history.at(index), history);
}

void FrameRenderer::paint(QPainter& painter, const FramePtr& frame, const History& history) {
    show(frame, history);
    const QRectF all(QPointF(0, 0), QSizeF(m_logical));
    painter.fillRect(all, Qt::white);
    const QFont base = QApplication::font();
    if (m_titleHeight > 0) {
        QFont f = base;
        f.setPointSize(TitlePoints);
        f.setBold(true);
        painter.setFont(f);
        painter.setPen(Qt::black);
        painter.drawText(QRectF(8, 0, all.width() - 16, m_titleHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, m_settings.title);
    }
    const QRect contentRect(0, m_titleHeight, m_logical.width(),
                            m_logical.height() - m_titleHeight - m_captionHeight);
    if (QCustomPlot* p = plot()) {
        // One plot: QCustomPlot draws itself at exactly this size and scale.
        plotfit::fitTo(p, contentRect.size());  // texts fitted to the picture, not the widget
        const QPixmap pixmap = p->toPixmap(contentRect.width(), contentRect.height(), m_scale);
        painter.drawPixmap(QRectF(contentRect), pixmap, QRectF(pixmap.rect()));
    } else {
        m_content->render(&painter, contentRect.topLeft(), QRegion(),
                          QWidget::DrawWindowBackground | QWidget::DrawChildren);
    }
    if (m_captionHeight > 0) {
        QFont f = base;
        f.setPointSize(CaptionPoints);
        painter.setFont(f);
        const QRectF strip(0, all.height() - m_captionHeight, all.width(), m_captionHeight);
        painter.fillRect(strip, QColor(240, 240, 240));
        painter.setPen(Qt::black);
        painter.drawText(strip.adjusted(8, 0, -8, 0),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, statusText(*frame));
    }
}

QImage FrameRenderer::render(const History& history, std::size_t index) {
    return render(history.at(index), history);
}

QImage FrameRenderer::render(const FramePtr& frame, const History& history) {
    QImage image(m_settings.size, QImage::Format_RGB32);
    image.setDevicePixelRatio(m_scale);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    paint(painter, frame, history);
    painter.end();
    image.setDevicePixelRatio(1.0);
    return image;
}

}  // namespace ui
