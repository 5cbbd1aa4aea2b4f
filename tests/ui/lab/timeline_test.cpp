// The timeline in the lab window: a slider linear in micro-steps with the live edits marked,
// "Resume from here" asked once (with "Don't ask again") and undoable, and the status bar's
// word when an edit restarts the run.
#include <gtest/gtest.h>

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QMessageBox>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <functional>

#include "engine/scenario/scenarioedit.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/lab/mainwindow.h"
#include "ui/lab/runbranching.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/timelinebar.h"
#include "waitfor.h"

using namespace ui;

namespace {

/// Answers the next modal dialog from inside its own event loop: `answer` gets it (nullptr if
/// none opened by the time the event loop ran once).
void answerNextModal(std::function<void(QWidget*)> answer) {
    QTimer::singleShot(0, [answer] { answer(QApplication::activeModalWidget()); });
}

/// Ticks "Don't ask again" if `dontAsk`, then presses Resume (or Cancel).
std::function<void(QWidget*)> reply(bool resume, bool dontAsk, int* asked) {
    return [=](QWidget* modal) {
        auto* box = qobject_cast<QMessageBox*>(modal);
        if (!box)
            return;
        ++*asked;
        EXPECT_EQ(box->objectName(), "resumeQuestion");
        box->checkBox()->setChecked(dontAsk);
        box->button(resume ? QMessageBox::Yes : QMessageBox::Cancel)->click();
    };
}

class Timeline : public ::testing::Test {
protected:
    void SetUp() override {
        w.branching()->setSettingsFile(dir.filePath("settings.ini"));
        w.resize(1280, 800);
        w.show();
        ASSERT_TRUE(w.loadPreset("bear"));
        ASSERT_TRUE(waitFor([&] { return c()->current() != nullptr; }));
    }
    SimulationController* c() const { return w.controller(); }
    const engine::Snapshot& pc() const { return *c()->current()->pc; }
    /// Some single iterations (a frame each), then trials at full speed (frames far apart).
    void runUnevenly() {
        for (int k = 0; k < 4; ++k) {
            c()->step(Granularity::Iteration);
            ASSERT_TRUE(waitFor([&] { return pc().step == k + 1 && !c()->running(); }));
        }
        c()->step(Granularity::Trial);  // the rest of the first trial
        ASSERT_TRUE(waitFor([&] { return pc().trial == 1 && pc().trialComplete; }));
        c()->step(Granularity::Trial, 40);
        ASSERT_TRUE(
            waitFor([&] { return pc().trial == 41 && pc().trialComplete && !c()->running(); }));
    }

    QTemporaryDir dir;
    MainWindow w;
};

}  // namespace

TEST_F(Timeline, TheSliderIsLinearInMicroStepsAndMarksLiveEdits) {
    ASSERT_NO_FATAL_FAILURE(runUnevenly());
    const History& h = c()->history();
    TimelineBar* bar = w.timeline();
    QSlider* slider = bar->slider();
    const std::int64_t first = h.at(0)->pc->step, last = h.latest()->pc->step;
    EXPECT_EQ(slider->maximum() - slider->minimum(), int(last - first));
    for (std::size_t i = 0; i < h.size(); i += 1 + h.size() / 10) {
        c()->showFrame(i);
        EXPECT_EQ(slider->value(), int(h.at(i)->pc->step - first)) << "frame " << i;
    }
    // A position shows the newest frame recorded at or before its micro-step.
    const int middle = slider->maximum() / 2;
    slider->setValue(middle);
    const std::int64_t shown = c()->current()->pc->step;
    EXPECT_LE(shown, first + middle);
    const std::size_t next = c()->currentIndex() + 1;
    ASSERT_LT(next, h.size());
    EXPECT_GT(h.at(next)->pc->step, first + middle);
    // A live edit at the newest step: a mark at its step.
    c()->goLive();
    ASSERT_TRUE(w.editing()->setValue(Selection{std::nullopt, SynapseId{2, 1, 0}}, -1.0));
    ASSERT_TRUE(waitFor([&] { return !c()->history().edits().empty(); }));
    ASSERT_TRUE(waitFor([&] { return c()->current()->edit == "h1 → smell = -1"; }));
    ASSERT_EQ(bar->editMarks().size(), 1u);
    EXPECT_EQ(bar->editMarks().front(), int(last - first));
    EXPECT_EQ(bar->stepAt(bar->editMarks().front()), last);
}

