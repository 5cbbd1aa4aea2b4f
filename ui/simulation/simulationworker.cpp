#include "ui/simulation/simulationworker.h"

#include <QTimer>
#include <algorithm>
#include <exception>
#include <new>
#include <utility>

namespace ui {

double stepsPerSecondAt(int level) {
    switch (level) {
        case 0:
            return 0.0;
        case 1:
            return 4.0;  // slow motion: every inference iteration visible
        case 2:
            return 40.0;  // 1x: a 128-iteration relaxation in about 3 s
        case 3:
            return 2000.0;  // fast: about 15 bear trials per second
        case MaxSpeedLevel:
            return 1e12;  // max: limited only by the engine
        default:
            return 0.0;  // lecture: paced by LecturePacer, not by a rate
    }
}

const char* speedName(int level) {
    static const char* names[] = {"paused", "slow", "1x", "fast", "max", "lecture"};
    return names[std::clamp(level, 0, SpeedLevels - 1)];
}

SimulationWorker::SimulationWorker(QObject* parent) : QObject(parent) {
    m_timer = new QTimer(this);
    m_timer->setInterval(0);
    connect(m_timer, &QTimer::timeout, this, &SimulationWorker::tick);
    m_clock.start();
}

SimulationWorker::~SimulationWorker() = default;

RunSetup RunSetup::from(const engine::Scenario& scenario) {
    return RunSetup{scenario.network(),
                    scenario.trials,
                    scenario.bp,
                    scenario.pc,
                    scenario.order,
                    scenario.seed,
                    std::make_shared<const engine::Scenario>(scenario)};
}

void SimulationWorker::load(std::shared_ptr<const RunSetup> setup, quint64 generation) {
    guarded(tr("building the network"), [&] {
        setRunning(false);
        m_pair = std::make_unique<engine::LockstepPair>(setup->network, setup->bp, setup->pc,
                                                        setup->trials);
        if (!m_pair->problems().empty()) {
            emit runStopped(QString::fromStdString(m_pair->problems().front()), true);
            return;
        }
        // Random order, a one-pass protocol or a closed-loop task (one per rule, seeded alike).
        if (setup->scenario)
            for (engine::Simulation* sim : {&m_pair->bp(), &m_pair->pc()})
                setup->scenario->applyTrials(*sim);
        m_generation = generation;  // only a run that loaded speaks for this generation
        m_pending.clear();
        m_beforeEdits.clear();
        m_edit.clear();
        m_tracked = trackedSynapses(setup->network);
        m_serial = 0;
        m_trialsBefore = 0;
        m_stepsAtPublish = 0;
        m_pacer.restart();
        publish();
    });
}

void SimulationWorker::updateSettings(std::shared_ptr<const RunSetup> setup) {
    guarded(tr("changing the settings"), [&] {
        if (!m_pair || setup->network.depth() != m_pair->pc().network().depth())
            return;
        m_pair->bp().setConfig(setup->bp);
        m_pair->pc().setConfig(setup->pc);
        for (engine::Index l = 1; l <= setup->network.depth(); ++l) {
            const auto rate = setup->network.spec().weight(l).learningRate;
            m_pair->bp().setLearningRate(l, rate);
            m_pair->pc().setLearningRate(l, rate);
        }
    });
}

void SimulationWorker::setRunning(bool running) {
    m_running = running;
    if (running) {
        m_lastTickNs = m_clock.nsecsElapsed();
        m_dueNs = m_lastTickNs;
        m_stepCredit = 0.0;
        updateTimerInterval();
        m_timer->start();
    } else {
        m_timer->stop();
        m_untilTrials = 0;
        m_untilLoss = 0.0;
        m_goalSteps = 0;
        m_fullSpeed = false;
    }
}

void SimulationWorker::updateTimerInterval() {
    // Slow speeds need a step every few hundred ms: wake up every 5 ms instead of spinning.
    if (!m_fullSpeed && m_speed == LectureSpeedLevel) {
        m_timer->setInterval(1);  // due times a millisecond apart for settled iterations
        return;
    }
    const double rate = stepsPerSecondAt(m_fullSpeed ? MaxSpeedLevel : m_speed);
    m_timer->setInterval(rate <= 100.0 ? 5 : 0);
}

void SimulationWorker::play() {
    guarded(tr("starting the run"), [&] {
        if (!m_pair || !m_pair->ok() || m_speed == 0)
            return;
        setRunning(true);
        publish();
    });
}

void SimulationWorker::pause() {
    guarded(tr("pausing"), [&] {
        if (!m_running)
            return;
        setRunning(false);
        publish();
    });
}

void SimulationWorker::setSpeed(int level) {
    guarded(tr("changing the speed"), [&] {
        m_speed = std::clamp(level, 0, SpeedLevels - 1);
        updateTimerInterval();
        if (m_speed == 0 && m_running)
            pause();
    });
}

void SimulationWorker::runUntil(qint64 trials, double loss) {
    guarded(tr("starting the run"), [&] {
        if (!m_pair || !m_pair->ok())
            return;
        play();
        m_untilTrials = trials > 0 ? m_pair->pc().trialsCompleted() + trials : 0;
        m_untilLoss = loss;
    });
}

bool SimulationWorker::advance(Granularity g) {
    bool ok = true;
    switch (g) {
        case Granularity::Iteration:
            ok = m_pair->stepIteration();
            break;
        case Granularity::Phase:
            ok = m_pair->stepPhase();
            break;
        case Granularity::Trial:
            ok = m_pair->stepTrial();
            break;
    }
    // One call finishes at most one trial.
    if (m_pair->betweenTrials() && m_pair->pc().trialsCompleted() > m_trialsBefore)
        recordTrial();
    return ok;
}

void SimulationWorker::step(int granularity, int count) {
    if (!m_pair)
        return;
    guarded(tr("stepping"), [&] {
        if (m_running)
            setRunning(false);
        const auto g = static_cast<Granularity>(std::clamp(granularity, 0, 2));
        if (count > 1) {
            // Several steps: a goal that tick() works through in time-boxed batches at full
            // speed, so Pause, Reset and quitting stay immediate however many were asked for.
            if (!m_pair->ok())
                return;
            setRunning(true);
            m_fullSpeed = true;
            if (g == Granularity::Trial) {
                // A trial in progress counts as the first of them: finishing it completes one,
                // as a single trial step does.
                m_untilTrials = m_pair->pc().trialsCompleted() + count;
            } else {
                m_goal = g;
                m_goalSteps = count;
            }
            publish();
            return;
        }
        const bool advanced = advance(g);
        publish();
        if (!m_pair->ok())
            emit runStopped(problemText(), true);
        else if (!advanced)
            emit runStopped(finishedText(), false);
    });
}

QString SimulationWorker::finishedText() const {
    const auto trials = m_pair->pc().trialsCompleted();
    return (trials == 1 ? tr("The scenario's trials are over (1 trial, played once). Reset to run "
                             "it again.")
                        : tr("The scenario's trials are over (%1 trials, played once). Reset to "
                             "run them again.")
                              .arg(trials));
}

QString SimulationWorker::problemText() const {
    const std::string& bp = m_pair->bp().problem();
    return QString::fromStdString(bp.empty() ? m_pair->pc().problem() : bp);
}

void SimulationWorker::recordTrial() {
    TrialRecord r = makeTrialRecord(*m_pair, m_tracked);
    m_trialsBefore = r.trial;
    m_pending.push_back(std::move(r));
}

bool SimulationWorker::goalReached(QString& reason) const {
    const std::int64_t done = m_pair->pc().trialsCompleted();
    if (m_untilTrials > 0 && done >= m_untilTrials && m_pair->betweenTrials()) {
        reason = tr("Reached trial %1.").arg(done);
        return true;
    }
    if (m_untilLoss > 0 && m_pair->betweenTrials() && done > 0 &&
        m_pair->bp().loss() < m_untilLoss && m_pair->pc().loss() < m_untilLoss) {
        reason = tr("Both losses are below %1 (trial %2).").arg(m_untilLoss).arg(done);
        return true;
    }
    return false;
}

void SimulationWorker::tick() {
    if (!m_pair || !m_running)
        return;
    guarded(tr("running"), [&] {
        const qint64 now = m_clock.nsecsElapsed();
        if (!m_fullSpeed && m_speed == LectureSpeedLevel) {
            lectureTick();
            return;
        }
        const double rate = stepsPerSecondAt(m_fullSpeed ? MaxSpeedLevel : m_speed);
        m_stepCredit = std::min(m_stepCredit + rate * double(now - m_lastTickNs) * 1e-9, 1e6);
        m_lastTickNs = now;
        QString reason;
        bool stop = false, problem = false;
        while (m_stepCredit >= 1.0) {
            // A Step of several iterations or phases takes one of them per credit.
            if (!advance(m_goalSteps > 0 ? m_goal : Granularity::Iteration)) {
                stop = true;
                problem = !m_pair->ok();
                reason = problem ? problemText() : finishedText();
                break;
            }
            m_stepCredit -= 1.0;
            if (m_goalSteps > 0 && --m_goalSteps == 0) {
                stop = true;  // as far as asked: a quiet stop, as after a single step
                break;
            }
            if (goalReached(reason)) {
                stop = true;
                break;
            }
            if (m_clock.nsecsElapsed() - now > qint64(BatchBudgetMs) * 1000000) {
                m_stepCredit = std::min(m_stepCredit, 1.0);  // do not pile up work we cannot do
                break;
            }
        }
        if (stop) {
            stopAfterTick(reason, problem);
            return;
        }
        // Slow speeds publish every step; fast ones at most every PublishIntervalMs.
        if (m_pair->pc().stepCount() != m_stepsAtPublish &&
            (rate <= 60.0 ||
             m_clock.nsecsElapsed() - m_lastPublishNs >= qint64(PublishIntervalMs) * 1000000))
            publish();
    });
}

void SimulationWorker::stopAfterTick(const QString& reason, bool problem) {
    setRunning(false);
    publish();
    if (!reason.isEmpty())
        emit runStopped(reason, problem);
}

void SimulationWorker::lectureTick() {
    const qint64 now = m_clock.nsecsElapsed();
    if (now - m_dueNs > 200'000'000)
        m_dueNs = now;  // after a stall, do not rush through what was missed
    bool stepped = false;
    double lastDwell = 0.0;
    while (m_dueNs <= now) {
        const auto before = valueNodes(m_pair->pc());
        if (!advance(Granularity::Iteration)) {
            const bool problem = !m_pair->ok();
            stopAfterTick(problem ? problemText() : finishedText(), problem);
            return;
        }
        stepped = true;
        lastDwell = m_pacer.dwell(m_pair->pc().phase(), movedSince(before, m_pair->pc()));
        m_dueNs += qint64(lastDwell * 1e9);
        QString reason;
        if (goalReached(reason)) {
            stopAfterTick(reason, false);
            return;
        }
        if (m_clock.nsecsElapsed() - now > qint64(BatchBudgetMs) * 1000000)
            break;
    }
    // A state shown for a while is published at once; settled iterations at the capped rate.
    if (stepped &&
        (lastDwell * 1000.0 >= PublishIntervalMs ||
         m_clock.nsecsElapsed() - m_lastPublishNs >= qint64(PublishIntervalMs) * 1000000))
        publish();
}

void SimulationWorker::publish() {
    if (!m_pair)
        return;
    auto frame = std::make_shared<Frame>();
    frame->bp = m_pair->bp().snapshot();
    frame->pc = m_pair->pc().snapshot();
    frame->serial = ++m_serial;
    frame->generation = m_generation;
    frame->newTrials = std::move(m_pending);
    m_pending.clear();
    const qint64 now = m_clock.nsecsElapsed();
    const double seconds = double(now - m_lastPublishNs) * 1e-9;
    const std::int64_t steps = m_pair->pc().stepCount();
    frame->stepsPerSecond =
        m_running && seconds > 0 ? double(steps - m_stepsAtPublish) / seconds : 0.0;
    frame->running = m_running;
    frame->edit = std::exchange(m_edit, QString());
    m_lastPublishNs = now;
    m_stepsAtPublish = steps;
    emit frameReady(frame);
}

void SimulationWorker::restore(FramePtr frame, quint64 generation) {
    guarded(tr("resuming from a step"), [&] {
        if (!m_pair || !frame)
            return;
        setRunning(false);
        m_generation = generation;
        const bool ok = m_pair->bp().restore(*frame->bp) && m_pair->pc().restore(*frame->pc);
        if (!ok) {
            // Publish the state the worker really has, so the window shows it.
            emit runStopped(tr("That step belongs to another network; cannot resume from it."),
                            true);
            publish();
            return;
        }
        m_pending.clear();
        m_pacer.restart();
        m_trialsBefore = m_pair->pc().trialsCompleted();
        publish();
    });
}

void SimulationWorker::guarded(const QString& doing, const std::function<void()>& body) {
    QString message;
    try {
        body();
        return;
    } catch (const std::bad_alloc&) {
        message = tr("Out of memory while %1.").arg(doing);
    } catch (const std::exception& e) {
        message =
            tr("Something went wrong while %1: %2.").arg(doing, QString::fromLocal8Bit(e.what()));
    } catch (...) {
        message = tr("Something went wrong while %1.").arg(doing);
    }
    // Stopped, whatever state the run was left in; the message tells the user.
    m_timer->stop();
    m_running = false;
    m_untilTrials = 0;
    m_untilLoss = 0.0;
    m_goalSteps = 0;
    m_fullSpeed = false;
    emit failed(message);
}

void SimulationWorker::shutdown() {
    setRunning(false);
}

}  // namespace ui
