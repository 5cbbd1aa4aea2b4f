// The record dialog says when the window's history lacks micro-steps (thinned, or skipped by
// fast play) and offers to re-simulate them instead.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "ui/media/recorddialog.h"
#include "ui/media/recording.h"
#include "ui/simulation/history.h"

using namespace ui;

namespace {

const engine::Scenario& bear() {
    return *engine::findPreset("bear");
}

/// The bear stepped one micro-step at a time for `steps` steps; a frame kept after every
/// `every`-th step (and the first), into a history of `budget` bytes.
History bearHistory(int steps, int every, std::size_t budget = 128u << 20) {
    const engine::Scenario& s = bear();
    engine::LockstepPair pair(s.network(), s.bp, s.pc, s.trials);
    History h(budget);
    std::int64_t serial = 0;
    auto keep = [&] {
        auto f = std::make_shared<Frame>();
        f->bp = pair.bp().snapshot();
        f->pc = pair.pc().snapshot();
        f->serial = ++serial;
        h.append(f);
    };
    keep();
    for (int k = 1; k <= steps; ++k) {
        pair.stepIteration();
        if (k % every == 0)
            keep();
    }
    return h;
}

}  // namespace

TEST(RecordGaps, AHistoryWithEveryStepNeedsNoWord) {
    const History h = bearHistory(20, 1);
    RecordDialog dialog(bear(), h, h.size() - 1);
    EXPECT_EQ(dialog.gapsNote(), QString());
    EXPECT_EQ(dialog.resimulateButton(), nullptr);
}

TEST(RecordGaps, SkippedStepsAreCountedAndAReSimulationIsOffered) {
    const History h = bearHistory(300, 10);  // 31 frames of 301 states: trials 1 to 3
    RecordDialog dialog(bear(), h, h.size() - 1);
    EXPECT_EQ(dialog.gapsNote(),
              "The history lacks 270 of the 301 micro-steps from step 0 to 300 (it has a state "
              "for 31 of them; fast play records a frame at most about 60 times a second).");
    ASSERT_NE(dialog.resimulateButton(), nullptr);
    dialog.resimulateButton()->click();
    auto* resimulate = dialog.findChildren<QRadioButton*>().at(1);
    EXPECT_TRUE(resimulate->isChecked());
    const int trials = int(h.latest()->pc->trial);
    EXPECT_EQ(trials, 3);
    bool found = false;
    for (QSpinBox* box : dialog.findChildren<QSpinBox*>())
        found = found || (box->isEnabled() && box->value() == trials && box->maximum() == 100000);
    EXPECT_TRUE(found) << "the trials of the re-simulation are not set to the run's";
}

TEST(RecordGaps, ThinnedHistoriesSaySo) {
    const History full = bearHistory(10, 1);
    const History h = bearHistory(400, 1, full.frameBytes() * 4);  // room for about 44 frames
    ASSERT_GT(h.frameThinnings(), 0);
    RecordDialog dialog(bear(), h, h.size() - 1);
    EXPECT_NE(dialog.gapsNote().indexOf("older steps were thinned"), -1)
        << dialog.gapsNote().toStdString();
    EXPECT_NE(dialog.resimulateButton(), nullptr);
}

TEST(RecordGaps, TheReSimulationOfferedStaysWithinTheFrameLimit) {
    // 1600 bear trials of 129 micro-steps: one frame per iteration would be 206,401 frames.
    const History h = bearHistory(1600 * 129, 129 * 100);
    ASSERT_EQ(h.latest()->pc->trial, 1600);
    RecordDialog dialog(bear(), h, h.size() - 1);
    ASSERT_NE(dialog.resimulateButton(), nullptr);
    EXPECT_NE(dialog.resimulateButton()->text().indexOf("the first 1550 trials"), -1);
    dialog.resimulateButton()->click();
    bool found = false;
    for (QSpinBox* box : dialog.findChildren<QSpinBox*>())
        found = found || (box->isEnabled() && box->value() == 1550 && box->maximum() == 100000);
    EXPECT_TRUE(found);
    EXPECT_LE(1 + 1550 * 129, int(MaxRecordedFrames));
}
