// Lessons in the lab window: every action of every bundled lesson is pressed as a button and the
// state it promises is checked (the run, the views, the selection, the weights); the newcomer's
// lesson reaches the bear's interference picture; the panel's Next/Back, hiding and following
// the document.
#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QToolButton>
#include <QUndoStack>
#include <algorithm>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/editing/scenarioeditor.h"
#include "ui/lab/mainwindow.h"
#include "ui/simulation/frame.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/teaching/lessonpanel.h"
#include "ui/teaching/lessonsmenu.h"
#include "ui/views/inspector.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"
#include "waitfor.h"

using namespace ui;
using K = engine::LessonActionKind;

namespace {

/// Long enough for the biggest preset's longest run at maximum speed on a busy machine.
constexpr int RunWaitMs = 100'000;

struct Window {
    MainWindow w;
    void open(const QString& lesson) {
        w.resize(1280, 800);
        w.show();
        ASSERT_TRUE(w.openLesson(lesson));
        ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }));
    }
    /// Whether a frame is on show (none for a moment after a reset or an edit).
    bool has() const { return w.controller()->current() != nullptr; }
    const engine::Snapshot& pc() const { return *w.controller()->current()->pc; }
    std::int64_t trialsDone() const { return pc().trialComplete ? pc().trial : pc().trial - 1; }
    bool idle() const { return !w.controller()->running(); }
};

/// The selection an action names, resolved here with the engine's names.
Selection expectedSelection(const engine::Scenario& s, const engine::LessonAction& a) {
    const engine::NeuronNames names{s.inputNames, s.outputNames};
    Selection sel;
    if (a.kind == K::SelectNeuron) {
        sel.neuron = NeuronId{int(a.layer), int(*resolveNeuron(s.spec, names, a.layer, a.neuron))};
    } else if (a.kind != K::ClearSelection) {
        const int from = int(*resolveNeuron(s.spec, names, a.layer - 1, a.from));
        const int to = int(*resolveNeuron(s.spec, names, a.layer, a.to));
        sel.synapse = SynapseId{int(a.layer), to, from};
    }
    return sel;
}

bool sameSelection(const Selection& a, const Selection& b) {
    return a.neuron == b.neuron && a.synapse == b.synapse;
}

/// Presses the button of `action` and checks the state it promises. Runs asked for at a slow
/// speed are hurried to the maximum once the speed asked for is checked.
void pressAndCheck(Window& win, QPushButton* button, const engine::LessonAction& a,
                   const std::string& where) {
    SCOPED_TRACE(where + ": " + a.label);
    ASSERT_TRUE(button->isEnabled()) << button->toolTip().toStdString();
    ASSERT_TRUE(waitFor([&] { return win.has() && win.idle(); }, RunWaitMs));
    const engine::Snapshot before = win.pc();
    const std::int64_t done = win.trialsDone();
    const engine::Scenario scenario = win.w.document()->scenario();
    button->click();
    MainWindow& w = win.w;
    switch (a.kind) {
        case K::StepIteration:
            EXPECT_TRUE(waitFor(
                [&] { return win.has() && win.pc().step == before.step + a.count && win.idle(); },
                RunWaitMs));
            break;
        case K::StepPhase:
            EXPECT_TRUE(
                waitFor([&] { return win.has() && win.pc().step > before.step && win.idle(); }));
            break;
        case K::Relax:
            EXPECT_TRUE(waitFor([&] {
                return win.has() && !win.pc().trialComplete &&
                       win.pc().iteration == win.pc().iterations - 1 && win.idle();
            }));
            EXPECT_EQ(win.pc().phase, engine::Phase::Relax);
            break;
        case K::StepTrial: {
            // One step finishes the trial in progress or plays a whole one; several count a trial
            // in progress as the first (SimulationWorker::step).
            const std::int64_t goal =
                done + (a.count == 1 ? 1 : a.count - (before.trialComplete ? 0 : 1));
            EXPECT_TRUE(waitFor(
                [&] {
                    return win.has() && win.pc().trialComplete && win.trialsDone() == goal &&
                           win.idle();
                },
                RunWaitMs));
            break;
        }
        case K::RunTrials:
            if (a.speed) {
                EXPECT_EQ(w.controller()->speed(), *a.speed);
                if (*a.speed != MaxSpeedLevel)
                    w.controller()->setSpeed(MaxSpeedLevel);
            }
            EXPECT_TRUE(waitFor(
                [&] {
                    return win.has() && win.pc().trialComplete &&
                           win.trialsDone() == done + a.count && win.idle();
                },
                RunWaitMs))
                << "at trial " << win.trialsDone() << ", from " << done;
            break;
        case K::Play:
            EXPECT_TRUE(waitFor([&] { return w.controller()->running(); }));
            w.controller()->pause();
            break;
        case K::Pause:
            EXPECT_TRUE(waitFor([&] { return win.idle(); }));
            break;
        case K::Reset:
            EXPECT_TRUE(
                waitFor([&] { return win.has() && win.pc().step == 0 && win.pc().trial == 0; }));
            break;
        case K::SetSpeed:
            EXPECT_EQ(w.controller()->speed(), *a.speed);
            break;
        case K::Show:
            if (a.view == "network" || a.view == "energy-machine") {
                EXPECT_TRUE(w.pane(engine::Rule::PC)->isVisible());
                EXPECT_EQ(w.pane(engine::Rule::PC)->machineShown(), a.view == "energy-machine");
            } else if (a.view == "editor") {
                EXPECT_TRUE(w.editor()->isVisible());
            } else {
                EXPECT_EQ(w.plots()->currentTab().toStdString(), a.view);
            }
            break;
        case K::SelectNeuron:
        case K::SelectSynapse:
        case K::ClearSelection:
            EXPECT_TRUE(sameSelection(w.inspector()->selection(), expectedSelection(scenario, a)));
            EXPECT_TRUE(sameSelection(w.editing()->selection(), expectedSelection(scenario, a)));
            break;
        case K::SetWeight: {
            const Selection sel = expectedSelection(scenario, a);
            EXPECT_EQ(w.editing()->valueOf(sel), a.value);
            const SynapseId s = *sel.synapse;
            // At step 0 the scenario's weight changes and the run restarts from it; past step 0
            // it is a live edit: both rules' current weight, the run going on from there.
            const bool live = before.step > 0;
            EXPECT_TRUE(waitFor([&] {
                if (!win.has())
                    return false;
                const Frame& f = *w.controller()->current();
                const auto weight = [&](const engine::Snapshot& r) {
                    return r.weights[size_t(s.layer)](s.post, s.pre);
                };
                return live ? !f.edit.isEmpty() && weight(*f.bp) == a.value &&
                                  weight(*f.pc) == a.value
                            : f.pc->step == 0 && weight(*f.pc) == a.value;
            }));
            if (live) {
                EXPECT_TRUE(w.document()->undoStack()->undoText().startsWith("Live edit"))
                    << w.document()->undoStack()->undoText().toStdString();
            }
            break;
        }
    }
    EXPECT_TRUE(win.w.lessonPanel()->problemText().isEmpty())
        << win.w.lessonPanel()->problemText().toStdString();
}

}  // namespace

