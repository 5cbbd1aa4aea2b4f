// The lab window on a 1024x768, a 1280x800 and a 1920x1080 screen, at the scale of this run
// (QT_SCALE_FACTOR 1 or 1.5), in normal and in presentation mode, with every preset and with the
// scenario editor open, and its dialogs: nothing clipped, squashed or too small to read
// (layoutcheck.h says what is checked). Each case leaves a screenshot in the build tree
// (PROSPECT_LAYOUT_DIR) to look at.
#include <gtest/gtest.h>

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cmath>

#include "engine/scenario/presets.h"
#include "layoutcheck.h"
#include "ui/editing/scenarioeditor.h"
#include "ui/lab/aboutdialog.h"
#include "ui/lab/displaycontroller.h"
#include "ui/lab/mainwindow.h"
#include "ui/media/recorddialog.h"
#include "ui/results/experimentwindow.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/screenfit.h"
#include "waitfor.h"

using namespace ui;

namespace {

/// Room a window manager's title bar takes from a maximised window (logical pixels).
constexpr int TitleBar = 30;
/// Trials run before the checks, so that every plot has data.
constexpr int Trials = 4;

/// The screens of layoutmain.cpp, smallest first.
QList<QScreen*> screens() {
    QList<QScreen*> all = QGuiApplication::screens();
    std::sort(all.begin(), all.end(),
              [](QScreen* a, QScreen* b) { return a->geometry().width() < b->geometry().width(); });
    return all;
}

QSize devicePixels(const QScreen* s) {
    return s->geometry().size() * s->devicePixelRatio();
}

/// The size the window gets: the whole screen in presentation mode, else maximised under a
/// title bar.
QSize windowSize(const QScreen* s, bool presentation) {
    const QSize free = s->availableGeometry().size();
    return presentation ? s->geometry().size() : free - QSize(0, TitleBar);
}

/// The limits the window is held to. Text: in presentation mode at least 18 device pixels high
/// on a 1080-line screen and in proportion on smaller ones (13 on 768 lines); in normal mode at
/// least 10 logical pixels. Plots: a data area of at least 120x70 logical pixels at the normal
/// text size, and as much larger as the text is (the zoom, presentation mode).
layoutcheck::Limits limits(const QScreen* s, bool presentation, double textScale) {
    layoutcheck::Limits l;
    l.minTextDevicePx = presentation ? int(std::lround(18.0 * devicePixels(s).height() / 1080.0))
                                     : int(std::floor(10 * s->devicePixelRatio()));
    l.minAxisRect = QSize(int(120 * textScale), int(70 * textScale));
    return l;
}

QString label(const QScreen* s, bool presentation, const QString& what) {
    return QStringLiteral("%1-%2-scale%3-%4")
        .arg(what, s->name())
        .arg(s->devicePixelRatio())
        .arg(presentation ? QStringLiteral("presentation") : QStringLiteral("normal"));
}

/// Keeps a picture of `w` under the build tree's layout folder.
void keep(QWidget* w, const QString& name) {
    const QDir dir(QStringLiteral(PROSPECT_LAYOUT_DIR));
    dir.mkpath(QStringLiteral("."));
    w->grab().save(dir.filePath(name + QStringLiteral(".png")));
}

/// Shows the window on screen `s` at the size it would have there, and checks it.
void checkOn(MainWindow& w, QScreen* s, bool presentation, const QString& what) {
    w.display()->setPresentation(presentation, false);
    w.move(s->geometry().topLeft());
    const QSize size = windowSize(s, presentation);
    w.showAt(size);
    ASSERT_EQ(w.screen(), s);
    const QString name = label(s, presentation, what);
    keep(&w, name);
    // The window fits the screen: it never had to grow past the size it was given.
    EXPECT_EQ(w.size(), size) << name.toStdString();
    const QStringList problems =
        layoutcheck::check(&w, limits(s, presentation, w.display()->look().scale()));
    EXPECT_TRUE(problems.isEmpty()) << name.toStdString() << ":\n"
                                    << problems.join('\n').toStdString();
}

/// A window with `preset` loaded and a few trials run.
void open(MainWindow& w, const std::string& preset) {
    w.move(screens().front()->geometry().topLeft());
    w.showAt(windowSize(screens().front(), false));
    ASSERT_TRUE(w.loadPreset(QString::fromStdString(preset)));
    ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }));
    w.controller()->step(Granularity::Trial, Trials);
    // A one-pass protocol may be shorter, and the run stops; either way the steps settle.
    ASSERT_TRUE(waitFor([&] {
        const FramePtr f = w.controller()->current();
        return f && !w.controller()->running() && f->pc->trial >= 1 && f->pc->trialComplete;
    }));
}

class PresetLayout : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(PresetLayout, FitsEveryScreenInNormalAndPresentationMode) {
    MainWindow w;
    ASSERT_NO_FATAL_FAILURE(open(w, GetParam()));
    for (QScreen* s : screens())
        for (bool presentation : {false, true})
            ASSERT_NO_FATAL_FAILURE(
                checkOn(w, s, presentation, QString::fromStdString(GetParam())));
}