TEST_F(Timeline, ResumeAsksOnceDropsTheLaterStepsAndUndoBringsThemBack) {
    ASSERT_NO_FATAL_FAILURE(runUnevenly());
    const std::size_t frames = c()->history().size();
    const std::int64_t lastStep = c()->history().latest()->pc->step;
    const std::size_t trials = c()->history().trials().size();
    int asked = 0;
    // Cancel: nothing changes.
    c()->showFrame(2);
    answerNextModal(reply(false, true, &asked));
    EXPECT_FALSE(c()->resumeFromHere());
    EXPECT_EQ(asked, 1);
    EXPECT_EQ(c()->history().size(), frames);
    EXPECT_TRUE(w.branching()->asks());  // "Don't ask again" counts only with Resume
    // Resume, and do not ask again.
    answerNextModal(reply(true, true, &asked));
    EXPECT_TRUE(c()->resumeFromHere());
    EXPECT_EQ(asked, 2);
    EXPECT_FALSE(w.branching()->asks());
    EXPECT_EQ(QSettings(dir.filePath("settings.ini"), QSettings::IniFormat)
                  .value(RunBranching::DontAskKey)
                  .toBool(),
              true);
    EXPECT_TRUE(c()->live());
    EXPECT_LE(c()->history().size(), 4u);  // the branch point, and the frame the worker sends
    EXPECT_EQ(w.document()->undoStack()->undoText(), "Resume from step 2");
    // The branch runs on; Undo puts the dropped steps back (and Redo the branch's).
    c()->step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] { return pc().trial == 1 && pc().trialComplete && !c()->running(); }));
    const std::int64_t branchStep = pc().step;
    w.document()->undoStack()->undo();
    EXPECT_TRUE(c()->live());
    EXPECT_EQ(c()->history().at(frames - 1)->pc->step, lastStep);
    EXPECT_EQ(c()->history().trials().size(), trials);
    ASSERT_TRUE(waitFor([&] { return pc().step == lastStep && !c()->running(); }));
    c()->step(Granularity::Iteration);  // the run goes on from the old end
    ASSERT_TRUE(waitFor([&] { return pc().step == lastStep + 1; }));
    w.document()->undoStack()->redo();
    EXPECT_EQ(c()->history().latest()->pc->step, branchStep);
    // Not asked again: a second resume goes through at once.
    c()->showFrame(1);
    answerNextModal(reply(true, false, &asked));
    EXPECT_TRUE(c()->resumeFromHere());
    EXPECT_EQ(asked, 2);
}

TEST_F(Timeline, PlayOnAPastStepAsksToo) {
    ASSERT_NO_FATAL_FAILURE(runUnevenly());
    const std::size_t frames = c()->history().size();
    c()->showFrame(3);
    int asked = 0;
    answerNextModal(reply(false, false, &asked));
    c()->play();  // cancelled: the later steps stay, nothing runs
    EXPECT_EQ(asked, 1);
    EXPECT_EQ(c()->history().size(), frames);
    EXPECT_FALSE(c()->live());
}

TEST_F(Timeline, AStructureEditRestartsTheRunAndSaysSo) {
    c()->step(Granularity::Trial, 2);
    ASSERT_TRUE(waitFor([&] { return pc().trial == 2 && pc().trialComplete && !c()->running(); }));
    ScenarioDocument* doc = w.document();
    ASSERT_TRUE(doc->apply("Add neuron to layer 1", engine::edit::addNeuron(doc->scenario(), 1),
                           ChangeKind::Run));
    ASSERT_TRUE(waitFor([&] { return c()->current() && pc().step == 0; }));
    // A fresh run of the edited network: before its first trial, with the added neuron.
    EXPECT_EQ(pc().trial, 0);
    EXPECT_EQ(pc().layers[1].x.rows(), 2);  // the hidden layer had one
    EXPECT_NE(w.statusMessage().indexOf("Restarted at step 0: “Add neuron to layer 1”"), -1)
        << w.statusMessage().toStdString();
    // At step 0 an edit changes the scenario's start without a word about restarting.
    ASSERT_TRUE(doc->apply("Add neuron to layer 1", engine::edit::addNeuron(doc->scenario(), 1),
                           ChangeKind::Run));
    EXPECT_EQ(w.statusMessage().indexOf("Restarted"), -1);
}