TEST(Lessons, EveryActionOfEveryBundledLessonKeepsItsPromise) {
    const QStringList names = lessonNames();
    ASSERT_EQ(names.size(), static_cast<qsizetype>(engine::presets().size()));
    for (const QString& name : names) {
        SCOPED_TRACE(name.toStdString());
        Window win;
        ASSERT_NO_FATAL_FAILURE(win.open(name));
        LessonPanel* panel = win.w.lessonPanel();
        ASSERT_TRUE(panel->isVisible());
        const engine::Lesson lesson = win.w.document()->scenario().lesson;
        ASSERT_EQ(panel->stepCount(), static_cast<int>(lesson.steps.size()));
        for (int k = 0; k < panel->stepCount(); ++k) {
            ASSERT_EQ(panel->step(), k);
            const engine::LessonStep& step = lesson.steps[size_t(k)];
            ASSERT_EQ(panel->actionButtons().size(), static_cast<qsizetype>(step.actions.size()));
            for (size_t i = 0; i < step.actions.size(); ++i) {
                QPushButton* button = panel->actionButtons()[qsizetype(i)];
                EXPECT_EQ(button->text().toStdString(), step.actions[i].label);
                ASSERT_NO_FATAL_FAILURE(
                    pressAndCheck(win, button, step.actions[i], "step " + std::to_string(k + 1)));
            }
            win.w.findChild<QPushButton*>("lessonNext")->click();
        }
        EXPECT_EQ(panel->step(), panel->stepCount() - 1);  // Next stops at the last step
    }
}