std::vector<std::string> presetNames() {
    std::vector<std::string> names;
    for (const engine::Scenario& p : engine::presets())
        names.push_back(p.name);
    return names;
}

std::string testName(const ::testing::TestParamInfo<std::string>& param) {
    std::string n = param.param;
    std::replace(n.begin(), n.end(), '-', '_');
    return n;
}

INSTANTIATE_TEST_SUITE_P(EveryPreset, PresetLayout, ::testing::ValuesIn(presetNames()), testName);

TEST(Layout, TheScenarioEditorFitsBesideThePanesAndLeavesNoWidthBehind) {
    for (const std::string preset : {"bear", "erratic"}) {
        MainWindow w;
        ASSERT_NO_FATAL_FAILURE(open(w, preset));
        QDockWidget* dock = w.findChild<QDockWidget*>("scenarioEditorDock");
        QAction* editor = w.findChild<QAction*>("editorAction");
        ASSERT_NE(dock, nullptr);
        ASSERT_NE(editor, nullptr);
        for (QScreen* s : screens())
            for (bool presentation : {false, true}) {
                const QString what = QStringLiteral("editor-%1").arg(preset.c_str());
                w.display()->setPresentation(presentation, false);
                w.move(s->geometry().topLeft());
                w.showAt(windowSize(s, presentation));
                dock->setFloating(false);
                editor->trigger();  // F4
                ASSERT_TRUE(waitFor([&] { return dock->isVisible(); }));
                QApplication::processEvents();
                ASSERT_NO_FATAL_FAILURE(checkOn(w, s, presentation, what));
                if (dock->isFloating()) {
                    // Beside the window, on the screen, with all of its text.
                    keep(dock, label(s, presentation, what + QStringLiteral("-floating")));
                    EXPECT_TRUE(s->availableGeometry().contains(dock->frameGeometry()));
                    const QStringList problems = layoutcheck::check(
                        dock, limits(s, presentation, w.display()->look().scale()));
                    EXPECT_TRUE(problems.isEmpty()) << problems.join('\n').toStdString();
                }
                editor->trigger();
                QApplication::processEvents();
                EXPECT_FALSE(dock->isVisible());
                EXPECT_EQ(w.size(), windowSize(s, presentation));
            }
    }
}

TEST(Layout, DialogsFitEveryScreen) {
    MainWindow w;
    ASSERT_NO_FATAL_FAILURE(open(w, "bear"));
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (QScreen* s : screens()) {
        w.display()->setPresentation(false, false);
        w.move(s->geometry().topLeft());
        w.showAt(windowSize(s, false));
        const QRect free = s->availableGeometry();
        auto fits = [&](QWidget* dialog, const QString& what) {
            QApplication::processEvents();
            const QString name = label(s, false, what);
            keep(dialog, name);
            EXPECT_TRUE(free.contains(dialog->frameGeometry()))
                << name.toStdString() << ": " << dialog->frameGeometry().width() << "x"
                << dialog->frameGeometry().height() << " on " << free.width() << "x"
                << free.height();
            const QStringList problems = layoutcheck::check(dialog, limits(s, false, 1.0));
            EXPECT_TRUE(problems.isEmpty()) << name.toStdString() << ":\n"
                                            << problems.join('\n').toStdString();
        };
        // The record dialog, before and after a recording (its note grows).
        auto* record = qobject_cast<RecordDialog*>(w.showRecordDialog());
        ASSERT_NE(record, nullptr);
        fits(record, QStringLiteral("record-dialog"));
        record->setPath(dir.filePath(QStringLiteral("clip.gif")));
        record->setFrameSize(QSize(64, 48));
        record->setRange(0, 1);
        QSignalSpy done(record, &RecordDialog::recordingFinished);
        record->findChild<QPushButton*>("recordButton")->click();
        ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 60000));
        fits(record, QStringLiteral("record-dialog-after"));
        record->close();
        QDialog* exporter = w.showExportDialog();
        fits(exporter, QStringLiteral("export-dialog"));
        exporter->close();
        w.toggleShortcutOverlay();
        fits(w.findChild<QDialog*>("shortcutOverlay"), QStringLiteral("shortcuts"));
        w.toggleShortcutOverlay();
        AboutDialog about(&w);
        about.setFont(w.font());
        about.adjustSize();
        about.move(free.topLeft());
        keepOnScreen(&about);
        about.show();
        fits(&about, QStringLiteral("about"));
        about.close();
        // The results window, through its menu entry.
        QAction* results = w.findChild<QAction*>("experimentResultsAction");
        ASSERT_NE(results, nullptr);
        results->trigger();
        auto* experiments = w.findChild<ExperimentWindow*>();
        ASSERT_NE(experiments, nullptr);
        fits(experiments, QStringLiteral("results"));
        delete experiments;  // the next screen's window makes a new one there
    }
}
