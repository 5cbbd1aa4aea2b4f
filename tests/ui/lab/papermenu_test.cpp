// The lab window's Paper menu, offscreen: its entries follow the paper's figures in order, each
// figure entry brings the results window up on the tab that draws it, and each live entry loads
// its preset (state, not pixels).
#include <gtest/gtest.h>

#include <QAction>
#include <QMenu>
#include <QSet>
#include <QTabWidget>

#include "engine/scenario/presets.h"
#include "ui/editing/scenariodocument.h"
#include "ui/lab/mainwindow.h"
#include "ui/results/experimenttab.h"
#include "ui/results/experimentwindow.h"
#include "ui/results/paperfigures.h"

using namespace ui;

namespace {

/// The Paper menu's actions whose object name starts with `prefix`, in menu order, by the
/// name after the prefix.
std::vector<std::pair<QString, QAction*>> entries(QMenu* menu, const QString& prefix) {
    std::vector<std::pair<QString, QAction*>> found;
    for (QAction* a : menu->actions())
        if (a->objectName().startsWith(prefix))
            found.emplace_back(a->objectName().mid(prefix.size()), a);
    return found;
}

}  // namespace

TEST(PaperMenu, ListsEveryFigureAndPresetInThePapersOrder) {
    MainWindow main;
    auto* menu = main.findChild<QMenu*>("paperMenu");
    ASSERT_NE(menu, nullptr);
    std::vector<QString> experiments, presets;
    for (const PaperFigure& f : paperFigures()) {
        if (!f.experiment.isEmpty())
            experiments.push_back(f.experiment);
        ASSERT_FALSE(f.preset.isEmpty()) << f.label.toStdString();
        EXPECT_NE(engine::findPreset(f.preset.toStdString()), nullptr)
            << "no preset " << f.preset.toStdString();
        presets.push_back(f.preset);
    }
    std::vector<QString> shownExperiments, shownPresets;
    for (const auto& [name, action] : entries(menu, "paperFigure:"))
        shownExperiments.push_back(name);
    for (const auto& [name, action] : entries(menu, "paperPreset:"))
        shownPresets.push_back(name);
    EXPECT_EQ(shownExperiments, experiments);
    EXPECT_EQ(shownPresets, presets);
    // The paper's order: Fig. 1/3a, Fig. 2, Fig. 3d, Fig. 3e first.
    ASSERT_GE(paperFigures().size(), 4u);
    EXPECT_EQ(paperFigures()[0].label, "Fig. 1/3a");
    EXPECT_EQ(paperFigures()[1].label, "Fig. 2");
    EXPECT_EQ(paperFigures()[2].label, "Fig. 3d");
    EXPECT_EQ(paperFigures()[3].label, "Fig. 3e");
    // Every tab of the results window is reachable from the menu.
    ExperimentWindow window;
    QSet<QString> tabs, listed(experiments.begin(), experiments.end());
    for (ExperimentTab* tab : window.experimentTabs())
        tabs.insert(tab->objectName());
    EXPECT_EQ(tabs, listed);
}

TEST(PaperMenu, EachFigureEntryOpensTheResultsWindowOnItsTab) {
    MainWindow main;
    main.show();
    auto* menu = main.findChild<QMenu*>("paperMenu");
    ASSERT_NE(menu, nullptr);
    const auto figures = entries(menu, "paperFigure:");
    ASSERT_FALSE(figures.empty());
    // In reverse, so that no entry passes by landing on the tab that happened to be current.
    for (auto it = figures.rbegin(); it != figures.rend(); ++it) {
        const auto& [experiment, action] = *it;
        action->trigger();
        auto* window = main.findChild<ExperimentWindow*>();
        ASSERT_NE(window, nullptr) << experiment.toStdString();
        EXPECT_TRUE(window->isVisible()) << experiment.toStdString();
        ASSERT_NE(window->experimentTab(experiment), nullptr) << experiment.toStdString();
        EXPECT_EQ(window->currentExperimentTab(), window->experimentTab(experiment))
            << experiment.toStdString();
        // The paper's panel label is in both the menu entry and the tab's title.
        for (const PaperFigure& f : paperFigures())
            if (f.experiment == experiment && f.label.startsWith("Fig.")) {
                EXPECT_TRUE(action->text().startsWith(f.label)) << action->text().toStdString();
                EXPECT_TRUE(
                    window->tabs()->tabText(window->tabs()->currentIndex()).startsWith(f.label))
                    << experiment.toStdString();
            }
    }
    EXPECT_EQ(main.findChildren<ExperimentWindow*>().size(), 1);  // one window, reused
}

TEST(PaperMenu, EachLiveEntryLoadsItsPreset) {
    MainWindow main;
    auto* menu = main.findChild<QMenu*>("paperMenu");
    ASSERT_NE(menu, nullptr);
    const auto presets = entries(menu, "paperPreset:");
    ASSERT_FALSE(presets.empty());
    for (auto it = presets.rbegin(); it != presets.rend(); ++it) {
        const auto& [preset, action] = *it;
        action->trigger();
        EXPECT_EQ(QString::fromStdString(main.document()->scenario().name), preset);
    }
}