TEST(Lessons, TheFirstLessonReachesTheBearInterferencePicture) {
    // Launch state: the newcomer opens Lessons > First steps (the menu's first entry).
    Window win;
    win.w.resize(1280, 800);
    win.w.show();
    QMenu* menu = win.w.findChild<QMenu*>("lessonsMenu");
    ASSERT_TRUE(menu);
    ASSERT_EQ(menu->actions().front()->objectName(), "lesson-first-steps");
    menu->actions().front()->trigger();
    ASSERT_TRUE(waitFor([&] { return win.w.controller()->current() != nullptr; }));
    EXPECT_EQ(win.w.document()->scenario().name, "first-steps");
    LessonPanel* panel = win.w.lessonPanel();
    QPushButton* next = win.w.findChild<QPushButton*>("lessonNext");
    // Follow it: every button of every step up to the 64 trials, then Next.
    const engine::Lesson lesson = win.w.document()->scenario().lesson;
    int clicks = 1;
    for (int k = 0; k < 5; ++k) {
        for (int i = 0; i < panel->actionButtons().size(); ++i, ++clicks)
            ASSERT_NO_FATAL_FAILURE(pressAndCheck(win, panel->actionButtons()[i],
                                                  lesson.steps[size_t(k)].actions[size_t(i)],
                                                  "step " + std::to_string(k + 1)));
        if (k < 4) {
            next->click();
            ++clicks;
        }
    }
    EXPECT_LE(clicks, 16);  // a handful of clicks, well under 30 s of interaction
    ASSERT_EQ(win.trialsDone(), 64);
    // The picture: BP's smell prediction dips far below PC's over the 64 trials.
    const std::vector<TrialRecord>& trials = win.w.controller()->history().trials();
    ASSERT_EQ(trials.size(), 64u);
    double lowest[2] = {1.0, 1.0};
    for (const TrialRecord& r : trials)
        for (int rule : {0, 1})
            lowest[rule] = std::min(lowest[rule], r.output[rule][1]);
    EXPECT_LT(lowest[0], 0.8);  // BP about 0.76
    EXPECT_GT(lowest[1], 0.9);  // PC about 0.93
}

TEST(Lessons, NextBackAndHidingThePanel) {
    Window win;
    ASSERT_NO_FATAL_FAILURE(win.open("bear"));
    LessonPanel* panel = win.w.lessonPanel();
    auto* back = win.w.findChild<QPushButton*>("lessonBack");
    auto* next = win.w.findChild<QPushButton*>("lessonNext");
    auto* position = win.w.findChild<QLabel*>("lessonPosition");
    EXPECT_FALSE(back->isEnabled());
    EXPECT_TRUE(position->text().startsWith("Step 1 of 5")) << position->text().toStdString();
    next->click();
    next->click();
    EXPECT_EQ(panel->step(), 2);
    EXPECT_TRUE(position->text().startsWith("Step 3 of 5"));
    back->click();
    EXPECT_EQ(panel->step(), 1);
    EXPECT_TRUE(back->isEnabled());
    // The lecturer hides it; the menu's check follows and brings it back.
    QAction* shown = win.w.findChild<QAction*>("showLessonAction");
    ASSERT_TRUE(shown);
    win.w.findChild<QToolButton*>("lessonClose")->click();
    EXPECT_FALSE(panel->isVisible());
    EXPECT_FALSE(shown->isChecked());
    shown->trigger();
    EXPECT_TRUE(panel->isVisible());
    // Opening a lesson shows it at step 1, even after hiding.
    panel->setWanted(false);
    ASSERT_TRUE(win.w.openLesson("energy-machine"));
    EXPECT_TRUE(panel->isVisible());
    EXPECT_EQ(panel->step(), 0);
    EXPECT_EQ(win.w.document()->scenario().name, "energy-machine");
}

TEST(Lessons, AScenarioWithoutALessonHidesThePanel) {
    Window win;
    ASSERT_NO_FATAL_FAILURE(win.open("bear"));
    engine::Scenario plain = *engine::findPreset("bear");
    plain.lesson = {};
    win.w.document()->reset(plain, {});
    EXPECT_FALSE(win.w.lessonPanel()->isVisible());
    EXPECT_TRUE(win.w.lessonPanel()->wanted());  // back with the next scenario that has one
    ASSERT_TRUE(win.w.loadPreset("bear"));
    EXPECT_TRUE(win.w.lessonPanel()->isVisible());
}

TEST(Lessons, AnActionThatNoLongerFitsAnEditIsDisabledWithItsReason) {
    Window win;
    ASSERT_NO_FATAL_FAILURE(win.open("bear"));
    LessonPanel* panel = win.w.lessonPanel();
    panel->setStep(2);  // Finish the trial, Show the network, Select the smell synapse
    ASSERT_EQ(panel->actionButtons().size(), 3);
    EXPECT_TRUE(panel->actionButtons()[2]->isEnabled());
    ScenarioDocument* doc = win.w.document();
    ASSERT_TRUE(doc->apply("remove smell", engine::edit::removeNeuron(doc->scenario(), 2, 1),
                           ChangeKind::Run));
    EXPECT_EQ(panel->step(), 2);  // an edit keeps the step
    ASSERT_EQ(panel->actionButtons().size(), 3);
    EXPECT_TRUE(panel->actionButtons()[0]->isEnabled());
    EXPECT_FALSE(panel->actionButtons()[2]->isEnabled());
    EXPECT_NE(panel->actionButtons()[2]->toolTip().indexOf("'smell' is not a neuron"), -1)
        << panel->actionButtons()[2]->toolTip().toStdString();
}
