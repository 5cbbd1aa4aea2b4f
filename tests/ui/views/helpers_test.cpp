// Widget-free helpers: colours, layout, history, captions.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFontInfo>

#include "engine/core/lockstep.h"
#include "engine/experiments/experiments.h"
#include "ui/simulation/history.h"
#include "ui/views/captions.h"
#include "ui/views/networklayout.h"
#include "ui/views/palette.h"
#include "ui/views/synapseplan.h"

using namespace ui;

TEST(Fonts, AreInstalled) {
    ASSERT_FALSE(QFontInfo(QApplication::font()).family().isEmpty())
        << "no fonts: apt-get install fonts-dejavu-core";
}

TEST(Palette, DivergingIsGreyAtZeroAndSymmetricInLightness) {
    const QColor zero = palette::diverging(0.0, 1.0);
    EXPECT_EQ(zero.red(), zero.green());
    EXPECT_EQ(zero.green(), zero.blue());
    EXPECT_GT(zero.lightness(), 200);
    const QColor pos = palette::diverging(1.0, 1.0), neg = palette::diverging(-1.0, 1.0);
    EXPECT_GT(pos.red(), pos.blue());
    EXPECT_GT(neg.blue(), neg.red());
    EXPECT_NEAR(pos.lightness(), neg.lightness(), 25);
    // Beyond the range the colour saturates: the range is fixed, values do not rescale it.
    EXPECT_EQ(palette::diverging(5.0, 1.0), pos);
    // Lightness falls monotonically away from zero.
    EXPECT_GT(palette::diverging(0.25, 1.0).lightness(), palette::diverging(0.75, 1.0).lightness());
    EXPECT_EQ(palette::diverging(NAN, 1.0), QColor(255, 0, 255));
}

TEST(Palette, WidthsRangesAndText) {
    EXPECT_DOUBLE_EQ(palette::synapseWidth(0.0, 2.0, 1.0, 5.0), 1.0);
    EXPECT_DOUBLE_EQ(palette::synapseWidth(-2.0, 2.0, 1.0, 5.0), 5.0);
    EXPECT_DOUBLE_EQ(palette::synapseWidth(1.0, 2.0, 1.0, 5.0), 3.0);
    EXPECT_EQ(palette::niceRange(0.73), 0.8);
    EXPECT_EQ(palette::niceRange(1.3), 1.5);
    EXPECT_EQ(palette::niceRange(1.0), 1.0);
    EXPECT_EQ(palette::niceRange(3.0), 3.0);
    EXPECT_EQ(palette::niceRange(2.4), 2.5);
    EXPECT_EQ(palette::niceRange(42.0), 50.0);
    EXPECT_EQ(palette::niceRange(0.0), 1.0);
    EXPECT_EQ(palette::textOn(QColor(250, 250, 250)), QColor(20, 20, 20));
    EXPECT_EQ(palette::textOn(QColor(10, 10, 60)), QColor(250, 250, 250));
}

TEST(Palette, ColourRangesCoverTheFeedForwardValuesTargetsAndWeights) {
    // 1 -> 1 identity net with weight 3: input 2 gives 6 at the output.
    const engine::NetworkSpec spec = engine::NetworkSpec::layered(
        {1, 1}, engine::Activation::Identity, engine::Initialiser::constant(3.0));
    const engine::Network net(spec, 0);
    engine::Vector in(1), target(1);
    in << 2.0;
    target << 7.0;
    engine::Trial t = engine::Trial::single(in, target);
    // Activity: max(|2|, |6|, target 7) = 7, rounded to 8; weight 3 stays 3.
    EXPECT_EQ(palette::colourRanges(net, {t}).activity, 8.0);
    EXPECT_EQ(palette::colourRanges(net, {t}).weight, 3.0);
    t.target(0, 0) = NAN;  // a missing target does not count
    EXPECT_EQ(palette::colourRanges(net, {t}).activity, 6.0);
}

