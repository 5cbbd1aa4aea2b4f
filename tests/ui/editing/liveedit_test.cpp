// Live edits: once the run has taken a step, weight, input and target edits change both rules'
// current state (not the scenario's start), the run goes on from there, and undo restores both.
// A document, a run and the editing controller, wired as the window wires them.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QUndoStack>
#include <cmath>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/simulation/simulationcontroller.h"
#include "waitfor.h"

using namespace ui;

namespace {

const Selection Weight210{std::nullopt, SynapseId{2, 1, 0}};  // bear: hidden -> smell
const Selection Input0{NeuronId{0, 0}, std::nullopt};         // the river
const Selection Smell{NeuronId{2, 1}, std::nullopt};          // the smell output, target 1

class LiveEditing : public ::testing::Test {
protected:
    void SetUp() override {
        doc.reset(*engine::findPreset("bear"), {});
        QObject::connect(&doc, &ScenarioDocument::changed, [this](ChangeKind kind) {
            if (kind == ChangeKind::Run)
                run.loadScenario(doc.scenario());
        });
        QObject::connect(&doc, &ScenarioDocument::liveEditRequested, &run,
                         &SimulationController::liveEdit);
        run.loadScenario(doc.scenario());
        ASSERT_TRUE(waitFor([&] { return run.current() != nullptr; }));
    }
    const engine::Snapshot& bp() const { return *run.current()->bp; }
    const engine::Snapshot& pc() const { return *run.current()->pc; }
    /// Three trials, then `iterations` micro-steps into the fourth.
    void runIntoTrial4(int iterations) {
        run.step(Granularity::Trial, 3);
        ASSERT_TRUE(
            waitFor([&] { return pc().trial == 3 && pc().trialComplete && !run.running(); }));
        run.step(Granularity::Iteration, iterations);
        ASSERT_TRUE(waitFor(
            [&] { return pc().trial == 4 && pc().iteration == iterations - 1 && !run.running(); }));
    }
    /// Steps a trial at a time until trial `last` is finished.
    void finishTrials(std::int64_t last) {
        while (!(pc().trial == last && pc().trialComplete)) {
            const std::int64_t done = pc().trialComplete ? pc().trial : pc().trial - 1;
            ASSERT_LT(done, last);
            run.step(Granularity::Trial);
            ASSERT_TRUE(waitFor([&] { return pc().trial == done + 1 && pc().trialComplete; }));
        }
    }
    /// Waits for the frame the worker published after the live edit `text`.
    bool waitForEdit(const QString& text) {
        return waitFor([&] { return run.current() && run.current()->edit == text; });
    }
    static double w210(const engine::Snapshot& s) { return s.weights[2](1, 0); }

    ScenarioDocument doc;
    SimulationController run;
    EditingController editing{&doc, &run, nullptr};
};

/// The engine's own pair, stepped as the run was and edited alike: what the run must show.
engine::LockstepPair referencePair(const engine::Scenario& s) {
    engine::LockstepPair pair(s.network(), s.bp, s.pc, s.trials);
    for (engine::Simulation* sim : {&pair.bp(), &pair.pc()})
        s.applyTrials(*sim);
    return pair;
}

}  // namespace

TEST_F(LiveEditing, AtStepZeroAnEditChangesTheScenarioAndRestarts) {
    EXPECT_FALSE(editing.editsAreLive());
    ASSERT_TRUE(editing.setValue(Weight210, -1.0));
    EXPECT_EQ(doc.scenario().network().weight(2)(1, 0), -1.0);
    EXPECT_EQ(doc.undoStack()->undoText(), "Set weight h1 → smell = -1");
}

