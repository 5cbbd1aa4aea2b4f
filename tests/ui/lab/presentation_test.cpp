// Presentation mode and zoom in the lab window, driven by their keys (state, not pixels), and
// the display settings that remember them.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFontInfo>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTest>
#include <QToolBar>

#include "ui/lab/displaycontroller.h"
#include "ui/lab/displaysettings.h"
#include "ui/lab/mainwindow.h"
#include "ui/lab/runtoolbar.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/networkview.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"
#include "waitfor.h"

using namespace ui;

namespace {

int px(const QFont& f) {
    return QFontInfo(f).pixelSize();
}

/// The window on the bear at 1280x800, its first frame on show. Each test starts from the
/// default display settings and leaves them so.
class PresentationWindow : public ::testing::Test {
protected:
    void SetUp() override {
        QSettings().remove("display");
        w.resize(1280, 800);
        w.show();
        ASSERT_TRUE(w.loadPreset("bear"));
        ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }));
    }
    void TearDown() override { QSettings().remove("display"); }

    QToolBar* runBar() { return w.findChild<RunToolBar*>(); }
    QAction* action(const char* name) { return w.findChild<QAction*>(name); }
    bool inToolbar(const char* name) { return runBar()->actions().contains(action(name)); }

    MainWindow w;
};

}  // namespace

TEST_F(PresentationWindow, F5ShowsOnlyTheRunControlsInLargeTextAndEscapeLeaves) {
    const int normalText = px(w.font());
    const int normalPlotText = px(w.plots()->plots().front()->xAxis->tickLabelFont());
    ASSERT_TRUE(w.menuBar()->isVisible());
    ASSERT_TRUE(w.display()->inspectorShown());
    QTest::keyClick(&w, Qt::Key_F5);
    QApplication::processEvents();  // the toolbar lays itself out
    ASSERT_TRUE(w.display()->presentation());
    EXPECT_TRUE(action("presentationAction")->isChecked());
    EXPECT_TRUE(w.display()->look().isPresentation());
    EXPECT_FALSE(w.menuBar()->isVisible());
    EXPECT_FALSE(w.statusBar()->isVisible());
    EXPECT_FALSE(w.display()->inspectorShown());
    // Play, step and speed stay; reset, re-randomise and "run until" leave the toolbar.
    EXPECT_TRUE(inToolbar("playAction"));
    EXPECT_TRUE(inToolbar("stepAction"));
    EXPECT_FALSE(inToolbar("resetAction"));
    EXPECT_FALSE(inToolbar("reseedAction"));
    EXPECT_TRUE(w.findChild<QWidget*>("speed")->isVisible());
    EXPECT_FALSE(w.findChild<QWidget*>("seedLabel")->isVisible());
    // Larger text everywhere: the window, the plots, the network's labels.
    EXPECT_GT(px(w.font()), normalText);
    EXPECT_GT(px(w.plots()->plots().front()->xAxis->tickLabelFont()), normalPlotText);
    EXPECT_EQ(w.pane(engine::Rule::PC)->networkView()->look(), w.display()->look());
    // The keys of the hidden controls still work: R resets, F4 opens the editor.
    QTest::keyClick(&w, Qt::Key_Right);
    ASSERT_TRUE(waitFor([&] { return w.controller()->current()->pc->step > 0; }));
    QTest::keyClick(&w, Qt::Key_R);
    ASSERT_TRUE(waitFor(
        [&] { return w.controller()->current() && w.controller()->current()->pc->step == 0; }));
    QTest::keyClick(&w, Qt::Key_F4);
    EXPECT_TRUE(w.findChild<QDockWidget*>("scenarioEditorDock")->isVisible());
    QTest::keyClick(&w, Qt::Key_F4);
    // Escape leaves, and everything is back as it was.
    QTest::keyClick(&w, Qt::Key_Escape);
    EXPECT_FALSE(w.display()->presentation());
    EXPECT_FALSE(action("presentationAction")->isChecked());
    EXPECT_TRUE(w.menuBar()->isVisible());
    EXPECT_TRUE(w.statusBar()->isVisible());
    EXPECT_TRUE(w.display()->inspectorShown());
    EXPECT_TRUE(inToolbar("resetAction"));
    EXPECT_TRUE(inToolbar("reseedAction"));
    EXPECT_EQ(runBar()->actions().indexOf(action("resetAction")), 0);
    EXPECT_EQ(px(w.font()), normalText);
}

