#include "ui/lab/runbranching.h"

#include <QCheckBox>
#include <QMessageBox>
#include <QSettings>
#include <QUndoCommand>
#include <QUndoStack>

#include "ui/simulation/simulationcontroller.h"

namespace ui {

namespace {

/// A branch of the run: redo cuts the frames after the branch point (the first time) or swaps
/// them back in; undo swaps the frames the branch made for the ones it dropped. Belongs to one
/// run: after a restart it does nothing and leaves the stack.
class BranchCommand : public QUndoCommand {
public:
    BranchCommand(SimulationController* controller, std::int64_t step)
        : QUndoCommand(QObject::tr("Resume from step %1").arg(step)),
          m_controller(controller),
          m_run(controller->runNumber()),
          m_serial(controller->current()->serial) {}

    void redo() override {
        if (stale())
            return;
        if (m_first)
            m_other = m_controller->branchHere();
        else
            m_other = m_controller->swapTail(m_serial, std::move(m_other));
        m_first = false;
    }
    void undo() override {
        if (!stale())
            m_other = m_controller->swapTail(m_serial, std::move(m_other));
    }

private:
    bool stale() {
        if (m_controller->runNumber() == m_run)
            return false;
        setObsolete(true);  // the run it branched has been restarted
        return true;
    }

    SimulationController* m_controller;
    std::uint64_t m_run;
    std::int64_t m_serial;  // the frame the run branched at
    History::Tail m_other;  // the frames not in the history now
    bool m_first = true;
};

}  // namespace

RunBranching::RunBranching(SimulationController* controller, QUndoStack* undo, QWidget* parent)
    : QObject(parent), m_controller(controller), m_undo(undo), m_parent(parent) {}

std::unique_ptr<QSettings> RunBranching::settings() const {
    if (m_settingsFile.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
}

bool RunBranching::asks() const {
    return !settings()->value(DontAskKey, false).toBool();
}

bool RunBranching::resume() {
    const FramePtr shown = m_controller->current();
    if (!shown || m_controller->live())
        return false;
    const std::size_t dropped = m_controller->history().size() - 1 - m_controller->currentIndex();
    if (asks() && !confirm(dropped))
        return false;
    m_undo->push(new BranchCommand(m_controller, shown->pc->step));
    return true;
}

bool RunBranching::confirm(std::size_t dropped) {
    QMessageBox box(QMessageBox::Question, tr("Resume from here"),
                    tr("Continue the run from the step on show? The later recorded steps (%1) "
                       "leave the timeline; Edit > Undo brings them back.")
                        .arg(dropped),
                    QMessageBox::Yes | QMessageBox::Cancel, m_parent);
    box.setObjectName("resumeQuestion");
    box.button(QMessageBox::Yes)->setText(tr("Resume from here"));
    auto* dontAsk = new QCheckBox(tr("Don't ask again"), &box);
    box.setCheckBox(dontAsk);
    if (box.exec() != QMessageBox::Yes)
        return false;
    if (dontAsk->isChecked())
        settings()->setValue(DontAskKey, true);
    return true;
}

}  // namespace ui
