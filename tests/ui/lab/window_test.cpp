// The lab window driven with QTest keys and mouse clicks (state, not pixels).
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QSet>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <functional>

#include "engine/scenario/presets.h"
#include "ui/lab/aboutdialog.h"
#include "ui/lab/mainwindow.h"
#include "ui/lab/shortcutoverlay.h"
#include "ui/lab/userguide.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/inspector.h"
#include "ui/views/networkview.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"
#include "ui/views/timelinebar.h"
#include "waitfor.h"

using namespace ui;

namespace {

struct Window {
    MainWindow w;
    /// Shows the window with `preset` and waits for its first frame (a fatal failure if none
    /// comes, so that pc() always has a frame to read).
    void open(const std::string& preset) {
        w.resize(1280, 800);
        w.show();
        ASSERT_TRUE(w.loadPreset(QString::fromStdString(preset)));
        ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }));
    }
    const engine::Snapshot& pc() { return *w.controller()->current()->pc; }
};

/// The window on the bear, its first frame on show.
class BearWindow : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_NO_FATAL_FAILURE(win.open("bear")); }
    Window win;
};

}  // namespace

TEST_F(BearWindow, KeyboardStepsPlaysAndShowsTheShortcutOverlay) {
    QTest::keyClick(&win.w, Qt::Key_Right, Qt::ShiftModifier);  // one inference iteration
    ASSERT_TRUE(waitFor([&] { return win.pc().phase == engine::Phase::Initialise; }));
    QTest::keyClick(&win.w, Qt::Key_Right);  // one phase
    ASSERT_TRUE(waitFor([&] { return win.pc().phase == engine::Phase::Relax; }));
    EXPECT_NE(win.w.pane(engine::Rule::PC)->caption()->text().indexOf("relaxing"), -1);
    EXPECT_NE(win.w.statusMessage().indexOf("PC trial 1 · relax"), -1)
        << win.w.statusMessage().toStdString();
    QTest::keyClick(&win.w, Qt::Key_4);  // max speed
    QTest::keyClick(&win.w, Qt::Key_Space);
    ASSERT_TRUE(waitFor([&] { return win.w.controller()->running(); }));
    ASSERT_TRUE(waitFor([&] { return win.pc().trial > 20; }));
    QTest::keyClick(&win.w, Qt::Key_Space);
    ASSERT_TRUE(waitFor([&] { return !win.w.controller()->running(); }));
    EXPECT_FALSE(win.w.shortcutOverlayVisible());
    QTest::keyClick(&win.w, Qt::Key_Question);
    EXPECT_TRUE(win.w.shortcutOverlayVisible());
    win.w.toggleShortcutOverlay();
    EXPECT_FALSE(win.w.shortcutOverlayVisible());
    QTest::keyClick(&win.w, Qt::Key_R);  // reset
    ASSERT_TRUE(waitFor([&] { return win.w.controller()->current() && win.pc().trial == 0; }));
}

TEST_F(BearWindow, ClickingASynapseFillsTheInspectorWithItsFormula) {
    QTest::keyClick(&win.w, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&win.w, Qt::Key_Right);
    ASSERT_TRUE(waitFor([&] { return win.pc().phase == engine::Phase::Relax; }));
    NetworkView* view = win.w.pane(engine::Rule::PC)->networkView();
    const NetworkLayout& layout = view->layout();
    // Midpoint of the synapse from the hidden neuron to output 1 (the smell).
    const QPointF mid = (layout.centre(1, 0) + layout.centre(2, 1)) / 2;
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, mid.toPoint());
    const QString text = win.w.inspector()->text();
    EXPECT_NE(text.indexOf(QStringLiteral("Synapse h1 → smell")), -1) << text.toStdString();
    EXPECT_NE(text.indexOf("α·ε"), -1);
    EXPECT_NE(text.indexOf("α·δ"), -1);
    // Both panes highlight the same selection; clicking a neuron switches to it.
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, layout.centre(1, 0).toPoint());
    EXPECT_NE(win.w.inspector()->text().indexOf("Neuron h1"), -1);
    EXPECT_NE(win.w.inspector()->text().indexOf("relaxation: dx"), -1);
}

