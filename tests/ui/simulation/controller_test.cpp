// The controller and its simulation thread, driven as the window drives them.
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTimer>
#include <functional>
#include <new>
#include <stdexcept>
#include <vector>

#include "engine/core/lockstep.h"
#include "engine/core/random.h"
#include "engine/experiments/experiments.h"
#include "engine/scenario/presets.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/simulation/simulationworker.h"
#include "waitfor.h"

using namespace ui;

namespace {

const engine::Scenario& bear() {
    return *engine::findPreset("bear");
}

struct Loaded {
    SimulationController controller;
    /// Loads the bear and waits for its first frame (a fatal failure if none comes, so that
    /// pc() and bp() always have a frame to read).
    void load() {
        controller.loadScenario(bear());
        ASSERT_TRUE(waitFor([&] { return controller.current() != nullptr; }));
    }
    const engine::Snapshot& pc() const { return *controller.current()->pc; }
    const engine::Snapshot& bp() const { return *controller.current()->bp; }
};

/// A controller with the bear loaded and its first frame on show.
class BearController : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_NO_FATAL_FAILURE(l.load()); }
    Loaded l;
};

}  // namespace

TEST_F(BearController, PublishesTheInitialStateOfBothRules) {
    EXPECT_EQ(l.pc().phase, engine::Phase::Idle);
    EXPECT_EQ(l.bp().rule, engine::Rule::BP);
    EXPECT_EQ(l.pc().rule, engine::Rule::PC);
    EXPECT_EQ(l.pc().weights[2], l.bp().weights[2]);
}

TEST_F(BearController, SteppingAtEachGranularityAdvancesTheRightCounters) {
    l.controller.step(Granularity::Iteration);
    ASSERT_TRUE(waitFor([&] { return l.pc().phase == engine::Phase::Initialise; }));
    EXPECT_EQ(l.bp().phase, engine::Phase::Forward);
    l.controller.step(Granularity::Iteration);
    ASSERT_TRUE(waitFor([&] { return l.pc().iteration == 1; }));
    EXPECT_EQ(l.bp().phase, engine::Phase::Backward);
    l.controller.step(Granularity::Phase);  // PC: rest of the relaxation; BP: update
    ASSERT_TRUE(waitFor([&] { return l.pc().iteration == 127; }));
    EXPECT_EQ(l.pc().phase, engine::Phase::Relax);
    EXPECT_EQ(l.bp().phase, engine::Phase::Update);
    EXPECT_EQ(l.pc().weights[1](0, 0), 1.0);         // PC has not changed a weight yet ...
    EXPECT_DOUBLE_EQ(l.bp().weights[1](0, 0), 0.8);  // ... while BP already has
    l.controller.step(Granularity::Phase);
    ASSERT_TRUE(waitFor([&] { return l.pc().trialComplete && l.pc().trial == 1; }));
    EXPECT_NEAR(l.pc().weights[1](0, 0), 1.0 - 0.2 / 3.0, 1e-7);
    l.controller.step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] { return l.pc().trial == 2 && l.pc().trialComplete; }));
    l.controller.step(Granularity::Trial, 5);
    ASSERT_TRUE(waitFor([&] { return l.pc().trial == 7 && l.pc().trialComplete; }));
    EXPECT_EQ(l.bp().trial, 7);
    EXPECT_EQ(l.controller.history().trials().back().trial, 7);
}

TEST_F(BearController, SeveralTrialsFromTheMiddleOfATrialCountTheCurrentOneAsTheFirst) {
    // Three trial steps from the middle of trial 1 end where three single trial steps end:
    // the first finishes trial 1, the next two run trials 2 and 3.
    l.controller.step(Granularity::Iteration);
    ASSERT_TRUE(waitFor([&] { return l.pc().phase == engine::Phase::Initialise; }));
    ASSERT_FALSE(l.pc().trialComplete);
    l.controller.step(Granularity::Trial, 3);
    ASSERT_TRUE(waitFor([&] { return l.controller.running(); }));
    ASSERT_TRUE(waitFor([&] { return !l.controller.running(); }));
    EXPECT_EQ(l.pc().trial, 3);
    EXPECT_TRUE(l.pc().trialComplete);
    EXPECT_EQ(l.bp().trial, 3);
}

