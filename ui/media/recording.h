#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>

#include "engine/scenario/scenario.h"
#include "ui/simulation/history.h"
#include "ui/simulation/simulationworker.h"

class QCustomPlot;
class QPainter;
class QWidget;

namespace ui {

class RulePane;
class PlotPanel;

/// What a recording or an image shows.
enum class RecordView {
    Lab,        ///< Both panes over the plots (energy, outputs, loss).
    Bp,         ///< The BP pane.
    Pc,         ///< The PC pane (network view).
    Machine,    ///< The PC pane as the energy machine.
    Plots,      ///< The row of plots.
    Energy,     ///< One plot: energy during the current PC trial.
    Outputs,    ///< One plot: outputs before each trial.
    Loss,       ///< One plot: loss per trial.
    Weights,    ///< One plot: tracked weights per trial.
    Alignment,  ///< One plot: target alignment per trial.
    Landscape,  ///< One plot: loss landscape (networks with two trainable weights).
};

/// The view called `name` ("lab", "bp", ..., "landscape").
std::optional<RecordView> recordViewFromName(const QString& name);
QString recordViewName(RecordView view);
/// Every view name, in the order of the enum.
QStringList recordViewNames();
/// True for the single-plot views.
bool isPlotView(RecordView view);

/// What the views need besides the frames: network shape, colour ranges, names.
struct RunLook {
    std::shared_ptr<const engine::Network> initial;  ///< The network the run starts from.
    engine::Trial firstTrial;
    double activityRange = 1.0;
    double weightRange = 1.0;
    QStringList inputNames, outputNames;
    QString title;  ///< The scenario's title (or name).

    /// The look of a scenario's run (the scenario must be valid).
    static RunLook from(const engine::Scenario& scenario);
};

/// A recorded run: its frames with their trial records, and how to draw them.
struct Recording {
    RunLook look;
    History history{std::numeric_limits<std::size_t>::max(),
                    std::numeric_limits<std::size_t>::max()};
    std::int64_t trialsRun = 0;  ///< Trials both rules finished.
    /// Set when a one-pass scenario ran out of trials before the number asked for.
    QString note;
};

/// "the scenario's trials are over after RUN trials (played once); ASKED were asked for": what
/// the headless commands say when a one-pass scenario ends before the trials asked for.
QString trialsOverNote(std::int64_t run, std::int64_t asked);

/// Most frames a recording may have (about 1.9 hours of video at 30 fps).
constexpr std::size_t MaxRecordedFrames = 200'000;

struct RecordingPlan;

/// A scenario stepped for a recording, one frame at a time: the initial state, then a frame
/// after every `every` step, built exactly as the window's worker builds them. It keeps no
/// frames itself, so memory does not grow with the run.
class RecordingRun {
public:
    /// `scenario` must be valid (Scenario::validate()); `trials` >= 1.
    RecordingRun(const engine::Scenario& scenario, std::int64_t trials, Granularity every);
    ~RecordingRun();
    RecordingRun(const RecordingRun&) = delete;
    RecordingRun& operator=(const RecordingRun&) = delete;