TEST_F(PresentationWindow, TheRestIsOneKeyAway) {
    w.display()->setPresentation(true, false);
    // F10: the menus, the status bar and the whole toolbar, and back.
    QTest::keyClick(&w, Qt::Key_F10);
    EXPECT_TRUE(w.menuBar()->isVisible());
    EXPECT_TRUE(w.statusBar()->isVisible());
    EXPECT_TRUE(inToolbar("resetAction"));
    QTest::keyClick(&w, Qt::Key_F10);
    EXPECT_FALSE(w.menuBar()->isVisible());
    EXPECT_FALSE(inToolbar("resetAction"));
    // I: the inspector with the lesson, in either mode.
    QTest::keyClick(&w, Qt::Key_I);
    EXPECT_TRUE(w.display()->inspectorShown());
    QTest::keyClick(&w, Qt::Key_I);
    EXPECT_FALSE(w.display()->inspectorShown());
    // View > Presentation is the same switch as F5.
    action("presentationAction")->trigger();
    EXPECT_FALSE(w.display()->presentation());
    EXPECT_TRUE(w.display()->inspectorShown());
    // F10 does nothing outside presentation mode.
    QTest::keyClick(&w, Qt::Key_F10);
    EXPECT_TRUE(w.menuBar()->isVisible());
}

TEST_F(PresentationWindow, EscapeClosesTheShortcutOverlayBeforeLeaving) {
    w.display()->setPresentation(true, false);
    w.toggleShortcutOverlay();
    ASSERT_TRUE(w.shortcutOverlayVisible());
    QTest::keyClick(&w, Qt::Key_Escape);
    EXPECT_FALSE(w.shortcutOverlayVisible());
    EXPECT_TRUE(w.display()->presentation());
    QTest::keyClick(&w, Qt::Key_Escape);
    EXPECT_FALSE(w.display()->presentation());
}

TEST_F(PresentationWindow, PresentationTextFollowsThePictureHeight) {
    w.display()->setPresentation(true, false);
    w.showAt(QSize(1920, 1080));
    EXPECT_GE(px(w.display()->look().font(Look::Text::Small)), 18);
    EXPECT_GE(px(w.pane(engine::Rule::BP)->networkView()->smallestFont()), 18);
    const int hd = px(w.font());
    w.showAt(QSize(1024, 768));
    EXPECT_LT(px(w.font()), hd);
    EXPECT_GE(px(w.display()->look().font(Look::Text::Small)), 13);
}

TEST_F(PresentationWindow, ZoomScalesTextAndStrokesAndIsRemembered) {
    w.display()->restore();
    const int normal = px(w.font());
    const double stroke = w.display()->look().stroke(1.0);
    QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
    QTest::keyClick(&w, Qt::Key_Plus, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(w.display()->look().zoom(), 1.25);
    EXPECT_GT(px(w.font()), normal);
    EXPECT_GT(w.display()->look().stroke(1.0), stroke);
    EXPECT_EQ(w.plots()->look(), w.display()->look());
    QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(w.display()->look().zoom(), 1.1);
    // Presentation mode has a zoom of its own.
    w.display()->setPresentation(true, false);
    EXPECT_DOUBLE_EQ(w.display()->look().zoom(), 1.0);
    action("zoomInAction")->trigger();
    EXPECT_DOUBLE_EQ(w.display()->look().zoom(), 1.1);
    // A new window of the same user starts as this one was left.
    MainWindow next;
    next.display()->restore();
    EXPECT_TRUE(next.display()->presentation());
    EXPECT_DOUBLE_EQ(next.display()->look().zoom(), 1.1);
    next.display()->setPresentation(false, false);
    EXPECT_DOUBLE_EQ(next.display()->look().zoom(), 1.1);
    next.findChild<QAction*>("zoomResetAction")->trigger();  // Ctrl+0 (the window is not shown)
    EXPECT_DOUBLE_EQ(next.display()->look().zoom(), 1.0);
    EXPECT_DOUBLE_EQ(QSettings().value("display/zoom").toDouble(), 1.0);
    // A window that does not remember (a screenshot) neither reads nor writes the settings.
    MainWindow shot;
    EXPECT_FALSE(shot.display()->presentation());
    shot.display()->zoomIn();
    EXPECT_DOUBLE_EQ(QSettings().value("display/zoom").toDouble(), 1.0);
}

TEST(DisplaySettings, BadStoredValuesFallBackToSaneOnes) {
    QSettings s;
    s.setValue("display/zoom", 100.0);
    s.setValue("display/presentationZoom", "nonsense");
    DisplaySettings display;
    display.remember();
    EXPECT_DOUBLE_EQ(display.zoom(), Look::MaxZoom);  // clamped
    display.setPresentation(true);
    EXPECT_DOUBLE_EQ(display.zoom(), 1.0);  // not a number: the default
    s.remove("display");
}