TEST_F(BearController, ResetRestoresTheInitialWeightsExactly) {
    const engine::Matrix w1 = l.pc().weights[1], w2 = l.pc().weights[2];
    l.controller.step(Granularity::Trial, 4);
    ASSERT_TRUE(waitFor([&] { return l.pc().trial == 4 && l.pc().trialComplete; }));
    ASSERT_NE(l.pc().weights[2], w2);
    l.controller.reset();
    ASSERT_TRUE(waitFor([&] { return l.controller.current() && l.pc().trial == 0; }));
    EXPECT_EQ(l.pc().weights[1], w1);
    EXPECT_EQ(l.pc().weights[2], w2);
    EXPECT_EQ(l.bp().weights[2], w2);
    EXPECT_EQ(l.controller.history().size(), 1u);
}

TEST(Controller, ANewSeedDrawsNewWeightsAndShowsTheSeed) {
    SimulationController c;
    engine::Scenario s = *engine::findPreset("deep-linear");
    c.loadScenario(s);
    ASSERT_TRUE(waitFor([&] { return c.current() != nullptr; }));
    const engine::Matrix before = c.current()->pc->weights[1];
    const auto seed = c.seed();
    s.seed += 1;
    c.loadScenario(s);
    ASSERT_TRUE(waitFor([&] { return c.current() && c.current()->pc->weights[1] != before; }));
    EXPECT_EQ(c.seed(), seed + 1);
}

TEST_F(BearController, TimelineShowsThePastAndBranchingReproducesTheEngine) {
    for (int k = 0; k < 3; ++k)  // one frame per trial (a Step of 3 trials would run them at once)
        l.controller.step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] { return l.pc().trial == 3 && l.pc().trialComplete; }));
    for (int k = 0; k < 40; ++k)
        l.controller.step(Granularity::Iteration);
    ASSERT_TRUE(waitFor([&] { return l.pc().trial == 4 && l.pc().iteration == 39; }));
    // Show the frame at the end of trial 1, far behind where the run is.
    std::size_t index = 0;
    for (std::size_t i = 0; i < l.controller.history().size(); ++i) {
        const auto& f = l.controller.history().at(i);
        if (f->pc->trial == 1 && f->pc->trialComplete && index == 0)
            index = i;
    }
    ASSERT_GT(index, 0u);
    QSignalSpy shown(&l.controller, &SimulationController::frameShown);
    l.controller.showFrame(index);
    EXPECT_EQ(shown.count(), 1);
    EXPECT_FALSE(l.controller.live());
    EXPECT_EQ(l.pc().trial, 1);
    EXPECT_TRUE(l.pc().trialComplete);
    // Branch from trial 1 and run one more trial: the result must be trial 2 of a fresh run
    // (without the branch the worker would finish trial 4 instead).
    l.controller.resumeFromHere();
    l.controller.step(Granularity::Trial);
    ASSERT_TRUE(
        waitFor([&] { return l.controller.live() && l.pc().trialComplete && l.pc().trial >= 2; }));
    EXPECT_EQ(l.pc().trial, 2);
    const engine::Scenario& p = bear();
    engine::LockstepPair pair(p.network(), p.bp, p.pc, p.trials);
    pair.stepTrials(2);
    for (std::size_t k = 1; k <= 2; ++k) {
        EXPECT_EQ(l.pc().weights[k], pair.pc().network().weight(engine::Index(k)));
        EXPECT_EQ(l.bp().weights[k], pair.bp().network().weight(engine::Index(k)));
    }
    // The per-trial records were cut at the branch point and continue from there.
    const auto& trials = l.controller.history().trials();
    ASSERT_EQ(trials.size(), 2u);
    EXPECT_EQ(trials[0].trial, 1);
    EXPECT_EQ(trials[1].trial, 2);
}