TEST_F(BearWindow, InspectorPlugsInTheNumbersOfTheBearsFirstTrial) {
    QTest::keyClick(&win.w, Qt::Key_Right, Qt::ShiftModifier);  // BP forward
    QTest::keyClick(&win.w, Qt::Key_Right, Qt::ShiftModifier);  // BP backward
    ASSERT_TRUE(waitFor(
        [&] { return win.w.controller()->current()->bp->phase == engine::Phase::Backward; }));
    NetworkView* view = win.w.pane(engine::Rule::BP)->networkView();
    const QPointF mid = (view->layout().centre(1, 0) + view->layout().centre(2, 0)) / 2;
    QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, mid.toPoint());
    // delta of the sound output = y - mu = 0 - 1, f(a) of the hidden unit = 1, alpha = 0.2.
    EXPECT_NE(win.w.inspector()->text().indexOf("= 0.2 × −1 × 1 = −0.2"), -1)
        << win.w.inspector()->text().toStdString();
}

TEST_F(BearWindow, TimelineSliderShowsAPastStep) {
    for (int k = 0; k < 5; ++k)
        QTest::keyClick(&win.w, Qt::Key_Right, Qt::ShiftModifier);
    ASSERT_TRUE(waitFor([&] { return win.pc().iteration == 4; }));
    ASSERT_TRUE(waitFor([&] { return win.w.controller()->history().size() >= 6; }));
    QTest::keyClick(&win.w, Qt::Key_Left);
    EXPECT_FALSE(win.w.controller()->live());
    EXPECT_EQ(win.pc().iteration, 3);
    EXPECT_TRUE(win.w.timeline()->resumeButton()->isEnabled());
    QTest::keyClick(&win.w, Qt::Key_Home);
    EXPECT_EQ(win.pc().phase, engine::Phase::Idle);
    QTest::keyClick(&win.w, Qt::Key_End);
    EXPECT_TRUE(win.w.controller()->live());
    EXPECT_EQ(win.pc().iteration, 4);
    // A click near the left end of the slider jumps there (not one page).
    QSlider* slider = win.w.timeline()->slider();
    QTest::mouseClick(slider, Qt::LeftButton, Qt::NoModifier, QPoint(2, slider->height() / 2));
    EXPECT_EQ(win.w.controller()->currentIndex(), 0u);
    EXPECT_EQ(win.pc().phase, engine::Phase::Idle);
}

TEST(Window, EveryPresetLoadsWithLabelledPlots) {
    ASSERT_GE(engine::presets().size(), 10u);  // the bundled ones, and any added later
    for (const engine::Scenario& preset : engine::presets()) {
        const std::string& name = preset.name;
        Window win;
        ASSERT_NO_FATAL_FAILURE(win.open(name)) << name;
        QTest::keyClick(&win.w, Qt::Key_Right);
        ASSERT_TRUE(waitFor([&] { return win.pc().phase != engine::Phase::Idle; })) << name;
        for (QCustomPlot* plot : win.w.plots()->plots()) {
            EXPECT_FALSE(plot->xAxis->label().isEmpty()) << name;
            EXPECT_FALSE(plot->yAxis->label().isEmpty()) << name;
        }
        // Only the 1-2-2 net has exactly two trainable weights, the landscape's axes.
        EXPECT_EQ(win.w.plots()->hasLandscape(), name == "trajectories-122") << name;
        EXPECT_EQ(win.w.pane(engine::Rule::PC)->machineShown(), name == "energy-machine") << name;
    }
}

TEST_F(BearWindow, PlotsKeepAFixedSetOfItemsWhileRunning) {
    QCustomPlot* energy = win.w.plots()->plots().front();
    const int items = energy->itemCount();
    QTest::keyClick(&win.w, Qt::Key_4);
    QTest::keyClick(&win.w, Qt::Key_Space);
    ASSERT_TRUE(waitFor([&] { return win.pc().trial > 50; }));
    QTest::keyClick(&win.w, Qt::Key_Space);
    ASSERT_TRUE(waitFor([&] { return !win.w.controller()->running(); }));
    EXPECT_EQ(energy->itemCount(), items);  // frames update the plots, never add to them
    for (QCustomPlot* plot : win.w.plots()->plots())
        EXPECT_LE(plot->plottableCount(), 20);
}