TEST(NetworkLayout, PlacesLayersLeftToRightAndHitTests) {
    NetworkLayout layout;
    layout.setGeometry({1, 1, 2}, QRectF(0, 0, 300, 200));
    EXPECT_LT(layout.centre(0, 0).x(), layout.centre(1, 0).x());
    EXPECT_LT(layout.centre(1, 0).x(), layout.centre(2, 0).x());
    EXPECT_DOUBLE_EQ(layout.centre(0, 0).y(), 100.0);  // a single neuron is centred
    EXPECT_LT(layout.centre(2, 0).y(), layout.centre(2, 1).y());
    const QPointF c = layout.centre(2, 1);
    ASSERT_TRUE(layout.neuronAt(c).has_value());
    EXPECT_EQ(*layout.neuronAt(c), (NeuronId{2, 1}));
    // The midpoint of the synapse from (1,0) to (2,1) hits that synapse.
    const QPointF mid = (layout.centre(1, 0) + layout.centre(2, 1)) / 2;
    ASSERT_TRUE(layout.synapseAt(mid, 4.0).has_value());
    EXPECT_EQ(*layout.synapseAt(mid, 4.0), (SynapseId{2, 1, 0}));
    EXPECT_FALSE(layout.synapseAt(QPointF(5, 5), 4.0).has_value());
    EXPECT_TRUE(layout.contains({NeuronId{2, 1}, std::nullopt}));
    EXPECT_FALSE(layout.contains({NeuronId{2, 2}, std::nullopt}));
    EXPECT_FALSE(layout.contains({NeuronId{3, 0}, std::nullopt}));
    EXPECT_TRUE(layout.contains({std::nullopt, SynapseId{2, 1, 0}}));
    EXPECT_FALSE(layout.contains({std::nullopt, SynapseId{2, 0, 1}}));  // layer 1 has one neuron
    EXPECT_FALSE(layout.contains({std::nullopt, SynapseId{0, 0, 0}}));
    EXPECT_FALSE(layout.contains({}));
    EXPECT_NEAR(distanceToSegment(QPointF(1, 1), QPointF(0, 0), QPointF(2, 0)), 1.0, 1e-12);
    EXPECT_NEAR(distanceToSegment(QPointF(3, 0), QPointF(0, 0), QPointF(2, 0)), 1.0, 1e-12);
}

TEST(SynapsePlan, DrawsPresentSynapsesAndTheSelectionsLast) {
    engine::NetworkSpec spec = engine::NetworkSpec::layered({2, 2}, engine::Activation::Identity,
                                                            engine::Initialiser::constant(1.0));
    engine::Matrix mask = engine::Matrix::Ones(2, 2);
    mask(0, 1) = 0.0;  // no synapse from input 1 to output 0
    spec.weight(1).mask = mask;
    spec.weight(1).trainable = false;
    const engine::Network net(spec, 0);
    const std::vector<engine::Matrix> weights{engine::Matrix(), net.weight(1)};
    NetworkLayout layout;
    layout.setGeometry({2, 2}, QRectF(0, 0, 300, 200));
    const SynapsePlan all = planSynapses(spec, weights, layout, {}, 1.0);
    EXPECT_EQ(all.total, 3);
    EXPECT_EQ(all.drawn, 3);
    EXPECT_FALSE(all.dense);
    EXPECT_EQ(all.lines.size(), 3u);
    EXPECT_EQ(all.fixedMarks.size(), 3u);  // W1 does not learn
    // Input 0 selected: its two synapses are highlighted (and get no bar), the third is not.
    const SynapsePlan selected =
        planSynapses(spec, weights, layout, {NeuronId{0, 0}, std::nullopt}, 1.0);
    ASSERT_EQ(selected.highlighted.size(), 2u);
    EXPECT_EQ(selected.lines.size(), 1u);
    EXPECT_EQ(selected.fixedMarks.size(), 1u);
    EXPECT_EQ(selected.lines[0].line, QLineF(layout.centre(0, 1), layout.centre(1, 1)));
}

namespace {

FramePtr makeFrame(engine::LockstepPair& pair, std::int64_t serial) {
    auto f = std::make_shared<Frame>();
    f->bp = pair.bp().snapshot();
    f->pc = pair.pc().snapshot();
    f->serial = serial;
    TrialRecord r;
    r.trial = pair.pc().trialsCompleted();
    f->newTrials.push_back(r);
    return f;
}

}  // namespace

TEST(History, StaysWithinItsBudgetAndKeepsTheRecentPastDense) {
    engine::LockstepPair pair(engine::Network(engine::experiments::bearSpec(), 0),
                              engine::BpConfig{0.2}, engine::PcConfig{0.2, 8, 0.1, 0.5},
                              {engine::experiments::bearTrial()});
    const std::size_t frameSize = makeFrame(pair, 0)->bytes();
    History h(frameSize * 100, 50);
    for (int k = 1; k <= 1000; ++k) {
        pair.stepTrial();
        h.append(makeFrame(pair, k));
        ASSERT_LE(h.frameBytes(), frameSize * 100 + frameSize);
        ASSERT_LE(h.trials().size(), 50u);
    }
    EXPECT_GT(h.frameThinnings(), 0);
    EXPECT_EQ(h.latest()->serial, 1000);
    EXPECT_EQ(h.at(0)->serial, 1);               // the first frame (initial state) is always kept
    EXPECT_EQ(h.at(h.size() - 2)->serial, 999);  // the recent past is complete
    EXPECT_EQ(h.trials().back().trial, 1000);
}

