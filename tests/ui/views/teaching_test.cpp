// What the window teaches with: the state before the run, the flash of plasticity, and one
// encoding (rule colours, neuron names) across the views.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QApplication>
#include <QTableWidget>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "ui/editing/scenariodocument.h"
#include "ui/editing/weightspage.h"
#include "ui/simulation/simulationworker.h"
#include "ui/views/captions.h"
#include "ui/views/energymachineview.h"
#include "ui/views/inspector.h"
#include "ui/views/look.h"
#include "ui/views/networkview.h"
#include "ui/views/palette.h"
#include "ui/views/plasticityflash.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"

using namespace ui;

namespace {

const engine::Scenario& bear() {
    const engine::Scenario* s = engine::findPreset("bear");
    EXPECT_NE(s, nullptr);
    return *s;
}

engine::LockstepPair bearPair() {
    const engine::Scenario& s = bear();
    return engine::LockstepPair(s.network(), s.bp, s.pc, s.trials);
}

FramePtr frameOf(const engine::LockstepPair& pair) {
    auto f = std::make_shared<Frame>();
    f->bp = pair.bp().snapshot();
    f->pc = pair.pc().snapshot();
    return f;
}

/// Both panes of the bear, sized and showing `frame`; the PC pane shows the energy machine.
struct Panes {
    RulePane bp{engine::Rule::BP};
    RulePane pc{engine::Rule::PC};
    explicit Panes(const FramePtr& frame) {
        const engine::Scenario& s = bear();
        const palette::ColourRanges ranges = palette::colourRanges(s.network(), s.trials);
        for (RulePane* pane : {&bp, &pc}) {
            pane->resize(600, 420);
            pane->setNetwork(s.spec, ranges, qtNames(s.inputNames), qtNames(s.outputNames));
            pane->show();
            pane->setFrame(frame);
        }
        pc.machineView()->resize(560, 360);
    }
};

double hueDistance(const QColor& a, const QColor& b) {
    const double d = std::abs(a.hslHueF() - b.hslHueF()) * 360.0;
    return std::min(d, 360.0 - d);
}

}  // namespace

TEST(StepZero, BothPanesShowTheFirstTrialsFeedForwardPassWithItsTargets) {
    const engine::LockstepPair pair = bearPair();
    const FramePtr frame = frameOf(pair);
    // From the engine: the feed-forward pass of the bear's first trial, river = 1, w = v = 1.
    const std::vector<engine::Matrix> x = bear().network().forward(bear().trials[0].input);
    for (engine::Rule rule : {engine::Rule::BP, engine::Rule::PC}) {
        const engine::Snapshot& s = frame->of(rule);
        EXPECT_EQ(s.phase, engine::Phase::Idle);
        ASSERT_EQ(s.layers[2].x.rows(), 2);
        EXPECT_DOUBLE_EQ(s.layers[1].x(0, 0), x[1](0, 0));
        EXPECT_DOUBLE_EQ(s.layers[2].x(1, 0), x[2](1, 0));
        EXPECT_DOUBLE_EQ(s.target(0, 0), 0.0);
        EXPECT_DOUBLE_EQ(s.target(1, 0), 1.0);
        EXPECT_TRUE(phaseCaption(s).contains("trial 1")) << phaseCaption(s).toStdString();
    }
    Panes panes(frame);
    EXPECT_EQ(panes.bp.networkView()->names().neuron(2, 1), "smell");
    // The machine has its posts at step 0, the output not yet pinned (the bead at mu).
    const auto posts = panes.pc.machineView()->posts();
    ASSERT_EQ(posts.size(), 4u);
    EXPECT_FALSE(posts[3].pinned);
    EXPECT_DOUBLE_EQ(posts[3].bead, x[2](1, 0));
    EXPECT_DOUBLE_EQ(posts[3].target, 1.0);  // the smell's target, marked on its post
}

TEST(Plasticity, AnUpdateFlashesEveryChangedSynapseWithItsChangeInBothPanes) {
    engine::LockstepPair pair = bearPair();
    pair.stepTrial();  // ends with both rules' update
    const FramePtr frame = frameOf(pair);
    Panes panes(frame);
    panes.pc.setMachineShown(false);
    for (RulePane* pane : {&panes.bp, &panes.pc}) {
        const engine::Snapshot& s = frame->of(pane->rule());
        ASSERT_EQ(s.phase, engine::Phase::Update);
        const std::vector<SynapseChange> changes = pane->networkView()->synapseChanges();
        ASSERT_FALSE(changes.empty());
        for (const SynapseChange& c : changes) {
            const double dw = s.weightChange[size_t(c.id.layer)](c.id.post, c.id.pre);
            EXPECT_EQ(c.delta, dw);
            EXPECT_NE(dw, 0.0);
        }
        // Every synapse the update changed flashes: count them in the engine's dW.
        int changed = 0;
        for (int l = 1; l <= 2; ++l)
            changed += int((s.weightChange[size_t(l)].array() != 0.0).count());
        EXPECT_EQ(int(changes.size()), changed);
    }
    // The energy machine flashes the same changes on its rods.
    const std::vector<SynapseChange> rods = panes.pc.machineView()->rodChanges();
    const std::vector<SynapseChange> net = panes.pc.networkView()->synapseChanges();
    ASSERT_EQ(rods.size(), net.size());
    for (size_t k = 0; k < rods.size(); ++k)
        EXPECT_EQ(rods[k].delta, net[k].delta);
    EXPECT_EQ(changeText(0.1333), "+0.13");
    EXPECT_EQ(changeText(-0.2), QStringLiteral("−0.2"));
    // Between updates nothing flashes.
    engine::LockstepPair relaxing = bearPair();
    relaxing.stepIteration();
    relaxing.stepIteration();
    Panes later(frameOf(relaxing));
    EXPECT_TRUE(later.bp.networkView()->synapseChanges().empty() ||
                relaxing.bp().phase() == engine::Phase::Update);
    EXPECT_TRUE(later.pc.networkView()->synapseChanges().empty());
    EXPECT_TRUE(later.pc.machineView()->rodChanges().empty());
}

