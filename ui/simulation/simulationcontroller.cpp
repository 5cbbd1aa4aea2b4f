#include "ui/simulation/simulationcontroller.h"

#include <QMetaObject>

namespace ui {

SimulationController::SimulationController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ui::FramePtr>();
    qRegisterMetaType<std::shared_ptr<const ui::RunSetup>>();
    qRegisterMetaType<ui::LiveEditPtr>();
    m_worker = new SimulationWorker;  // no parent: it moves to the thread
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &SimulationController::workerLoad, m_worker, &SimulationWorker::load);
    connect(this, &SimulationController::workerPlay, m_worker, &SimulationWorker::play);
    connect(this, &SimulationController::workerPause, m_worker, &SimulationWorker::pause);
    connect(this, &SimulationController::workerStep, m_worker, &SimulationWorker::step);
    connect(this, &SimulationController::workerSpeed, m_worker, &SimulationWorker::setSpeed);
    connect(this, &SimulationController::workerRunUntil, m_worker, &SimulationWorker::runUntil);
    connect(this, &SimulationController::workerRestore, m_worker, &SimulationWorker::restore);
    connect(this, &SimulationController::workerSettings, m_worker,
            &SimulationWorker::updateSettings);
    connect(this, &SimulationController::workerLiveEdit, m_worker, &SimulationWorker::liveEdit);
    connect(m_worker, &SimulationWorker::edited, this,
            [this](const QString& note, bool problem) { emit message(note, problem); });
    connect(m_worker, &SimulationWorker::frameReady, this, &SimulationController::onFrame);
    connect(m_worker, &SimulationWorker::runStopped, this,
            [this](const QString& reason, bool problem) { emit message(reason, problem); });
    connect(m_worker, &SimulationWorker::failed, this,
            [this](const QString& text) { emit message(text, true); });
    m_thread.setObjectName("simulation");
    m_thread.start();
}

SimulationController::~SimulationController() {
    QMetaObject::invokeMethod(m_worker, &SimulationWorker::shutdown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void SimulationController::loadScenario(const engine::Scenario& scenario) {
    load(RunSetup::from(scenario), QString::fromStdString(scenario.title));
}

void SimulationController::load(const RunSetup& setup, const QString& name) {
    m_setup = std::make_shared<const RunSetup>(setup);
    m_name = name;
    startRun();
}

void SimulationController::updateSettings(const engine::Scenario& scenario) {
    if (!m_setup)
        return;
    auto setup = std::make_shared<RunSetup>(*m_setup);
    setup->bp = scenario.bp;
    setup->pc = scenario.pc;
    for (engine::Index l = 1; l <= setup->network.depth() && l <= scenario.spec.depth(); ++l)
        setup->network.setLearningRate(l, scenario.spec.weight(l).learningRate);
    m_setup = setup;
    emit workerSettings(m_setup);
}

void SimulationController::startRun() {
    ++m_runNumber;
    ++m_generation;
    m_history.clear();
    m_index = 0;
    m_live = true;
    if (m_running) {
        m_running = false;
        emit runningChanged(false);
    }
    emit runLoaded();
    emit workerSpeed(m_speed);
    emit workerLoad(m_setup, m_generation);
}

FramePtr SimulationController::current() const {
    if (m_history.empty())
        return nullptr;
    return m_history.at(std::min(m_index, m_history.size() - 1));
}

void SimulationController::onFrame(FramePtr frame) {
    // Frames still in flight from before a reload or a branch belong to another timeline.
    if (frame->generation != m_generation)
        return;
    m_history.append(frame);
    if (!m_live) {
        // Thinning may have moved (or dropped) the frame on show: find it again by serial.
        m_index = m_history.indexAtOrBefore(m_shownSerial);
    }
    if (frame->running != m_running) {
        m_running = frame->running;
        emit runningChanged(m_running);
    }
    if (m_live) {
        m_index = m_history.size() - 1;
        emit frameShown(frame);
    }
}

void SimulationController::play() {
    if (!m_live && !resumeFromHere())
        return;
    if (m_speed == 0)
        setSpeed(DefaultSpeedLevel);  // playing at "paused" would do nothing
    emit workerPlay();
}

void SimulationController::pause() {
    emit workerPause();
}

void SimulationController::togglePlay() {
    if (m_running)
        pause();
    else
        play();
}

void SimulationController::step(Granularity granularity, int count) {
    if (!m_live && !resumeFromHere())
        return;
    emit workerStep(static_cast<int>(granularity), count);
}

void SimulationController::setSpeed(int level) {
    m_speed = std::clamp(level, 0, SpeedLevels - 1);
    emit speedChanged(m_speed);
    emit workerSpeed(m_speed);
    if (m_speed == 0)
        pause();
}

void SimulationController::runUntil(qint64 trials, double loss) {
    if (!m_live && !resumeFromHere())
        return;
    if (m_speed == 0)
        setSpeed(DefaultSpeedLevel);
    emit workerRunUntil(trials, loss);
}

void SimulationController::reset() {
    if (m_setup)
        startRun();
}

void SimulationController::showFrame(std::size_t index) {
    if (m_history.empty())
        return;
    // Always pause: the running flag may lag a Play that has not produced a frame yet.
    emit workerPause();
    m_index = std::min(index, m_history.size() - 1);
    m_live = m_index + 1 == m_history.size();
    m_shownSerial = m_history.at(m_index)->serial;
    emit frameShown(m_history.at(m_index));
}

void SimulationController::goLive() {
    if (m_history.empty())
        return;
    m_live = true;
    m_index = m_history.size() - 1;
    emit frameShown(m_history.latest());
}

bool SimulationController::resumeFromHere() {
    if (m_history.empty() || m_live)
        return false;
    if (m_resumeHandler)
        return m_resumeHandler();
    branchHere();
    return true;
}

History::Tail SimulationController::branchHere() {
    if (m_history.empty() || m_live)
        return {};
    History::Tail tail = m_history.cutAfter(m_index);
    restoreWorker(m_history.latest());
    return tail;
}

History::Tail SimulationController::swapTail(std::int64_t serial, History::Tail tail) {
    if (m_history.empty())
        return {};
    History::Tail taken = m_history.cutAfter(m_history.indexAtOrBefore(serial));
    m_history.appendTail(std::move(tail));
    restoreWorker(m_history.latest());
    emit frameShown(m_history.latest());
    return taken;
}

void SimulationController::restoreWorker(const FramePtr& frame) {
    m_live = true;
    m_index = m_history.size() - 1;
    ++m_generation;
    emit workerRestore(frame, m_generation);
}

void SimulationController::liveEdit(const LiveEdit& edit) {
    if (edit.kind == LiveEdit::Kind::Trial && edit.scenario && m_setup) {
        auto setup = std::make_shared<RunSetup>(*m_setup);
        setup->trials = edit.scenario->trials;
        setup->scenario = edit.scenario;
        m_setup = setup;
    }
    emit workerLiveEdit(std::make_shared<const LiveEdit>(edit));
}

}  // namespace ui
