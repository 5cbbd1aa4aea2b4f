#include "ui/teaching/lessonfollower.h"

#include <algorithm>

#include "ui/simulation/simulationcontroller.h"
#include "ui/teaching/lessonpanel.h"

namespace ui {

LessonFollower::LessonFollower(LessonPanel* panel, LessonRunner* runner, SimulationController* run,
                               QObject* parent)
    : QObject(parent), m_panel(panel), m_runner(runner), m_run(run) {
    m_timer.setInterval(10);
    connect(&m_timer, &QTimer::timeout, this, &LessonFollower::tick);
}

void LessonFollower::follow(int steps) {
    const engine::Lesson& lesson = m_panel->lesson();
    m_queue.clear();
    m_next = 0;
    m_waiting = nullptr;
    m_lastStep = std::clamp(steps, 1, std::max(1, m_panel->stepCount())) - 1;
    for (int k = 0; k <= m_lastStep && k < m_panel->stepCount(); ++k)
        for (const engine::LessonAction& a : lesson.steps[static_cast<size_t>(k)].actions)
            m_queue.emplace_back(k, a);
    m_timer.start();
}

void LessonFollower::tick() {
    if (m_waiting && !m_waiting()) {
        if (m_since.elapsed() < 600'000)
            return;
        m_timer.stop();
        emit finished(tr("'%1': its state was not reached within 10 minutes")
                          .arg(QString::fromStdString(m_queue[m_next - 1].second.label)));
        return;
    }
    m_waiting = nullptr;
    if (m_next == m_queue.size()) {
        m_timer.stop();
        m_panel->setStep(m_lastStep);
        emit finished({});
        return;
    }
    const auto& [step, action] = m_queue[m_next++];
    m_panel->setStep(step);
    const QString problem = m_runner->perform(action, &m_waiting);
    if (!problem.isEmpty()) {
        m_timer.stop();
        emit finished(tr("step %1, '%2': %3")
                          .arg(step + 1)
                          .arg(QString::fromStdString(action.label), problem));
        return;
    }
    m_since.start();
    if (action.kind == engine::LessonActionKind::RunTrials)
        m_run->setSpeed(MaxSpeedLevel);
}

}  // namespace ui
