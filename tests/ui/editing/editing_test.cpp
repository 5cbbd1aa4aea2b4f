// Editing in the window: drags, the wheel, the scenario editor's tables, undo/redo, files.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QWheelEvent>

#include "engine/core/lockstep.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenariofile.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/editing/scenarioeditor.h"
#include "ui/lab/mainwindow.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/networkview.h"
#include "ui/views/rulepane.h"
#include "waitfor.h"

using namespace ui;

namespace {

struct Window {
    MainWindow w;
    /// Shows the window with `preset` and waits for its first frame (a fatal failure if none
    /// comes, so that pc() and bp() always have a frame to read).
    void open(const char* preset) {
        w.resize(1280, 800);
        w.show();
        w.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&w, 2000));
        ASSERT_TRUE(w.loadPreset(preset));
        ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }));
    }
    /// A frame is on show (a reload clears the history until the new run's first frame).
    bool cur() { return w.controller()->current() != nullptr; }
    const engine::Snapshot& pc() { return *w.controller()->current()->pc; }
    const engine::Snapshot& bp() { return *w.controller()->current()->bp; }
    NetworkView* view(engine::Rule rule) { return w.pane(rule)->networkView(); }
    /// The middle of the line of synapse W^l[post, pre] in a view.
    QPoint synapse(engine::Rule rule, int l, int post, int pre) {
        const NetworkLayout& layout = view(rule)->layout();
        return ((layout.centre(l - 1, pre) + layout.centre(l, post)) / 2).toPoint();
    }
    double docWeight(int l, int post, int pre) {
        return w.document()->scenario().network().weight(l)(post, pre);
    }
    /// Waits until the shown frame is a fresh run whose W^l[post, pre] is `value` in both panes.
    bool runShows(int l, int post, int pre, double value) {
        return waitFor([&] {
            const FramePtr f = w.controller()->current();
            return f && f->pc->weights[size_t(l)](post, pre) == value &&
                   f->bp->weights[size_t(l)](post, pre) == value;
        });
    }
};

/// The window on the bear, its first frame on show.
class Editing : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_NO_FATAL_FAILURE(win.open("bear")); }
    Window win;
};

}  // namespace

