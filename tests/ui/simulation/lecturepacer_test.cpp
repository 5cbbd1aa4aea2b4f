// The lecture speed's pacing, step by step, without a clock: what each micro-step is shown for.
#include <gtest/gtest.h>

#include <vector>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "ui/simulation/lecturepacer.h"

using namespace ui;
using engine::Phase;

namespace {

/// One synthetic PC trial: initialise, relaxation iterations moving by `changes`, the update.
double trialSeconds(LecturePacer& pacer, const std::vector<double>& changes,
                    std::vector<double>* dwells = nullptr) {
    double total = pacer.dwell(Phase::Initialise, 0.0);
    for (double c : changes) {
        const double d = pacer.dwell(Phase::Relax, c);
        if (dwells)
            dwells->push_back(d);
        total += d;
    }
    return total + pacer.dwell(Phase::Update, 0.0);
}

std::vector<double> settling(int moving, int still) {
    std::vector<double> c;
    double x = 1.0;
    for (int i = 0; i < moving; ++i, x *= 0.7)
        c.push_back(x);
    c.insert(c.end(), static_cast<size_t>(still), 0.0);
    return c;
}

}  // namespace

TEST(LecturePacer, ShowsMovingIterationsLongerThanSettledOnesAndHoldsTheUpdate) {
    LecturePacer pacer;
    const LecturePacing& p = pacer.pacing();
    std::vector<double> dwells;
    trialSeconds(pacer, settling(20, 108), &dwells);
    for (size_t i = 1; i < 20; ++i)
        EXPECT_LE(dwells[i], dwells[i - 1]) << "iteration " << i;
    EXPECT_GT(dwells[0], 10 * p.settled);
    for (size_t i = 20; i < dwells.size(); ++i)
        EXPECT_EQ(dwells[i], p.settled) << "a still iteration is held, " << i;
    EXPECT_EQ(pacer.dwell(Phase::Initialise, 0.0), p.initialise);
    EXPECT_EQ(pacer.dwell(Phase::Update, 0.0), p.update);
}

TEST(LecturePacer, ATrialLikeThePreviousOneTakesAboutTheTrialTime) {
    LecturePacer pacer;
    const auto changes = settling(20, 108);
    trialSeconds(pacer, changes);  // learns how much a trial moves
    const double second = trialSeconds(pacer, changes);
    // Only the 2% tail of the settling and the settled iterations' millisecond each are extra.
    EXPECT_NEAR(second, pacer.pacing().trial, 0.2);
}

TEST(LecturePacer, TheBearTrialsTakeAboutTwoSecondsEach) {
    const engine::Scenario* bear = engine::findPreset("bear");
    ASSERT_NE(bear, nullptr);
    engine::LockstepPair pair(bear->network(), bear->bp, bear->pc, bear->trials);
    ASSERT_TRUE(pair.problems().empty());
    LecturePacer pacer;
    std::vector<double> seconds;
    std::vector<int> slow;  // iterations shown longer than 16 ms, per trial
    double trial = 0.0;
    int held = 0;
    while (seconds.size() < 8) {
        const auto before = valueNodes(pair.pc());
        ASSERT_TRUE(pair.stepIteration());
        const double d = pacer.dwell(pair.pc().phase(), movedSince(before, pair.pc()));
        trial += d;
        held += d > 0.016 ? 1 : 0;
        if (pair.betweenTrials()) {
            seconds.push_back(trial);
            slow.push_back(held);
            trial = 0.0;
            held = 0;
        }
    }
    for (size_t k = 1; k < seconds.size(); ++k) {
        EXPECT_GT(seconds[k], 1.5) << "trial " << k + 1;
        EXPECT_LT(seconds[k], 2.5) << "trial " << k + 1;
        // The relaxation is seen (several slow iterations) and the 128 are not all held.
        EXPECT_GE(slow[k], 4) << "trial " << k + 1;
        EXPECT_LT(slow[k], 64) << "trial " << k + 1;
    }
}

TEST(LecturePacer, RestartForgetsThePreviousTrials) {
    LecturePacer a, b;
    trialSeconds(a, settling(20, 10));
    a.restart();
    std::vector<double> da, db;
    trialSeconds(a, settling(5, 0), &da);
    trialSeconds(b, settling(5, 0), &db);
    EXPECT_EQ(da, db);
}