TEST(Controller, GuiThreadStaysResponsiveAtMaximumSpeed) {
    SimulationController c;
    engine::NetworkSpec spec =
        engine::NetworkSpec::layered({32, 32, 32, 32, 32, 32, 32}, engine::Activation::Tanh,
                                     engine::Initialiser::xavierUniform());
    engine::Network net(spec, 3);
    engine::Trial t;
    engine::Random rng(4);
    t.input = rng.normalMatrix(32, 1);
    t.target = rng.normalMatrix(32, 1);
    c.load(RunSetup{net,
                    {t},
                    engine::BpConfig{0.001},
                    engine::PcConfig{0.001, 128, 0.1, 0.5},
                    engine::TrialOrder::Cycle,
                    0,
                    nullptr},
           "deep");
    ASSERT_TRUE(waitFor([&] { return c.current() != nullptr; }));
    c.setSpeed(4);
    c.play();
    // Progress and order, not time: while the worker runs flat out, the GUI thread keeps
    // serving its own timer between the frames it shows, and the frames come in step order.
    int ticks = 0, ticksAtFifthFrame = -1;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
    timer.start(20);
    std::vector<std::int64_t> steps;
    QObject::connect(&c, &SimulationController::frameShown, [&](const FramePtr& frame) {
        steps.push_back(frame->pc->step);
        if (steps.size() == 5)
            ticksAtFifthFrame = ticks;
    });
    // The limit only ends a hang; the test does not depend on how long this takes.
    ASSERT_TRUE(
        waitFor([&] { return steps.size() >= 20 && ticks > ticksAtFifthFrame + 3; }, 120000));
    c.pause();
    ASSERT_TRUE(waitFor([&] { return !c.running(); }, 120000));
    EXPECT_GE(ticksAtFifthFrame, 0);
    for (std::size_t k = 1; k < steps.size(); ++k)
        EXPECT_LE(steps[k - 1], steps[k]) << k;
    EXPECT_GT(steps.back(), steps.front());  // the engine made progress meanwhile
    EXPECT_GT(c.current()->pc->step, 10);
}

TEST(Controller, DivergencePausesWithAMessageAndResetRecovers) {
    SimulationController c;
    c.load(RunSetup{engine::Network(engine::experiments::bearSpec(), 0),
                    {engine::experiments::bearTrial()},
                    engine::BpConfig{1e6},
                    engine::PcConfig{0.2, 16, 0.1, 0.5},
                    engine::TrialOrder::Cycle,
                    0,
                    nullptr},
           "explodes");
    ASSERT_TRUE(waitFor([&] { return c.current() != nullptr; }));
    QSignalSpy messages(&c, &SimulationController::message);
    c.setSpeed(4);
    c.play();
    ASSERT_TRUE(waitFor([&] { return messages.count() > 0; }));
    EXPECT_TRUE(messages.at(0).at(1).toBool());
    EXPECT_NE(messages.at(0).at(0).toString().indexOf("no longer finite"), -1);
    ASSERT_TRUE(waitFor(
        [&] { return !c.running() && c.current()->bp->status == engine::Status::Diverged; }));
    c.reset();
    ASSERT_TRUE(
        waitFor([&] { return c.current() && c.current()->bp->status == engine::Status::Ok; }));
    EXPECT_EQ(c.current()->bp->trial, 0);
}

TEST_F(BearController, RunUntilStopsAtTheGoal) {
    l.controller.setSpeed(4);
    QSignalSpy messages(&l.controller, &SimulationController::message);
    l.controller.runUntil(12, 0.0);
    ASSERT_TRUE(waitFor([&] { return messages.count() > 0 && !l.controller.running(); }));
    EXPECT_EQ(l.pc().trial, 12);
    EXPECT_TRUE(l.pc().trialComplete);
    EXPECT_FALSE(messages.at(0).at(1).toBool());
}

