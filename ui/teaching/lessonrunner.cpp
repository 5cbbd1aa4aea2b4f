#include "ui/teaching/lessonrunner.h"

#include <cmath>

#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/simulation/simulationcontroller.h"

namespace ui {

namespace {

using K = engine::LessonActionKind;

engine::NeuronNames namesOf(const engine::Scenario& s) {
    return engine::NeuronNames{s.inputNames, s.outputNames};
}

}  // namespace

LessonRunner::LessonRunner(const LessonTargets& targets, QObject* parent)
    : QObject(parent), m_targets(targets) {}

QString LessonRunner::problem(const engine::LessonAction& action) const {
    const engine::Scenario& s = m_targets.doc->scenario();
    if (const auto p = engine::lessonActionProblem(action, s.spec, namesOf(s)))
        return tr("This action no longer fits the network (%1: %2).")
            .arg(QString::fromStdString(p->field), QString::fromStdString(p->problem));
    return {};
}

LessonRunner::Position LessonRunner::position() const {
    Position p;
    if (const FramePtr frame = m_targets.run->current()) {
        const engine::Snapshot& pc = *frame->pc;
        p.inTrial = !pc.trialComplete;
        p.trial = pc.trialComplete ? pc.trial : pc.trial - 1;
        p.iteration = pc.iteration;
        p.iterations = pc.iterations;
    }
    return p;
}

Selection LessonRunner::selectionOf(const engine::LessonAction& a) const {
    const engine::Scenario& s = m_targets.doc->scenario();
    const engine::NeuronNames names = namesOf(s);
    Selection sel;
    if (a.kind == K::SelectNeuron) {
        if (const auto i = engine::resolveNeuron(s.spec, names, a.layer, a.neuron))
            sel.neuron = NeuronId{int(a.layer), int(*i)};
        return sel;
    }
    const auto from = engine::resolveNeuron(s.spec, names, a.layer - 1, a.from);
    const auto to = engine::resolveNeuron(s.spec, names, a.layer, a.to);
    if (from && to)
        sel.synapse = SynapseId{int(a.layer), int(*to), int(*from)};
    return sel;
}

QString LessonRunner::perform(const engine::LessonAction& a, Promise* promise) {
    if (const QString why = problem(a); !why.isEmpty())
        return why;
    SimulationController* run = m_targets.run;
    Promise done = [] { return true; };
    switch (a.kind) {
        case K::StepIteration:
        case K::StepPhase:
        case K::Relax:
        case K::StepTrial:
        case K::RunTrials:
            return step(a, promise);
        case K::Play:
            run->play();
            done = [run] { return run->running(); };
            break;
        case K::Pause:
            run->pause();
            done = [run] { return !run->running(); };
            break;
        case K::Reset:
            run->reset();
            done = [run] {
                const FramePtr f = run->current();
                return f && f->pc->step == 0 && !run->running();
            };
            break;
        case K::SetSpeed:
            run->setSpeed(*a.speed);
            break;
        case K::Show:
            if (!m_targets.show(QString::fromStdString(a.view)))
                return tr("This run has no %1 view.").arg(QString::fromStdString(a.view));
            break;
        case K::SelectNeuron:
        case K::SelectSynapse:
        case K::ClearSelection:
            return select(a, promise);
        case K::SetWeight: {
            const Selection target = selectionOf(a);
            if (!m_targets.editing->setValue(target, a.value))
                return tr("The weight could not be set (see the status bar).");
            EditingController* editing = m_targets.editing;
            const double value = a.value;
            done = [editing, target, value] { return editing->valueOf(target) == value; };
            break;
        }
    }
    if (promise)
        *promise = done;
    return {};
}

QString LessonRunner::step(const engine::LessonAction& a, Promise* promise) {
    SimulationController* run = m_targets.run;
    const Position before = position();
    const FramePtr frame = run->current();
    const std::int64_t steps = frame ? frame->pc->step : 0;
    const int count = static_cast<int>(a.count);
    Promise done;
    switch (a.kind) {
        case K::StepIteration:
            run->step(Granularity::Iteration, count);
            done = [this, steps, count] {
                const FramePtr f = m_targets.run->current();
                return f && f->pc->step >= steps + count && !m_targets.run->running();
            };
            break;
        case K::StepPhase:
            run->step(Granularity::Phase, count);
            done = [this, steps] {
                const FramePtr f = m_targets.run->current();
                return f && f->pc->step > steps && !m_targets.run->running();
            };
            break;
        case K::Relax: {
            // From between trials: initialise, then relax; inside a trial: the rest of it.
            const bool relaxed = before.inTrial && before.iteration >= before.iterations - 1;
            if (!relaxed)
                run->step(Granularity::Phase, before.inTrial ? 1 : 2);
            done = [this] {
                const Position p = position();
                return p.inTrial && p.iteration == p.iterations - 1 && !m_targets.run->running();
            };
            break;
        }
        case K::StepTrial:
        case K::RunTrials: {
            // One step finishes the trial in progress or plays a whole one; several count a trial
            // in progress as the first (SimulationWorker::step). A run plays further trials.
            const bool first = a.kind == K::StepTrial && a.count > 1 && before.inTrial;
            const std::int64_t goal = before.trial + a.count - (first ? 1 : 0);
            if (a.kind == K::StepTrial) {
                run->step(Granularity::Trial, count);
            } else {
                if (a.speed)
                    run->setSpeed(*a.speed);
                run->runUntil(a.count, 0.0);
            }
            done = [this, goal] {
                const Position p = position();
                return !p.inTrial && p.trial >= goal && !m_targets.run->running();
            };
            break;
        }
        default:
            break;
    }
    if (promise)
        *promise = done;
    return {};
}

QString LessonRunner::select(const engine::LessonAction& a, Promise* promise) {
    Selection sel;
    if (a.kind != K::ClearSelection)
        sel = selectionOf(a);
    m_targets.select(sel);
    if (promise)
        *promise = [] { return true; };
    return {};
}

}  // namespace ui