TEST_F(LiveEditing, AWeightEditMidRunReachesBothRulesAndTheRunContinuesFromThere) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(5));
    const std::int64_t step = pc().step;
    ASSERT_NE(w210(bp()), w210(pc()));  // the rules have learned differently by now
    QSignalSpy notes(&run, &SimulationController::message);
    EXPECT_TRUE(editing.editsAreLive());
    ASSERT_TRUE(editing.setValue(Weight210, -1.0));
    EXPECT_EQ(doc.undoStack()->undoText(), "Live edit h1 → smell = -1");
    EXPECT_EQ(doc.scenario().network().weight(2)(1, 0), 1.0);  // the start stays as it was
    ASSERT_TRUE(waitForEdit("h1 → smell = -1"));
    EXPECT_EQ(w210(bp()), -1.0);
    EXPECT_EQ(w210(pc()), -1.0);
    EXPECT_EQ(pc().step, step);  // not restarted, not stepped
    EXPECT_EQ(pc().trial, 4);
    ASSERT_TRUE(waitFor([&] { return notes.count() > 0; }));
    EXPECT_EQ(notes.back().at(0).toString(),
              "Live edit: h1 → smell = -1 in both rules at trial 4.");
    ASSERT_EQ(run.history().edits().size(), 1u);
    EXPECT_EQ(run.history().edits().front().step, step);

    // The run goes on from the edited state: exactly what the engine gives for the same edit.
    engine::LockstepPair ref = referencePair(doc.scenario());
    ASSERT_TRUE(ref.stepTrials(3));
    for (int k = 0; k < 5; ++k)
        ASSERT_TRUE(ref.stepIteration());
    ASSERT_EQ(ref.pc().stepCount(), step);
    ASSERT_TRUE(ref.bp().setWeightNow(2, 1, 0, -1.0));
    ASSERT_TRUE(ref.pc().setWeightNow(2, 1, 0, -1.0));
    ASSERT_TRUE(ref.stepTrials(2));
    ASSERT_NO_FATAL_FAILURE(finishTrials(5));
    EXPECT_EQ(bp().weights[2], ref.bp().network().weight(2));
    EXPECT_EQ(pc().weights[2], ref.pc().network().weight(2));
    EXPECT_EQ(pc().weights[1], ref.pc().network().weight(1));
    EXPECT_EQ(run.history().trials().back().trial, 5);
}

TEST_F(LiveEditing, UndoRestoresEachRulesOwnWeightAndRedoTheEdit) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(5));
    const double bpBefore = w210(bp()), pcBefore = w210(pc());
    // A drag is one undo step; undo goes back to the values from before its first change.
    editing.drag(Weight210, 0.2, false);
    editing.drag(Weight210, -2.0, false);
    editing.drag(Weight210, -2.5, true);
    EXPECT_EQ(doc.undoStack()->count(), 1);
    const QString edited =
        QStringLiteral("h1 → smell = %1").arg(std::round((pcBefore - 2.5) * 100) / 100);
    ASSERT_TRUE(waitForEdit(edited));
    EXPECT_EQ(w210(bp()), w210(pc()));
    doc.undoStack()->undo();
    ASSERT_TRUE(waitFor([&] { return w210(bp()) == bpBefore && w210(pc()) == pcBefore; }));
    EXPECT_EQ(pc().trial, 4);  // undone where the run is, which goes on
    doc.undoStack()->redo();
    ASSERT_TRUE(waitFor([&] { return w210(bp()) != bpBefore; }));
    EXPECT_EQ(w210(bp()), w210(pc()));
    EXPECT_DOUBLE_EQ(w210(pc()), std::round((pcBefore - 2.5) * 100) / 100);
}

TEST_F(LiveEditing, ATargetEditChangesTheTrialInProgressInBothRulesAndLaterTrials) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(1));  // BP forward, PC initialised
    ASSERT_EQ(bp().phase, engine::Phase::Forward);
    const double lossBefore = pc().loss;
    ASSERT_TRUE(editing.setValue(Smell, 0.0));
    EXPECT_EQ(doc.undoStack()->undoText(), "Live edit target smell = 0 (trial 1 of the list)");
    EXPECT_EQ(doc.scenario().trials[0].target(1, 0), 0.0);  // later presentations use it
    ASSERT_TRUE(waitForEdit("target smell = 0"));
    EXPECT_EQ(bp().target(1, 0), 0.0);
    EXPECT_EQ(pc().target(1, 0), 0.0);
    EXPECT_EQ(pc().layers[2].x(1, 0), 0.0);  // PC's output is clamped to the new target
    EXPECT_NE(pc().loss, lossBefore);
    // BP's loss is its forward pass's against the new target (0, 0).
    const engine::Matrix& mu = bp().layers[2].mu;
    EXPECT_DOUBLE_EQ(bp().loss, 0.5 * (mu(0, 0) * mu(0, 0) + mu(1, 0) * mu(1, 0)));
    // Undo: the trial list and the trial in progress as before, in both rules.
    doc.undoStack()->undo();
    EXPECT_EQ(doc.scenario().trials[0].target(1, 0), 1.0);
    ASSERT_TRUE(waitFor([&] { return bp().target(1, 0) == 1.0 && pc().target(1, 0) == 1.0; }));
    EXPECT_NEAR(pc().loss, lossBefore, 1e-12);
    // The next trial (the list's only one) uses the list as it now is.
    ASSERT_NO_FATAL_FAILURE(finishTrials(5));
    EXPECT_EQ(pc().target(1, 0), 1.0);
}