TEST_F(BearController, PlayFromPausedSpeedPicksTheDefaultSpeed) {
    QSignalSpy speeds(&l.controller, &SimulationController::speedChanged);
    l.controller.setSpeed(0);
    l.controller.play();
    EXPECT_EQ(l.controller.speed(), DefaultSpeedLevel);
    ASSERT_GE(speeds.count(), 2);
    EXPECT_EQ(speeds.last().at(0).toInt(), DefaultSpeedLevel);
    ASSERT_TRUE(waitFor([&] { return l.controller.running() && l.pc().step > 0; }));
    l.controller.pause();
    ASSERT_TRUE(waitFor([&] { return !l.controller.running(); }));
}

// A Step of `count` iterations or phases goes as far as `count` single steps of the engine.
TEST(Controller, AStepOfSeveralIterationsOrPhasesGoesThatFar) {
    const engine::Scenario& p = bear();
    for (const Granularity g : {Granularity::Iteration, Granularity::Phase}) {
        for (const int count : {3, 140}) {
            SCOPED_TRACE(testing::Message() << "granularity " << int(g) << ", count " << count);
            Loaded l;
            ASSERT_NO_FATAL_FAILURE(l.load());
            engine::LockstepPair pair(p.network(), p.bp, p.pc, p.trials);
            for (int k = 0; k < count; ++k)
                ASSERT_TRUE(g == Granularity::Iteration ? pair.stepIteration() : pair.stepPhase());
            const std::int64_t steps = pair.pc().stepCount();
            l.controller.step(g, count);
            ASSERT_TRUE(waitFor([&] { return !l.controller.running() && l.pc().step == steps; }))
                << "PC is at micro-step " << l.pc().step << ", the engine at " << steps;
            const engine::Snapshot want = *pair.pc().snapshot(), wantBp = *pair.bp().snapshot();
            EXPECT_EQ(l.pc().trial, want.trial);
            EXPECT_EQ(l.pc().iteration, want.iteration);
            EXPECT_EQ(l.pc().phase, want.phase);
            EXPECT_EQ(l.bp().step, wantBp.step);
            EXPECT_EQ(l.bp().phase, wantBp.phase);
            for (std::size_t k = 1; k <= 2; ++k) {
                EXPECT_EQ(l.pc().weights[k], want.weights[k]);
                EXPECT_EQ(l.bp().weights[k], wantBp.weights[k]);
            }
            // The trials finished on the way are recorded, as with single steps.
            EXPECT_EQ(std::int64_t(l.controller.history().trials().size()),
                      pair.pc().trialsCompleted());
        }
    }
}

// Every slot of the worker runs through guarded(): an exception of any kind on the worker's
// thread (a std::exception that is not bad_alloc, or not a std::exception at all) once ended the
// program; now it stops the run and becomes a message.
TEST(Worker, AnExceptionOfAnyKindInASlotBecomesAMessage) {
    SimulationWorker worker;
    QSignalSpy failed(&worker, &SimulationWorker::failed);
    bool ran = false;
    worker.guarded("testing", [&] { ran = true; });
    EXPECT_TRUE(ran);
    EXPECT_EQ(failed.count(), 0);
    worker.guarded("testing", [] { throw 42; });
    worker.guarded("testing", [] { throw std::runtime_error("boom"); });
    worker.guarded("testing", [] { throw std::bad_alloc(); });
    ASSERT_EQ(failed.count(), 3);
    EXPECT_EQ(failed.at(0).at(0).toString(), "Something went wrong while testing.");
    EXPECT_EQ(failed.at(1).at(0).toString(), "Something went wrong while testing: boom.");
    EXPECT_EQ(failed.at(2).at(0).toString(), "Out of memory while testing.");
}
