#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include "engine/core/lockstep.h"
#include "engine/scenario/scenario.h"
#include "ui/simulation/frame.h"
#include "ui/simulation/lecturepacer.h"
#include "ui/simulation/liveedit.h"

class QTimer;

namespace ui {

/// What a run starts from.
struct RunSetup {
    engine::Network network;
    std::vector<engine::Trial> trials;
    engine::BpConfig bp;
    engine::PcConfig pc;
    engine::TrialOrder order = engine::TrialOrder::Cycle;
    std::uint64_t seed = 0;  ///< Picks the trials in random order (the network is already drawn).
    /// The scenario it came from: decides how trials are given (list, random, once, closed-loop
    /// task). Null = cycle through `trials`.
    std::shared_ptr<const engine::Scenario> scenario;

    /// The run a scenario describes (the scenario must be valid).
    static RunSetup from(const engine::Scenario& scenario);
};

/// How far one Step command goes.
enum class Granularity { Iteration = 0, Phase = 1, Trial = 2 };

/// Speed presets: micro-steps per second (0 = paused, 4 = as fast as possible), and 5, the
/// lecture speed: about one trial per 2 s, paced by how much changes (LecturePacer).
constexpr int SpeedLevels = 6;
constexpr int MaxSpeedLevel = 4;
constexpr int LectureSpeedLevel = 5;
/// The speed a window starts at, and Play picks when paused.
constexpr int DefaultSpeedLevel = LectureSpeedLevel;
/// Micro-steps per second of a fixed-rate level (0 for paused and lecture).
double stepsPerSecondAt(int speedLevel);
/// Short name of a speed level ("slow", "1x", ...).
const char* speedName(int speedLevel);

/// Runs the lockstep pair on the simulation thread. Lives on its own QThread; every slot is
/// called through a queued connection and takes effect between micro-steps. Work happens in
/// time-boxed batches driven by a 0 ms timer, so the thread's event loop stays responsive.
/// Frames leave at most about 60 times a second, however fast the engine runs.
class SimulationWorker : public QObject {
    Q_OBJECT
public:
    explicit SimulationWorker(QObject* parent = nullptr);
    ~SimulationWorker() override;

    /// Longest time one batch of steps may take before the worker returns to its event loop.
    static constexpr int BatchBudgetMs = 8;
    /// Shortest interval between two published frames while playing.
    static constexpr int PublishIntervalMs = 16;

public slots:
    /// Starts a new run (paused) and publishes its first frame.
    void load(std::shared_ptr<const ui::RunSetup> setup, quint64 generation);
    void play();
    void pause();
    /// `count` steps of the given granularity (pauses a running simulation first). One step is
    /// taken at once; several are a goal worked through in time-boxed batches at full speed
    /// (publishing at the capped rate), which Pause or a new command ends.
    void step(int granularity, int count);
    void setSpeed(int level);
    /// Plays until `trials` trials have finished (if > 0) or both losses are below `loss`
    /// (if > 0).
    void runUntil(qint64 trials, double loss);
    /// New hyper-parameters (both rules' settings, per-layer learning rates) for the running
    /// simulations, from the next micro-step on; the network and the trials stay.
    void updateSettings(std::shared_ptr<const ui::RunSetup> setup);
    /// A live edit of both rules' current state (liveedit.cpp); the run goes on from there (a
    /// playing run keeps playing). Publishes a frame marked with the edit and says what it did
    /// through edited().
    void liveEdit(ui::LiveEditPtr edit);
    /// Continues from a recorded frame (branching); paused.
    void restore(ui::FramePtr frame, quint64 generation);
    /// Stops the timer; called before the thread quits.
    void shutdown();

    /// Runs `body` (a slot's work). Every slot runs through it, so nothing thrown on the
    /// worker's thread ends the program: an exception of any kind stops the run and becomes
    /// failed("Out of memory while DOING." or "Something went wrong while DOING: ...").
    void guarded(const QString& doing, const std::function<void()>& body);

signals:
    void frameReady(ui::FramePtr frame);
    /// The run stopped by itself: divergence, a run-until goal reached, ...
    void runStopped(QString reason, bool problem);
    /// A live edit was made (or refused: `problem`); `note` says what happened, where.
    void edited(QString note, bool problem);
    /// Something went wrong that is not the user's fault (e.g. out of memory).
    void failed(QString message);

private:
    void tick();
    /// tick() at the lecture speed: one micro-step whenever the last one has been shown long
    /// enough. Returns false when the run stopped (and says why).
    void lectureTick();
    /// Stops the run after a tick, publishing and saying why if there is a reason.
    void stopAfterTick(const QString& reason, bool problem);
    bool advance(Granularity g);
    QString problemText() const;
    /// Why a healthy run cannot go on: a one-pass trial list is over.
    QString finishedText() const;
    void recordTrial();
    void publish();
    void setRunning(bool running);
    bool goalReached(QString& reason) const;
    void updateTimerInterval();
    QString editWeight(const LiveEdit& edit, bool& problem);
    QString undoWeight(const LiveEdit& edit);
    QString editTrial(const LiveEdit& edit);
    /// PC's trial in progress, or the last finished one.
    std::int64_t trialNow() const;

    std::unique_ptr<engine::LockstepPair> m_pair;
    std::vector<TrialRecord> m_pending;
    std::vector<std::array<int, 3>> m_tracked;  // synapses whose weights the records keep
    QTimer* m_timer = nullptr;
    QElapsedTimer m_clock;
    qint64 m_lastPublishNs = 0;
    qint64 m_lastTickNs = 0;
    double m_stepCredit = 0.0;
    std::int64_t m_stepsAtPublish = 0;
    std::int64_t m_serial = 0;
    quint64 m_generation = 0;
    std::int64_t m_trialsBefore = 0;
    int m_speed = DefaultSpeedLevel;
    LecturePacer m_pacer;
    qint64 m_dueNs = 0;  // lecture speed: when the next micro-step is due
    // Weights of [BP, PC] from before each live weight edit, by edit id (for undo).
    std::map<std::uint64_t, std::array<double, 2>> m_beforeEdits;
    QString m_edit;  // the live edit the next frame is marked with
    bool m_running = false;
    bool m_fullSpeed = false;  // working through a Step of several trials, phases or iterations
    Granularity m_goal = Granularity::Iteration;  // what m_goalSteps counts
    std::int64_t m_goalSteps = 0;                 // iterations or phases a Step still has to go
    qint64 m_untilTrials = 0;
    double m_untilLoss = 0.0;
};

}  // namespace ui