TEST_F(LiveEditing, AnInputEditChangesBothRulesInputNow) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(1));
    ASSERT_TRUE(editing.setValue(Input0, 0.5));
    ASSERT_TRUE(waitForEdit("input river = 0.5"));
    EXPECT_EQ(bp().input(0, 0), 0.5);
    EXPECT_EQ(pc().input(0, 0), 0.5);
    EXPECT_EQ(bp().layers[0].x(0, 0), 0.5);
    // BP's forward pass follows the new input: mu^1 = W^1 x^0 (no bias in the bear).
    EXPECT_DOUBLE_EQ(bp().layers[1].mu(0, 0), 0.5 * bp().weights[1](0, 0));
    EXPECT_EQ(doc.scenario().trials[0].input(0, 0), 0.5);
    run.step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] { return pc().trial == 4 && pc().trialComplete && !run.running(); }));
    run.step(Granularity::Iteration);
    ASSERT_TRUE(waitFor([&] { return pc().trial == 5 && !run.running(); }));
    EXPECT_EQ(pc().input(0, 0), 0.5);  // and the next trial gets it from the list
}

TEST_F(LiveEditing, BetweenTrialsATargetEditWaitsForTheTrialsNextPresentation) {
    run.step(Granularity::Trial, 2);
    ASSERT_TRUE(waitFor([&] { return pc().trial == 2 && pc().trialComplete && !run.running(); }));
    QSignalSpy notes(&run, &SimulationController::message);
    ASSERT_TRUE(editing.setValue(Smell, 0.25));
    ASSERT_TRUE(waitForEdit("target smell = 0.25"));
    EXPECT_EQ(pc().target(1, 0), 1.0);  // the finished trial is not rewritten
    ASSERT_TRUE(waitFor([&] { return notes.count() > 0; }));
    EXPECT_NE(notes.back().at(0).toString().indexOf("from the next presentation"), -1);
    run.step(Granularity::Iteration);
    ASSERT_TRUE(waitFor([&] { return pc().trial == 3 && !run.running(); }));
    EXPECT_EQ(pc().target(1, 0), 0.25);
    EXPECT_EQ(bp().target(1, 0), 0.25);
}

TEST_F(LiveEditing, EditsWhileAPastStepIsOnShowAreRefusedWithAReason) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(3));
    run.showFrame(1);
    ASSERT_FALSE(run.live());
    QSignalSpy notes(&editing, &EditingController::message);
    EXPECT_FALSE(editing.setValue(Weight210, 0.0));
    ASSERT_EQ(notes.count(), 1);
    EXPECT_NE(notes.back().at(0).toString().indexOf("past step"), -1);
    EXPECT_EQ(doc.undoStack()->count(), 0);
}

TEST_F(LiveEditing, UndoingAnEditOfARunSinceRestartedChangesNothingAndSaysSo) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(2));
    ASSERT_TRUE(editing.setValue(Weight210, 3.0));
    ASSERT_TRUE(waitForEdit("h1 → smell = 3"));
    run.reset();
    ASSERT_TRUE(waitFor([&] { return run.current() && pc().step == 0; }));
    QSignalSpy notes(&run, &SimulationController::message);
    doc.undoStack()->undo();
    ASSERT_TRUE(waitFor([&] { return notes.count() > 0; }));
    EXPECT_NE(notes.back().at(0).toString().indexOf("before the run restarted"), -1);
    EXPECT_EQ(w210(pc()), 1.0);
}

TEST_F(LiveEditing, QuickWheelTurnsAddUpBeforeTheRunHasShownTheFirst) {
    ASSERT_NO_FATAL_FAILURE(runIntoTrial4(2));
    const double start = std::round(w210(pc()) * 100) / 100;
    // Three notches in a row, without the events that bring the edited frames in between.
    editing.wheel(Weight210, 0.05);
    editing.wheel(Weight210, 0.05);
    editing.wheel(Weight210, 0.05);
    EXPECT_EQ(doc.undoStack()->count(), 1);
    const double expected = std::round((start + 0.15) * 100) / 100;
    ASSERT_TRUE(waitFor([&] { return std::abs(w210(pc()) - expected) < 1e-12; }))
        << w210(pc()) << " " << expected;
    EXPECT_EQ(w210(bp()), w210(pc()));
}
