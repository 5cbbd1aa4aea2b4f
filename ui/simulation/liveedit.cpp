// SimulationWorker's live edits (simulationworker.h, liveedit.h): a weight, an input or a target
// changed in both rules' current state between micro-steps.

#include "ui/simulation/liveedit.h"

#include <QStringList>

#include "ui/simulation/simulationworker.h"

namespace ui {

namespace {

bool hasSynapse(const engine::Network& net, const LiveEdit& e) {
    return e.layer >= 1 && e.layer <= net.depth() && e.post >= 0 && e.post < net.size(e.layer) &&
           e.pre >= 0 && e.pre < net.size(e.layer - 1);
}

}  // namespace

void SimulationWorker::liveEdit(LiveEditPtr edit) {
    guarded(tr("making a live edit"), [&] {
        if (!m_pair || !edit)
            return;
        bool problem = false;
        QString note;
        switch (edit->kind) {
            case LiveEdit::Kind::Weight:
                note = editWeight(*edit, problem);
                break;
            case LiveEdit::Kind::UndoWeight:
                note = undoWeight(*edit);
                break;
            case LiveEdit::Kind::Trial:
                note = editTrial(*edit);
                break;
        }
        if (!problem)
            m_edit = edit->text;
        if (!m_pair->ok()) {
            setRunning(false);
            publish();
            emit runStopped(problemText(), true);
            return;
        }
        publish();
        emit edited(note, problem);
    });
}

std::int64_t SimulationWorker::trialNow() const {
    const engine::Simulation& pc = m_pair->pc();
    return pc.betweenTrials() ? pc.trialsCompleted() : pc.trialsCompleted() + 1;
}

QString SimulationWorker::editWeight(const LiveEdit& e, bool& problem) {
    engine::Simulation& bp = m_pair->bp();
    engine::Simulation& pc = m_pair->pc();
    const double before[2] = {
        hasSynapse(bp.network(), e) ? bp.network().weight(e.layer)(e.post, e.pre) : 0.0,
        hasSynapse(pc.network(), e) ? pc.network().weight(e.layer)(e.post, e.pre) : 0.0};
    if (!bp.setWeightNow(e.layer, e.post, e.pre, e.value)) {
        problem = true;
        return tr("Live edit refused: %1 is not a weight of this run.").arg(e.text);
    }
    pc.setWeightNow(e.layer, e.post, e.pre, e.value);
    // The first edit of an undo step keeps the values undo goes back to.
    m_beforeEdits.try_emplace(e.id, std::array<double, 2>{before[0], before[1]});
    return tr("Live edit: %1 in both rules at trial %2.").arg(e.text).arg(trialNow());
}

QString SimulationWorker::undoWeight(const LiveEdit& e) {
    const auto it = m_beforeEdits.find(e.id);
    if (it == m_beforeEdits.end())
        return tr("Undo of %1: nothing to change, the edit was made before the run restarted.")
            .arg(e.text);
    m_pair->bp().setWeightNow(e.layer, e.post, e.pre, it->second[0]);
    m_pair->pc().setWeightNow(e.layer, e.post, e.pre, it->second[1]);
    m_beforeEdits.erase(it);
    return tr("Undone at trial %1: %2 (each rule has its weight from before the edit again).")
        .arg(trialNow())
        .arg(e.text);
}

QString SimulationWorker::editTrial(const LiveEdit& e) {
    const engine::Scenario& s = *e.scenario;
    QStringList now;  // the rules whose trial in progress took the change
    for (engine::Simulation* sim : {&m_pair->bp(), &m_pair->pc()}) {
        // The new trial list from the next trial on, at the same place in it.
        const auto state = sim->snapshot();
        s.applyTrials(*sim);
        sim->restore(*state);
        if (!sim->betweenTrials() && s.trialIndex(sim->trialsCompleted()) == e.trialIndex &&
            sim->setTrialNow(s.trials[e.trialIndex]))
            now << QString::fromLatin1(engine::ruleName(sim->rule()));
    }
    const auto entry = qulonglong(e.trialIndex + 1);
    if (now.size() == 2)
        return tr("Live edit: %1 in both rules at trial %2 (and in every later presentation of "
                  "entry %3 of the trial list).")
            .arg(e.text)
            .arg(trialNow())
            .arg(entry);
    if (now.size() == 1)
        return tr("Live edit: %1 at trial %2 in %3 (the other rule had finished the trial); both "
                  "rules use it in every later presentation of entry %4 of the trial list.")
            .arg(e.text)
            .arg(trialNow())
            .arg(now.front())
            .arg(entry);
    return tr("Live edit: %1 from the next presentation of entry %2 of the trial list on (no "
              "trial of it is in progress).")
        .arg(e.text)
        .arg(entry);
}

}  // namespace ui