    /// Steps to the next frame; false (and no step) when the trials asked for are done, a
    /// one-pass scenario is over (note()) or a rule stopped (stopped()). The first frame, the
    /// initial state, needs no step.
    bool advance();
    /// The frame of the current state, with the trial records finished since the previous
    /// frame() call.
    FramePtr frame();
    /// Trials both rules finished.
    std::int64_t trialsRun() const;
    /// Why a rule stopped (divergence), or "".
    const QString& stopped() const { return m_stopped; }
    /// Set when a one-pass scenario ran out of trials before the number asked for.
    const QString& note() const { return m_note; }
    /// The network the run starts from, and how to draw it.
    const RunLook& look() const { return m_look; }

private:
    friend RecordingPlan planRecording(const engine::Scenario&, std::int64_t, Granularity,
                                       const std::atomic<bool>*);
    struct State;
    std::unique_ptr<State> m_state;
    RunLook m_look;
    QString m_stopped, m_note;
};

/// How many frames a recording of `scenario` (valid) has, and how its run ends: found by
/// stepping it without keeping any frame. `stop`, when given and set, ends it early (error
/// "cancelled").
struct RecordingPlan {
    std::size_t frames = 0;  ///< Including the initial state.
    std::int64_t trialsRun = 0;
    QString stopped, note;  ///< As RecordingRun's.
    QString error;          ///< More than MaxRecordedFrames frames (then frames is 0).
};
RecordingPlan planRecording(const engine::Scenario& scenario, std::int64_t trials,
                            Granularity every, const std::atomic<bool>* stop = nullptr);

/// Runs `scenario` headless for `trials` trials and keeps its initial state and then one frame
/// per `every` step (inference iteration, phase or trial), built exactly as the window's worker
/// builds them. Returns "" or an error (bad scenario, too many frames). A run that diverges
/// stops there; `stopped` then receives the reason.
QString simulateRecording(const engine::Scenario& scenario, std::int64_t trials, Granularity every,
                          Recording& out, QString* stopped = nullptr);

/// How frames are drawn.
struct RenderSettings {
    RecordView view = RecordView::Lab;
    QSize size{1280, 720};  ///< Pixels.
    double scale = 0.0;     ///< Device pixels per layout pixel; 0 = automatic (see scaleFor).
    bool caption = false;   ///< A line at the bottom: both rules' trial, phase, iteration, energy.
    QString title;          ///< A line at the top ("" = none).

    /// The scale used: `scale`, or for 0 the size over 1280x720 (at least 1), so that larger
    /// sizes show the same layout, sharper.
    double effectiveScale() const;
};

/// Draws frames of a recording offscreen with the lab's own widgets (RulePane, NetworkView,
/// EnergyMachineView, PlotPanel) at a fixed size, independent of any screen. The same frame
/// always gives the same image. GUI thread only (it owns widgets); never shown on screen.
class FrameRenderer {
public:
    FrameRenderer(const RunLook& look, const RenderSettings& settings);
    ~FrameRenderer();
    FrameRenderer(const FrameRenderer&) = delete;
    FrameRenderer& operator=(const FrameRenderer&) = delete;

    /// Frame `index` of `history` as an image of settings.size pixels.
    QImage render(const History& history, std::size_t index);
    /// `frame` as an image; its plots read `history` (the trials up to the frame's, and the
    /// first frame for the weight paths).
    QImage render(const FramePtr& frame, const History& history);
    /// Shows frame `index` in the widgets and paints the whole picture (title, content, caption)
    /// with `painter` into a logical area of logicalSize() (for SVG and PDF).
    void paint(QPainter& painter, const History& history, std::size_t index);
    void paint(QPainter& painter, const FramePtr& frame, const History& history);
    /// Shows frame `index` in the widgets without painting (before exporting a single plot).
    void show(const History& history, std::size_t index);
    void show(const FramePtr& frame, const History& history);
    /// The layout size: settings.size / scale.
    QSize logicalSize() const { return m_logical; }
    /// The plot of a single-plot view (nullptr for the other views).
    QCustomPlot* plot() const;
    const RenderSettings& settings() const { return m_settings; }

private:
    /// Delivers the events posted to this renderer's own widgets (layout, style), and no others:
    /// an unrelated queued call must not run in the middle of a frame.
    void sendOwnPostedEvents();

    RenderSettings m_settings;
    double m_scale = 1.0;
    QSize m_logical;
    int m_titleHeight = 0, m_captionHeight = 0;
    std::unique_ptr<QWidget> m_root;
    QWidget* m_content = nullptr;
    RulePane* m_bp = nullptr;
    RulePane* m_pc = nullptr;
    PlotPanel* m_plots = nullptr;
};

}  // namespace ui