TEST(History, TruncateDropsLaterFramesAndTrials) {
    engine::LockstepPair pair(engine::Network(engine::experiments::bearSpec(), 0),
                              engine::BpConfig{0.2}, engine::PcConfig{0.2, 8, 0.1, 0.5},
                              {engine::experiments::bearTrial()});
    History h;
    for (int k = 1; k <= 10; ++k) {
        pair.stepTrial();
        h.append(makeFrame(pair, k));
    }
    h.truncateAfter(3);
    EXPECT_EQ(h.size(), 4u);
    EXPECT_EQ(h.trials().back().trial, 4);
}

TEST(History, TruncateInsideATrialKeepsOnlyFinishedTrials) {
    engine::LockstepPair pair(engine::Network(engine::experiments::bearSpec(), 0),
                              engine::BpConfig{0.2}, engine::PcConfig{0.2, 8, 0.1, 0.5},
                              {engine::experiments::bearTrial()});
    History h;
    std::int64_t serial = 0;
    for (int k = 0; k < 30; ++k) {  // 3 trials of 9 PC micro-steps, and a bit
        const std::int64_t before = pair.pc().trialsCompleted();
        pair.stepIteration();
        auto f = std::make_shared<Frame>();
        f->bp = pair.bp().snapshot();
        f->pc = pair.pc().snapshot();
        f->serial = ++serial;
        if (pair.pc().trialsCompleted() > before) {
            TrialRecord r;
            r.trial = pair.pc().trialsCompleted();
            f->newTrials.push_back(r);
        }
        h.append(f);
    }
    ASSERT_EQ(h.trials().size(), 3u);
    // Frame 12: PC is inside trial 2 (BP already finished it): only trial 1 is complete for both.
    h.truncateAfter(11);
    EXPECT_EQ(h.size(), 12u);
    EXPECT_FALSE(h.latest()->pc->trialComplete);
    EXPECT_EQ(h.latest()->pc->trial, 2);
    ASSERT_EQ(h.trials().size(), 1u);
    EXPECT_EQ(h.trials().back().trial, 1);
    EXPECT_EQ(h.indexAtOrBefore(7), 6u);
    EXPECT_EQ(h.indexAtOrBefore(100), 11u);
}

TEST(Captions, SayWhatEachPhaseComputes) {
    engine::Simulation pc(engine::Network(engine::experiments::bearSpec(), 0),
                          engine::PcConfig{0.2, 128, 0.1, 0.5});
    pc.setTrials({engine::experiments::bearTrial()});
    // Before the first step: the first trial's feed-forward pass (loss 1/2 ||(0, 1) - (1, 1)||^2).
    EXPECT_NE(
        phaseCaption(*pc.snapshot()).indexOf("PC: before trial 1 - feed-forward pass, loss 0.5"),
        -1)
        << phaseCaption(*pc.snapshot()).toStdString();
    pc.stepIteration();
    for (int k = 0; k < 17; ++k)
        pc.stepIteration();
    EXPECT_NE(phaseCaption(*pc.snapshot()).indexOf("PC: relaxing, iteration 17/128"), -1)
        << phaseCaption(*pc.snapshot()).toStdString();
    engine::Simulation bp(engine::Network(engine::experiments::bearSpec(), 0),
                          engine::BpConfig{0.2});
    bp.setTrials({engine::experiments::bearTrial()});
    bp.stepIteration();
    bp.stepIteration();
    EXPECT_NE(phaseCaption(*bp.snapshot()).indexOf("BP: backward pass"), -1);
    Frame f;
    f.bp = bp.snapshot();
    f.pc = pc.snapshot();
    const QString status = statusText(f);
    EXPECT_NE(status.indexOf("BP trial 1 · backward"), -1) << status.toStdString();
    EXPECT_NE(status.indexOf("PC trial 1 · relax 17/128 · F"), -1) << status.toStdString();
    EXPECT_NE(status.indexOf("loss"), -1);
}