TEST(Window, DenseNetsDrawTheirStrongestSynapsesAndSparseOnesAll) {
    {
        Window win;
        ASSERT_NO_FATAL_FAILURE(win.open("trajectories-122"));
        const SynapsePlan plan = win.w.pane(engine::Rule::PC)->networkView()->synapsePlan();
        EXPECT_EQ(plan.total, 4);  // two trainable plus the fixed diagonal
        EXPECT_EQ(plan.drawn, 4);
        EXPECT_FALSE(plan.dense);
        EXPECT_EQ(plan.lines.size(), 4u);
        EXPECT_EQ(plan.fixedMarks.size(), 2u);  // the diagonal of W2 does not learn
    }
    {
        Window win;
        ASSERT_NO_FATAL_FAILURE(win.open("deep-tanh"));
        NetworkView* view = win.w.pane(engine::Rule::BP)->networkView();
        SynapsePlan plan = view->synapsePlan();
        EXPECT_EQ(plan.total, 6 * 32 * 32);
        EXPECT_LE(plan.drawn, 1200);
        EXPECT_GT(plan.drawn, 1000);
        EXPECT_TRUE(plan.dense);
        EXPECT_TRUE(plan.lines.empty());
        int bucketed = 0;
        for (const SynapsePlan::Bucket& b : plan.buckets)
            bucketed += int(b.lines.size());
        EXPECT_EQ(bucketed, plan.drawn);
        // A selected neuron's synapses are drawn, however weak.
        view->setSelection(Selection{NeuronId{3, 5}, std::nullopt});
        plan = view->synapsePlan();
        EXPECT_EQ(plan.highlighted.size(), 64u);  // 32 in, 32 out
    }
}

TEST_F(BearWindow, ScreenshotWritesAPngOfTheRequestedSize) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath("window.png");
    EXPECT_TRUE(win.w.saveScreenshot(path, QSize(1000, 700)).isEmpty());
    const QImage image(path);
    EXPECT_EQ(image.size(), QSize(1000, 700));
    EXPECT_FALSE(win.w.saveScreenshot("/nonexistent-dir/x.png", QSize(800, 600)).isEmpty());
}

TEST_F(BearWindow, HelpAboutOpensTheAboutDialog) {
    QAction* about = nullptr;
    for (QAction* menu : win.w.menuBar()->actions())
        if (menu->menu() && menu->text() == "&Help")
            for (QAction* a : menu->menu()->actions())
                if (a->text() == "About Prospect")
                    about = a;
    ASSERT_NE(about, nullptr) << "Help has no About Prospect entry";
    QString shown;
    // The dialog is modal: look at it and close it from the event loop it runs.
    QTimer::singleShot(0, [&] {
        if (auto* dialog = qobject_cast<AboutDialog*>(QApplication::activeModalWidget())) {
            shown = dialog->windowTitle();
            dialog->accept();
        }
    });
    about->trigger();
    EXPECT_FALSE(shown.isEmpty()) << "no About dialog was shown";
}

namespace {

/// The keys of an action as the shortcut list writes them.
QString keysOf(const QAction* a) {
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts())
        keys << k.toString(QKeySequence::NativeText);
    return keys.join(QLatin1String(", "));
}

const ShortcutOverlay* openShortcuts(MainWindow& w) {
    if (!w.shortcutOverlayVisible())
        w.toggleShortcutOverlay();
    return w.findChild<ShortcutOverlay*>("shortcutOverlay");
}

}  // namespace