TEST_F(Editing, DraggingASynapseSetsTheWeightInBothPanesAndUndoRestoresIt) {
    const engine::Scenario before = win.w.document()->scenario();
    NetworkView* v = win.view(engine::Rule::PC);
    const QPoint at = win.synapse(engine::Rule::PC, 2, 1, 0);  // hidden -> smell
    QTest::mousePress(v, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseMove(v, at - QPoint(0, 20));
    QTest::mouseMove(v, at - QPoint(0, 50));  // 50 px up = +0.5
    QTest::mouseRelease(v, Qt::LeftButton, Qt::NoModifier, at - QPoint(0, 50));
    EXPECT_EQ(win.docWeight(2, 1, 0), 1.5);
    EXPECT_EQ(win.docWeight(2, 0, 0), 1.0);
    EXPECT_TRUE(win.runShows(2, 1, 0, 1.5));
    // The editor's weight table follows.
    win.w.editor()->showWeights(2);
    QTableWidget* weights = win.w.editor()->weightTable();
    EXPECT_TRUE(
        waitFor([&] { return weights->item(1, 0) && weights->item(1, 0)->text() == "1.5"; }));
    // The whole drag is one undo step with a readable name.
    QUndoStack* undo = win.w.document()->undoStack();
    ASSERT_EQ(undo->count(), 1);
    EXPECT_EQ(undo->undoText(), QStringLiteral("Set weight h1 → smell = 1.5"));
    EXPECT_TRUE(win.w.isWindowModified());
    undo->undo();
    EXPECT_TRUE(engine::sameScenario(win.w.document()->scenario(), before));
    EXPECT_TRUE(win.runShows(2, 1, 0, 1.0));
    EXPECT_FALSE(win.w.isWindowModified());
    undo->redo();
    EXPECT_TRUE(win.runShows(2, 1, 0, 1.5));
}

TEST_F(Editing, TheWheelAndTheArrowKeysNudgeTheSelectedWeight) {
    NetworkView* v = win.view(engine::Rule::BP);
    const QPoint at = win.synapse(engine::Rule::BP, 1, 0, 0);
    QWheelEvent wheel(QPointF(at), QPointF(v->mapToGlobal(at)), QPoint(), QPoint(0, 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(v, &wheel);
    EXPECT_EQ(win.docWeight(1, 0, 0), 1.05);
    QTest::mouseClick(v, Qt::LeftButton, Qt::NoModifier, at);  // select it (and focus the view)
    ASSERT_TRUE(waitFor([&] { return v->hasFocus() || QApplication::focusWidget() == v; }, 2000));
    QTest::keyClick(v, Qt::Key_Up, Qt::ShiftModifier);
    EXPECT_DOUBLE_EQ(win.docWeight(1, 0, 0), 1.55);
    QTest::keyClick(v, Qt::Key_Down);
    EXPECT_DOUBLE_EQ(win.docWeight(1, 0, 0), 1.5)
        << win.w.document()->undoStack()->undoText().toStdString() << " focus "
        << (QApplication::focusWidget() ? QApplication::focusWidget()->metaObject()->className()
                                        : "none");
    EXPECT_TRUE(win.runShows(1, 0, 0, 1.5));
}

TEST_F(Editing, ATargetTypedIntoTheTrialTableIsUsedAndABlankMeansNoTarget) {
    win.w.findChild<QAction*>("editorAction")->trigger();
    QTableWidget* table = win.w.editor()->trialTable();
    win.w.editor()->tabs()->setCurrentIndex(2);
    ASSERT_TRUE(waitFor([&] { return table->isVisible() && table->rowCount() == 1; }));
    const int smell = 2;  // columns: river, target sound, target smell
    // Click the cell and type: the first key opens the cell's editor (and must not reach the
    // window's one-key shortcuts: "0" there would pause).
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      table->visualItemRect(table->item(0, smell)).center());
    ASSERT_TRUE(waitFor([&] { return table->hasFocus(); }, 2000));
    QTest::keyClick(table, Qt::Key_0);
    ASSERT_TRUE(waitFor([&] { return QApplication::focusWidget() != table; }, 2000));
    QWidget* editor = QApplication::focusWidget();
    QTest::keyClicks(editor, ".25");
    QTest::keyClick(editor, Qt::Key_Return);
    EXPECT_EQ(win.w.controller()->speed(), DefaultSpeedLevel);  // the "0" was text, not "pause"
    ASSERT_TRUE(
        waitFor([&] { return win.w.document()->scenario().trials[0].target(1, 0) == 0.25; }));
    EXPECT_EQ(win.w.document()->undoStack()->undoText(),
              QStringLiteral("Set target smell of trial 1 = 0.25"));
    // The run restarted with the new target: the first PC trial's target is 0.25.
    QTest::keyClick(&win.w, Qt::Key_Right);
    ASSERT_TRUE(waitFor(
        [&] { return win.cur() && win.pc().target.size() == 2 && win.pc().target(1, 0) == 0.25; }));
    // A blank cell: no target for that output.
    ASSERT_TRUE(waitFor([&] { return table->item(0, smell) != nullptr; }));
    table->item(0, smell)->setText(QString());
    const engine::Trial& t = win.w.document()->scenario().trials[0];
    ASSERT_EQ(t.mask.size(), 2);
    EXPECT_EQ(t.mask(1, 0), 0.0);
    // Garbage is refused with a message and changes nothing.
    const int count = win.w.document()->undoStack()->count();
    ASSERT_TRUE(waitFor([&] { return table->item(0, 0) != nullptr; }));
    table->item(0, 0)->setText("abc");
    EXPECT_EQ(win.w.document()->undoStack()->count(), count);
    EXPECT_NE(win.w.statusMessage().indexOf("'abc' is not a number"), -1);
}

TEST_F(Editing, LayerSizeAndActivationFromTheTableKeepTheWeightsAndUndoExactly) {
    const engine::Scenario before = win.w.document()->scenario();
    QTableWidget* layers = win.w.editor()->layerTable();
    ASSERT_TRUE(waitFor([&] { return layers->rowCount() == 3; }));
    auto* hidden = qobject_cast<QSpinBox*>(layers->cellWidget(1, 1));
    ASSERT_NE(hidden, nullptr);
    hidden->setValue(3);
    ASSERT_EQ(win.w.document()->scenario().spec.sizes, (std::vector<engine::Index>{1, 3, 2}));
    EXPECT_EQ(win.docWeight(1, 0, 0), 1.0);  // kept
    EXPECT_EQ(win.docWeight(2, 1, 0), 1.0);  // kept
    EXPECT_EQ(win.docWeight(2, 1, 2), 0.0);  // new outgoing weights start at 0
    ASSERT_TRUE(waitFor([&] {
        return win.cur() && win.pc().weights.size() == 3 && win.pc().weights[1].rows() == 3;
    }));
    win.w.document()->undoStack()->undo();
    EXPECT_TRUE(engine::sameScenario(win.w.document()->scenario(), before));
    ASSERT_TRUE(waitFor([&] { return win.cur() && win.pc().weights[1].rows() == 1; }));
}

TEST_F(Editing, HyperParametersChangeLiveWithoutAReset) {
    for (int k = 0; k < 3; ++k)
        win.w.controller()->step(Granularity::Trial);
    ASSERT_TRUE(
        waitFor([&] { return win.cur() && win.pc().trial == 3 && win.pc().trialComplete; }));
    const std::size_t frames = win.w.controller()->history().size();
    auto* alpha = win.w.findChild<QDoubleSpinBox*>("pcAlpha");
    ASSERT_NE(alpha, nullptr);
    alpha->setValue(0.0);  // PC stops learning from the next step
    EXPECT_EQ(win.w.document()->scenario().pc.alpha, 0.0);
    EXPECT_EQ(win.w.controller()->setup().pc.alpha, 0.0);
    const engine::Matrix w2 = win.pc().weights[2];
    win.w.controller()->step(Granularity::Trial);
    ASSERT_TRUE(
        waitFor([&] { return win.cur() && win.pc().trial == 4 && win.pc().trialComplete; }));
    EXPECT_EQ(win.pc().weights[2], w2);                       // no learning
    EXPECT_GT(win.w.controller()->history().size(), frames);  // not reset
    EXPECT_NE(win.bp().weightChange[2].norm(), 0.0);          // BP still learns
    win.w.document()->undoStack()->undo();                    // undo is live too
    EXPECT_EQ(win.w.controller()->setup().pc.alpha, 0.2);
    win.w.controller()->step(Granularity::Trial);
    ASSERT_TRUE(
        waitFor([&] { return win.cur() && win.pc().trial == 5 && win.pc().trialComplete; }));
    EXPECT_NE(win.pc().weights[2], w2);
}

TEST_F(Editing, AnEditDuringARunningSimulationIsTakenLiveAtAStepBoundary) {
    win.w.controller()->setSpeed(4);
    win.w.controller()->play();
    ASSERT_TRUE(waitFor([&] { return win.cur() && win.pc().trial > 50; }));
    ASSERT_TRUE(win.w.editing()->setValue(Selection{std::nullopt, SynapseId{2, 0, 0}}, -0.5));
    // The worker sets the weight in both rules between micro-steps; the run is not restarted.
    const History& h = win.w.controller()->history();
    ASSERT_TRUE(waitFor([&] { return !h.edits().empty(); }));
    const FramePtr edited = h.at(h.indexAtOrBefore(h.edits().front().serial));
    ASSERT_EQ(edited->serial, h.edits().front().serial);
    EXPECT_GT(edited->pc->trial, 50);
    EXPECT_EQ(edited->pc->weights[2](0, 0), -0.5);
    EXPECT_EQ(edited->bp->weights[2](0, 0), -0.5);
    EXPECT_EQ(win.w.document()->scenario().network().weight(2)(0, 0), 1.0);  // the start stays
    // And it keeps playing from there.
    ASSERT_TRUE(waitFor([&] { return win.pc().trial > edited->pc->trial + 10; }));
    EXPECT_GT(win.w.controller()->history().trials().size(), 50u);
}

TEST_F(Editing, SaveAndOpenGiveTheSameScenarioAndTheSameRun) {
    QTemporaryDir dir;
    const QString path = dir.filePath("my.json");
    ASSERT_TRUE(win.w.editing()->setValue(Selection{std::nullopt, SynapseId{1, 0, 0}}, 0.75));
    ASSERT_TRUE(
        win.w.editing()->setValue(Selection{NeuronId{2, 0}, std::nullopt}, 0.5));  // sound target
    EXPECT_TRUE(win.w.isWindowModified());
    ASSERT_EQ(win.w.saveFile(path), QString());
    EXPECT_FALSE(win.w.isWindowModified());
    EXPECT_TRUE(win.w.windowTitle().startsWith("my.json"));
    const engine::Scenario saved = win.w.document()->scenario();

    Window other;
    ASSERT_NO_FATAL_FAILURE(other.open("bear"));
    ASSERT_EQ(other.w.openFile(path), QString());
    EXPECT_TRUE(engine::sameScenario(other.w.document()->scenario(), saved));
    EXPECT_EQ(other.w.document()->filePath(), path);
    // Both windows run the same 3 trials bit for bit.
    for (Window* x : {&win, &other})
        for (int k = 0; k < 3; ++k)
            x->w.controller()->step(Granularity::Trial);
    ASSERT_TRUE(waitFor([&] {
        return win.cur() && other.cur() && win.pc().trial == 3 && win.pc().trialComplete &&
               other.pc().trial == 3 && other.pc().trialComplete;
    }));
    for (size_t l = 1; l <= 2; ++l) {
        EXPECT_EQ(win.pc().weights[l], other.pc().weights[l]);
        EXPECT_EQ(win.bp().weights[l], other.bp().weights[l]);
    }
}

TEST_F(Editing, ABrokenFileLeavesTheOpenWorkUntouched) {
    ASSERT_TRUE(win.w.editing()->setValue(Selection{std::nullopt, SynapseId{1, 0, 0}}, 0.3));
    const engine::Scenario mine = win.w.document()->scenario();
    const int steps = win.w.document()->undoStack()->count();
    const QString bad = PROSPECT_SCENARIO_TEST_DIR "/bad/wrong-shape-rows.json";
    const QString error = win.w.openFile(bad);
    EXPECT_NE(error.indexOf("wrong-shape-rows.json: network.weights[1].values: must have 2 rows"),
              -1)
        << error.toStdString();
    EXPECT_TRUE(engine::sameScenario(win.w.document()->scenario(), mine));
    EXPECT_EQ(win.w.document()->undoStack()->count(), steps);
    EXPECT_TRUE(win.w.isWindowModified());
    QTemporaryDir dir;
    EXPECT_NE(win.w.saveFile(dir.filePath("no/such/dir/x.json")), QString());
    EXPECT_TRUE(win.w.isWindowModified());
}

TEST(EditingDeepLinear, ReRandomiseIsAnUndoableEditOfTheSeed) {
    Window win;
    ASSERT_NO_FATAL_FAILURE(win.open("deep-linear"));
    const auto seed = win.w.document()->scenario().seed;
    const engine::Matrix w1 = win.pc().weights[1];
    QTest::keyClick(&win.w, Qt::Key_R, Qt::ShiftModifier);
    EXPECT_EQ(win.w.document()->scenario().seed, seed + 1);
    ASSERT_TRUE(waitFor([&] { return win.cur() && win.pc().weights[1] != w1; }));
    win.w.document()->undoStack()->undo();
    ASSERT_TRUE(waitFor([&] { return win.cur() && win.pc().weights[1] == w1; }));
}

TEST_F(Editing, ClosingWithUnsavedChangesAsksAndCancelKeepsTheWork) {
    ASSERT_TRUE(win.w.editing()->setValue(Selection{std::nullopt, SynapseId{1, 0, 0}}, 0.3));
    bool asked = false;
    QTimer::singleShot(200, [&] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = box->text().contains("unsaved changes");
        box->button(QMessageBox::Cancel)->click();
    });
    EXPECT_FALSE(win.w.close());  // cancelled: the window stays
    EXPECT_TRUE(asked);
    EXPECT_TRUE(win.w.isVisible());
    EXPECT_EQ(win.docWeight(1, 0, 0), 0.3);
    // Choosing a preset asks too; "Discard" goes ahead.
    QTimer::singleShot(200, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
            box->button(QMessageBox::Discard)->click();
    });
    EXPECT_TRUE(win.w.loadPreset("deep-linear"));
    EXPECT_EQ(win.w.document()->scenario().name, "deep-linear");
    EXPECT_FALSE(win.w.isWindowModified());
}
