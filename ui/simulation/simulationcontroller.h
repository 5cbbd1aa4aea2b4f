#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "engine/scenario/scenario.h"
#include "ui/simulation/frame.h"
#include "ui/simulation/history.h"
#include "ui/simulation/liveedit.h"
#include "ui/simulation/simulationworker.h"

namespace ui {

/// Owns the simulation thread and its worker, keeps the recorded history and says which frame
/// the views should show (the live one or one picked on the timeline). Lives on the GUI thread;
/// talks to the worker only through queued signals and never waits for it.
class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(QObject* parent = nullptr);
    ~SimulationController() override;

    /// Starts the run a scenario describes (it must be valid).
    void loadScenario(const engine::Scenario& scenario);
    /// Starts a run from an explicit set-up (kept for Reset).
    void load(const RunSetup& setup, const QString& name);
    /// Gives the running simulations the scenario's hyper-parameters (both rules, per-layer
    /// learning rates) without a reset; they apply from the next micro-step. Reset keeps them.
    void updateSettings(const engine::Scenario& scenario);

    /// Name shown in the window title.
    const QString& runName() const { return m_name; }
    /// Seed of the current run.
    std::uint64_t seed() const { return m_setup ? m_setup->seed : 0; }
    /// The network the run started from (shared by both rules).
    const engine::Network& initialNetwork() const { return m_setup->network; }
    /// The run's set-up.
    const RunSetup& setup() const { return *m_setup; }

    const History& history() const { return m_history; }
    /// The frame the views show (nullptr before the first one arrives).
    FramePtr current() const;
    /// Index into history() of the shown frame.
    std::size_t currentIndex() const { return m_index; }
    /// True when following the newest frame.
    bool live() const { return m_live; }
    bool running() const { return m_running; }
    /// True when the run has taken a step: edits of weights, inputs and targets are then live
    /// edits of the run (liveEdit()), not edits of the scenario's start.
    bool pastStart() const { return !m_history.empty() && m_history.latest()->pc->step > 0; }

    /// Counts the runs started (load, Reset, an edit that restarts): what a branch belongs to.
    std::uint64_t runNumber() const { return m_runNumber; }

    /// Who confirms "Resume from here" (the window: it asks and makes it undoable). It is called
    /// by resumeFromHere(), and by Play and Step while a past step is on show; it returns
    /// whether the run branched. Without one, those branch at once.
    void setResumeHandler(std::function<bool()> handler) { m_resumeHandler = std::move(handler); }
    /// Continues the run from the shown frame: the later frames are cut off and returned (so
    /// that undo can put them back with swapTail()). Nothing (an empty tail) when live.
    History::Tail branchHere();
    /// Swaps the frames after the frame `serial` (or the newest before it) for `tail`, and
    /// continues (paused, live) from the newest frame. Returns the frames it took away.
    History::Tail swapTail(std::int64_t serial, History::Tail tail);
    int speed() const { return m_speed; }

public slots:
    void play();
    void pause();
    void togglePlay();
    /// `count` steps of `granularity` (iterations, phases or trials), as SimulationWorker::step.
    void step(ui::Granularity granularity, int count = 1);
    void setSpeed(int level);
    void runUntil(qint64 trials, double loss);
    /// Same initial weights and trials, run from the start.
    void reset();
    /// Shows a recorded frame; pauses a running simulation.
    void showFrame(std::size_t index);
    /// Back to following the newest frame.
    void goLive();
    /// Continues the run from the shown frame (later history is dropped): through the resume
    /// handler if there is one. Returns whether the run branched (false also when live).
    bool resumeFromHere();
    /// A live edit of both rules' current state (see SimulationWorker::liveEdit); a trial-list
    /// edit also becomes the run's set-up (Reset keeps it).
    void liveEdit(const ui::LiveEdit& edit);

signals:
    /// The frame to show changed (new live frame or timeline move).
    void frameShown(ui::FramePtr frame);
    /// A new run was loaded (views re-read the network shape).
    void runLoaded();
    void runningChanged(bool running);
    /// The speed level changed (also when Play picks the default speed from "paused").
    void speedChanged(int level);
    /// A message for the status bar; `problem` = shown as a warning.
    void message(QString text, bool problem);

    // To the worker (queued).
    void workerLoad(std::shared_ptr<const ui::RunSetup> setup, quint64 generation);
    void workerPlay();
    void workerPause();
    void workerStep(int granularity, int count);
    void workerSpeed(int level);
    void workerRunUntil(qint64 trials, double loss);
    void workerRestore(ui::FramePtr frame, quint64 generation);
    void workerSettings(std::shared_ptr<const ui::RunSetup> setup);
    void workerLiveEdit(ui::LiveEditPtr edit);

private:
    void onFrame(FramePtr frame);
    void startRun();
    /// The worker continues (paused) from `frame`, of a new generation.
    void restoreWorker(const FramePtr& frame);

    QThread m_thread;
    SimulationWorker* m_worker = nullptr;
    std::shared_ptr<const RunSetup> m_setup;
    QString m_name;
    History m_history;
    std::size_t m_index = 0;
    bool m_live = true;
    std::int64_t m_shownSerial = 0;  // serial of the frame shown while not live
    bool m_running = false;
    int m_speed = DefaultSpeedLevel;
    quint64 m_generation = 0;  // frames of an older run or branch are ignored
    std::function<bool()> m_resumeHandler;
    std::uint64_t m_runNumber = 0;
};

}  // namespace ui