TEST(EnergyMachine, NamesItsPostsAndPinsTheOutputAtTheTargetWhileRelaxing) {
    engine::LockstepPair pair = bearPair();
    pair.pc().stepIteration();  // initialise
    pair.pc().stepIteration();  // first relaxation iteration
    const FramePtr frame = frameOf(pair);
    ASSERT_EQ(frame->pc->phase, engine::Phase::Relax);
    Panes panes(frame);
    const auto posts = panes.pc.machineView()->posts();
    ASSERT_EQ(posts.size(), 4u);
    EXPECT_EQ(posts[0].name, "river");
    EXPECT_EQ(posts[1].name, "h1");
    EXPECT_EQ(posts[2].name, "sound");
    EXPECT_EQ(posts[3].name, "smell");
    const engine::LayerState& out = frame->pc->layers[2];
    for (int i : {0, 1}) {
        const auto& post = posts[size_t(2 + i)];
        EXPECT_TRUE(post.pinned);
        EXPECT_DOUBLE_EQ(post.bead, frame->pc->target(i, 0));  // the bead on the target
        EXPECT_DOUBLE_EQ(post.bar, out.mu(i, 0));              // the bar where mu is
    }
    // Its rods are the weights, one per synapse.
    const auto rods = panes.pc.machineView()->rods();
    ASSERT_EQ(rods.size(), 3u);
    EXPECT_DOUBLE_EQ(rods[0].weight, frame->pc->weights[1](0, 0));
}

TEST(Encoding, RuleColoursMeanOnlyRules) {
    for (bool presentation : {false, true}) {
        const Look look = presentation ? Look::presentation(QApplication::font(), 1080) : Look();
        for (int i = 0; i < 8; ++i) {
            const QColor c = look.seriesColor(i);
            for (int rule : {0, 1}) {
                const QColor r = look.ruleColor(rule);
                const bool grey = c.hslSaturationF() < 0.15;
                EXPECT_TRUE(grey || hueDistance(c, r) >= 30.0)
                    << "series " << i << " looks like rule " << rule << " (" << presentation << ")";
            }
        }
    }
    // The outputs plot: colour = rule, marker = output.
    PlotPanel plots;
    const engine::Scenario& s = bear();
    plots.setRun(s.network(), s.trials[0], "loss", qtNames(s.outputNames));
    QCustomPlot* outputs = plots.plots()[1];
    QList<int> shapes;
    for (int k = 0; k < 2; ++k)
        for (int rule : {0, 1}) {
            QCPGraph* g = outputs->graph(3 * k + rule);
            EXPECT_EQ(g->pen().color(), plots.look().ruleColor(rule)) << g->name().toStdString();
            shapes << int(g->scatterStyle().shape());
        }
    EXPECT_EQ(shapes[0], shapes[1]);  // one output, one marker in both rules
    EXPECT_NE(shapes[0], shapes[2]);  // another output, another marker
    for (int g = 0; g < outputs->graphCount(); ++g) {
        const QCPGraph* graph = outputs->graph(g);
        const bool ruleLine = graph->name().startsWith("BP") || graph->name().startsWith("PC");
        for (int rule = 0; rule < 2 && !ruleLine; ++rule) {
            EXPECT_NE(graph->pen().color(), plots.look().ruleColor(rule))
                << graph->name().toStdString();
        }
    }
}

TEST(Encoding, InspectorEditorAndTooltipsNameAWeightAlike) {
    const engine::Scenario& s = bear();
    ScenarioDocument doc;
    doc.reset(s, {});
    WeightsPage page(&doc);
    page.rebuild();
    page.showLayer(2);
    QTableWidget* table = page.table();
    ASSERT_EQ(table->rowCount(), 2);
    EXPECT_EQ(table->verticalHeaderItem(1)->text(), "smell");
    EXPECT_EQ(table->horizontalHeaderItem(0)->text(), "h1");
    const QString name = table->item(1, 0)->toolTip();
    EXPECT_EQ(name, QStringLiteral("h1 → smell"));

    const engine::LockstepPair pair = bearPair();
    const FramePtr frame = frameOf(pair);
    const RunSetup setup = RunSetup::from(s);
    Selection sel;
    sel.synapse = SynapseId{2, 1, 0};
    EXPECT_TRUE(inspectorText(sel, *frame, setup).contains(name));
    Selection neuron;
    neuron.neuron = NeuronId{2, 1};
    EXPECT_TRUE(inspectorText(neuron, *frame, setup).contains("smell"));
    // The plots name their tracked weights alike.
    PlotPanel plots;
    plots.setRun(s.network(), s.trials[0], "weights", qtNames(s.outputNames), NeuronNames::of(s));
    EXPECT_TRUE(plots.weightNames().contains(name));
}