TEST_F(BearWindow, TheShortcutListHasEveryActionWithAShortcutAndNothingElse) {
    const ShortcutOverlay* overlay = openShortcuts(win.w);
    ASSERT_NE(overlay, nullptr);
    QSet<QString> listed;
    for (const ShortcutEntry& e : overlay->entries()) {
        EXPECT_FALSE(e.text.isEmpty()) << e.keys.toStdString() << " has no text";
        EXPECT_FALSE(listed.contains(e.keys)) << e.keys.toStdString() << " is listed twice";
        listed.insert(e.keys);
    }
    QSet<QString> bound;
    for (const QAction* a : win.w.findChildren<QAction*>())
        if (!keysOf(a).isEmpty()) {
            bound.insert(keysOf(a));
            EXPECT_TRUE(listed.contains(keysOf(a)))
                << a->text().toStdString() << " (" << keysOf(a).toStdString() << ") is not listed";
        }
    EXPECT_EQ(listed, bound) << "the list names keys no action has";
    // The ones the issue found missing.
    for (const QKeySequence& k :
         {QKeySequence(Qt::Key_F4), QKeySequence(QKeySequence::Undo),
          QKeySequence(QKeySequence::Save), QKeySequence(QKeySequence::Open),
          QKeySequence(Qt::CTRL | Qt::Key_E), QKeySequence(Qt::Key_Up)})
        EXPECT_TRUE(listed.contains(k.toString(QKeySequence::NativeText)))
            << k.toString().toStdString();
}

TEST_F(BearWindow, TheShortcutListFollowsTheActions) {
    auto* added = new QAction(QStringLiteral("A new &thing"), &win.w);
    added->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    win.w.addAction(added);
    const ShortcutOverlay* overlay = openShortcuts(win.w);
    ASSERT_NE(overlay, nullptr);
    bool found = false;
    for (const ShortcutEntry& e : overlay->entries())
        if (e.keys == keysOf(added)) {
            found = true;
            EXPECT_EQ(e.text, QStringLiteral("A new thing"));
            EXPECT_EQ(e.group, QStringLiteral("Lab window"));
        }
    EXPECT_TRUE(found) << "an action added to the window is not in the list";
}

TEST_F(BearWindow, HelpUserGuideShowsTheGuideBuiltFromTheReadme) {
    QAction* guideAction = win.w.findChild<QAction*>("userGuideAction");
    ASSERT_NE(guideAction, nullptr) << "Help has no User guide";
    guideAction->trigger();
    auto* guide = win.w.findChild<UserGuide*>();
    ASSERT_NE(guide, nullptr);
    EXPECT_TRUE(guide->isVisible());
    const QString text = guide->browser()->toPlainText();
    EXPECT_NE(text.indexOf("Prospect user guide"), -1) << text.left(300).toStdString();
    EXPECT_NE(text.indexOf("The lab window"), -1);
}

TEST(UserGuide, AMissingGuideNamesTheFileItLookedFor) {
    UserGuide guide;
    const QString message = guide.load("/nonexistent/guide/user-guide.md");
    EXPECT_NE(message.indexOf("/nonexistent/guide/user-guide.md"), -1) << message.toStdString();
    EXPECT_EQ(guide.browser()->toPlainText(), message);
}

// The guide's pictures are window screenshots 1280 px wide: shown at full size they ran past the
// guide's width and needed a horizontal scroll bar. They are scaled to the room, also on resize.
TEST(UserGuide, PicturesFitTheGuidesWidth) {
    UserGuide guide;
    ASSERT_EQ(guide.load(UserGuide::defaultPath()), QString());
    for (const int width : {700, 1000}) {
        guide.resize(width, 600);
        guide.show();
        QApplication::processEvents();
        const int room = guide.browser()->viewport()->width();
        int images = 0;
        for (QTextBlock b = guide.browser()->document()->begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat f = it.fragment().charFormat();
                if (!f.isImageFormat())
                    continue;
                ++images;
                const QTextImageFormat image = f.toImageFormat();
                EXPECT_GT(image.width(), 0.0) << image.name().toStdString();
                EXPECT_LE(image.width(), room) << image.name().toStdString();
                // The pictures are wider than the guide: each takes (about) its whole width.
                EXPECT_GE(image.width(), room - 60) << image.name().toStdString();
            }
        EXPECT_GT(images, 0);
        EXPECT_EQ(guide.browser()->horizontalScrollBar()->maximum(), 0) << width;
    }
}
