// The results window of the learning experiments, offscreen: runs with tiny settings, checked
// against the engine functions called directly (state, not pixels), cancel, closing during a run,
// bad settings and export.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>

#include "app/learningcommands.h"
#include "engine/experiments/learningsummaries.h"
#include "engine/report/format.h"
#include "plottesthelpers.h"
#include "ui/lab/mainwindow.h"
#include "ui/results/batchrunner.h"
#include "ui/results/experimenttabs.h"
#include "ui/results/experimentwindow.h"
#include "ui/results/resultplots.h"
#include "waitfor.h"

using namespace ui;
namespace ex = engine::experiments;
using engine::Rule;
using plottest::named;
using plottest::plottables;
using plottest::runAndWait;

namespace {

QString fixed(double v, int digits = 4) {
    return QString::fromStdString(engine::report::fixed(v, digits));
}

double barValue(QCPAbstractPlottable* p, int i) {
    return static_cast<QCPBars*>(p)->data()->at(i)->value;
}

/// Every axis rect of the plot has labels on both axes.
void expectLabelledAxes(QCustomPlot* plot) {
    ASSERT_GE(plot->axisRectCount(), 1);
    EXPECT_FALSE(plot->axisRect(0)->axis(QCPAxis::atLeft)->label().isEmpty());
    for (int i = 0; i < plot->axisRectCount(); ++i)
        EXPECT_FALSE(plot->axisRect(i)->axis(QCPAxis::atBottom)->label().isEmpty());
    EXPECT_TRUE(plot->legend->visible());
    EXPECT_GT(plot->legend->itemCount(), 0);
}

struct SmallFear {
    ex::FearConfig config;
    SmallFear() {
        config.trialsPerPhase = 4;
        config.pc.iterations = 20;
    }
    void apply(FearTab* tab) {
        tab->setSetting("seeds", "2");
        tab->setSetting("trials", "4");
        tab->setSetting("T", "20");
    }
};

}  // namespace

TEST(ExperimentWindow, OpensFromTheViewMenuWithATabPerExperiment) {
    MainWindow main;
    auto* action = main.findChild<QAction*>("experimentResultsAction");
    ASSERT_NE(action, nullptr);
    action->trigger();
    auto* window = main.findChild<ExperimentWindow*>();
    ASSERT_NE(window, nullptr);
    EXPECT_TRUE(window->isVisible());
    EXPECT_FALSE(window->isModal());
    EXPECT_EQ(window->tabs()->count(), 9);  // 5 small figures, 4 learning experiments
    action->trigger();                      // a second time: the same window
    EXPECT_EQ(main.findChildren<ExperimentWindow*>().size(), 1);
    // The paper's defaults, under the command line's option names.
    EXPECT_EQ(window->fearTab()->setting("seeds")->text(), "8");
    EXPECT_EQ(window->reversalTab()->setting("T")->text(), "256");
    EXPECT_EQ(window->sensorimotorTab()->setting("pc-memory-lr")->text(), "0.01");
    EXPECT_EQ(window->erraticTab()->setting("alphas-pc")->text(), "0.476,0.5,0.524,0.548,0.572");
}

TEST(ResultPlots, AnEmptyPlotUsesTheWholeWidthAndTheLegendJoinsWithItsEntries) {
    QCustomPlot plot;
    const auto rects = resultplots::setUp(&plot, "A title of a few words", 2, 4);
    plot.setViewport(QRect(0, 0, 1000, 500));
    plot.replot();
    // An empty legend in the layout would cap the column at the title's width (about 200 px).
    EXPECT_GT(rects[0]->outerRect().width() + rects[1]->outerRect().width(), 900);
    resultplots::showLegend(&plot);  // nothing to show yet
    EXPECT_FALSE(plot.legend->visible());
    QCPGraph* graph =
        plot.addGraph(rects[0]->axis(QCPAxis::atBottom), rects[0]->axis(QCPAxis::atLeft));
    graph->setName("a series");
    resultplots::showLegend(&plot);
    plot.replot();
    EXPECT_TRUE(plot.legend->visible());
    EXPECT_EQ(plot.legend->layout(), plot.plotLayout());
    EXPECT_GT(rects[0]->outerRect().width() + rects[1]->outerRect().width(), 900);
}

TEST(ExperimentWindow, EveryTabSettingStartsAtTheCommandLineDefault) {
    // The tabs and the commands build their settings from the same engine tables: every option
    // of the command line but --threads and --csv is a field, with the same default.
    ExperimentWindow window;
    const std::map<std::string, ExperimentTab*> tabs{
        {"fear-conditioning", window.fearTab()},
        {"reversal-learning", window.reversalTab()},
        {"sensorimotor-transfer", window.sensorimotorTab()},
        {"erratic", window.erraticTab()}};
    for (const app::Experiment& e : app::learningExperiments()) {
        const auto tab = tabs.find(e.name);
        ASSERT_NE(tab, tabs.end()) << e.name;
        int fields = 0;
        auto specOf = [&](const std::string& name) {
            return std::find_if(e.options.begin(), e.options.end(),
                                [&](const app::OptionSpec& o) { return o.name == name; });
        };
        for (const QLineEdit* field : tab->second->findChildren<QLineEdit*>()) {
            const std::string name = field->objectName().toStdString();
            if (name.empty())
                continue;
            const auto spec = specOf(name);
            ASSERT_NE(spec, e.options.end()) << e.name << " --" << name;
            EXPECT_FALSE(spec->flag) << e.name << " --" << name;
            EXPECT_EQ(field->text().toStdString(), spec->defaultValue) << e.name << " --" << name;
            ++fields;
        }
        // A flag is a check box, off by default (other check boxes are view options).
        for (const QCheckBox* box : tab->second->findChildren<QCheckBox*>()) {
            const auto spec = specOf(box->objectName().toStdString());
            if (spec == e.options.end())
                continue;
            EXPECT_TRUE(spec->flag) << e.name << " --" << spec->name;
            EXPECT_FALSE(box->isChecked()) << e.name << " --" << spec->name;
            ++fields;
        }
        const auto settings = std::count_if(
            e.options.begin(), e.options.end(),
            [](const app::OptionSpec& o) { return o.name != "threads" && o.name != "csv"; });
        EXPECT_EQ(fields, settings) << e.name;
    }
}

TEST(ExperimentWindow, FearBarsAndSummaryAreTheEngineNumbers) {
    ExperimentWindow window;
    FearTab* tab = window.fearTab();
    SmallFear small;
    small.apply(tab);
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    EXPECT_TRUE(tab->status().startsWith("Done")) << tab->status().toStdString();
    EXPECT_EQ(tab->progressBar()->value(), 12);
    QCustomPlot* plot = tab->plot();
    ASSERT_EQ(plottables<QCPBars>(plot).size(), 2u);
    ASSERT_EQ(plottables<QCPErrorBars>(plot).size(), 2u);
    expectLabelledAxes(plot);
    EXPECT_NE(plot->axisRect()->axis(QCPAxis::atLeft)->label().indexOf("sd"), -1);
    const auto groups = ex::fearGroups();
    for (int r = 0; r < 2; ++r) {
        const Rule rule = ex::LearningRules[r];
        auto* bars = named(plot, QString("%1 mean ± sd").arg(engine::ruleName(rule)));
        ASSERT_NE(bars, nullptr);
        ASSERT_EQ(static_cast<QCPBars*>(bars)->data()->size(), 3);
        for (size_t g = 0; g < groups.size(); ++g) {
            std::vector<double> values;
            for (std::uint64_t seed = 0; seed < 2; ++seed)
                values.push_back(
                    ex::fearConditioningRun(rule, groups[g], seed, small.config).fearToNoise);
            const ex::SeedStats s = ex::seedStats(values);
            EXPECT_EQ(barValue(bars, static_cast<int>(g)), s.mean);
            EXPECT_NE(tab->summary().indexOf(QString("%1 %2 (%3)")
                                                 .arg(ex::fearGroupName(groups[g]))
                                                 .arg(fixed(s.mean), fixed(s.sd))),
                      -1)
                << tab->summary().toStdString();
        }
    }
    // The mechanism the plot is about: BP's extinction leaves fear to the noise unchanged.
    auto* bp = named(plot, "BP mean ± sd");
    EXPECT_EQ(barValue(bp, 1), barValue(bp, 2));
    auto* pc = named(plot, "PC mean ± sd");
    EXPECT_GT(barValue(pc, 2), barValue(pc, 1));
    EXPECT_EQ(tab->table().rows.size(), 12u);
}

TEST(ExperimentWindow, ReversalCrossingPlotIsTheEngineAggregation) {
    ExperimentWindow window;
    ReversalTab* tab = window.reversalTab();
    ASSERT_TRUE(tab->setSetting("bp-seeds", "2"));
    ASSERT_TRUE(tab->setSetting("pc-seeds", "2"));
    tab->setSetting("trials", "40");
    tab->setSetting("T", "16");
    tab->setSetting("summary-after", "0");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    EXPECT_EQ(plot->axisRectCount(), 2);  // one panel per rule
    ASSERT_EQ(plottables<QCPGraph>(plot).size(), 4u);
    EXPECT_EQ(plottables<QCPErrorBars>(plot).size(), 4u);
    expectLabelledAxes(plot);
    EXPECT_NE(plot->axisRect(0)->axis(QCPAxis::atLeft)->label().indexOf("s.e.m."), -1);

    ex::ReversalConfig config;
    config.trials = 40;
    config.pc.iterations = 16;
    for (Rule rule : ex::LearningRules) {
        std::vector<double> at[2], next[2];
        for (std::uint64_t seed = 0; seed < 2; ++seed)
            for (const ex::PunishOutcome& p :
                 ex::punishOutcomes(ex::reversalRun(rule, seed, config).rows)) {
                at[p.switched].push_back(p.valueAtPunish);
                next[p.switched].push_back(p.valueNextTrial);
            }
        for (int sw = 0; sw < 2; ++sw) {
            auto* graph = static_cast<QCPGraph*>(
                named(plot, QString("%1, next choice: %2")
                                .arg(engine::ruleName(rule), sw ? "switch" : "stay")));
            ASSERT_NE(graph, nullptr);
            ASSERT_EQ(graph->data()->size(), 2);
            // The settings give both rules punished trials followed by a stay and by a switch,
            // so every check below runs.
            ASSERT_FALSE(at[sw].empty()) << engine::ruleName(rule) << (sw ? " switch" : " stay");
            const double meanAt = ex::seedStats(at[sw]).mean;
            const double meanNext = ex::seedStats(next[sw]).mean;
            EXPECT_DOUBLE_EQ(graph->data()->at(0)->value, meanAt);
            EXPECT_DOUBLE_EQ(graph->data()->at(1)->value, meanNext);
            EXPECT_NE(tab->summary().indexOf(QString("(n %1) %2 → %3")
                                                 .arg(at[sw].size())
                                                 .arg(fixed(meanAt), fixed(meanNext))),
                      -1)
                << tab->summary().toStdString();
        }
    }
    EXPECT_EQ(tab->table().rows.size(), 2u * 2u * 40u);
    EXPECT_EQ(tab->table().header.size(), 11u);
}

TEST(ExperimentWindow, SensorimotorBarsAreTheEngineAdaptationNormalisedOrRaw) {
    ExperimentWindow window;
    SensorimotorTab* tab = window.sensorimotorTab();
    tab->setSetting("seeds", "2");
    tab->setSetting("training-blocks", "2");
    tab->setSetting("test-blocks", "2");
    tab->setSetting("T", "16");
    EXPECT_NE(tab->plot()->legend->layout(), tab->plot()->plotLayout());  // empty: not laid out
    ASSERT_TRUE(runAndWait(tab));
    EXPECT_EQ(tab->plot()->legend->layout(), tab->plot()->plotLayout());
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    ASSERT_EQ(plottables<QCPBars>(plot).size(), 2u);
    expectLabelledAxes(plot);
    ASSERT_EQ(plot->axisRectCount(), 2);

    // Each seed's mean adaptation per group, from the engine run directly.
    ex::SensorimotorConfig config;
    config.trainingBlocks = 2;
    config.testBlocks = 2;
    config.pc.iterations = 16;
    const auto groups = ex::exposureGroups();
    std::map<Rule, std::vector<std::vector<double>>> raw;  // rule -> group -> seeds
    for (Rule rule : ex::LearningRules) {
        std::vector<ex::AdaptationRow> rows[2];
        for (std::uint64_t seed = 0; seed < 2; ++seed)
            rows[seed] = ex::sensorimotorRun(rule, seed, config).rows;
        for (size_t g = 0; g < groups.size(); ++g) {
            std::vector<double> perSeed;
            for (const auto& seedRows : rows) {
                double sum = 0.0;
                int n = 0;
                for (const ex::AdaptationRow& r : seedRows)
                    if (r.group == groups[g].name()) {
                        sum += r.adaptation;
                        ++n;
                    }
                ASSERT_EQ(n, 2);
                perSeed.push_back(sum / n);
            }
            raw[rule].push_back(perSeed);
        }
    }
    auto barsOf = [&](Rule rule) {
        auto* bars = static_cast<QCPBars*>(
            named(tab->plot(), QString("%1 mean ± sd").arg(engine::ruleName(rule))));
        EXPECT_NE(bars, nullptr);
        return bars;
    };

    // Normalised (the default): each group over the rule's mean same-cue adaptation (1+, 1-),
    // both panels on one scale.
    ASSERT_TRUE(tab->normalised());
    EXPECT_NE(plot->axisRect(0)->axis(QCPAxis::atLeft)->label().indexOf("same-cue"), -1);
    for (Rule rule : ex::LearningRules) {
        QCPBars* bars = barsOf(rule);
        ASSERT_EQ(bars->data()->size(), 4);
        const double scale =
            (ex::seedStats(raw[rule][0]).mean + ex::seedStats(raw[rule][2]).mean) / 2.0;
        for (size_t g = 0; g < groups.size(); ++g) {
            std::vector<double> scaled;
            for (double v : raw[rule][g])
                scaled.push_back(v / scale);
            EXPECT_NEAR(barValue(bars, static_cast<int>(g)), ex::seedStats(scaled).mean, 1e-12);
        }
    }
    EXPECT_EQ(plot->axisRect(0)->axis(QCPAxis::atLeft)->range(),
              plot->axisRect(1)->axis(QCPAxis::atLeft)->range());

    // Raw: the engine's means, each panel scaled to its own bars.
    tab->setNormalised(false);
    EXPECT_NE(plot->axisRect(0)->axis(QCPAxis::atLeft)->label().indexOf("raw"), -1);
    for (int r = 0; r < 2; ++r) {
        const Rule rule = ex::LearningRules[r];
        QCPBars* bars = barsOf(rule);
        ASSERT_EQ(bars->data()->size(), 4);
        EXPECT_EQ(bars->keyAxis()->axisRect(), plot->axisRect(r));
        double top = 0.0;
        for (size_t g = 0; g < groups.size(); ++g) {
            EXPECT_DOUBLE_EQ(barValue(bars, static_cast<int>(g)), ex::seedStats(raw[rule][g]).mean);
            top = std::max(top, barValue(bars, static_cast<int>(g)));
        }
        EXPECT_GE(bars->valueAxis()->range().upper, top);
        EXPECT_LE(bars->valueAxis()->range().upper, 10 * std::abs(top) + 1e-30);
    }
    // BP: an exposure with cue 2 does not change the cue-1 prediction; what is left of its
    // other-cue bars is the channel trial's own teaching, far below the same-cue bars.
    QCPBars* bp = barsOf(Rule::BP);
    EXPECT_LT(std::abs(barValue(bp, 1)), 1e-3 * std::abs(barValue(bp, 0)));
    EXPECT_LT(std::abs(barValue(bp, 3)), 1e-3 * std::abs(barValue(bp, 2)));
    EXPECT_NE(tab->summary().indexOf("raw"), -1) << tab->summary().toStdString();
    EXPECT_NE(tab->summary().indexOf("transfer 2+/1+"), -1) << tab->summary().toStdString();
    EXPECT_EQ(tab->table().header.back(), "adaptation_normalised");
}

TEST(ExperimentWindow, ErraticScatterHasOnePointPerSeedAndRate) {
    ExperimentWindow window;
    ErraticTab* tab = window.erraticTab();
    tab->setSetting("seeds", "2");
    tab->setSetting("trials", "3");
    tab->setSetting("width", "4");
    tab->setSetting("alphas-pc", "0.5");
    tab->setSetting("alphas-bp", "0.35, 0.3");  // descending: the points come unsorted
    tab->setSetting("T", "10");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    expectLabelledAxes(plot);
    auto* bpSeeds = static_cast<QCPGraph*>(named(plot, "BP one seed"));
    auto* pcSeeds = static_cast<QCPGraph*>(named(plot, "PC one seed"));
    auto* pcMeans = static_cast<QCPGraph*>(named(plot, "PC mean per α"));
    ASSERT_TRUE(bpSeeds && pcSeeds && pcMeans);
    EXPECT_EQ(bpSeeds->data()->size(), 4);  // 2 rates x 2 seeds
    EXPECT_EQ(pcSeeds->data()->size(), 2);
    EXPECT_EQ(pcMeans->data()->size(), 1);
    ex::ErraticConfig config;
    config.trials = 3;
    config.width = 4;
    config.pc.iterations = 10;
    std::vector<double> path, final;
    for (std::uint64_t seed = 0; seed < 2; ++seed) {
        const ex::PathResult r = ex::erraticRun(Rule::PC, 0.5, seed, config);
        path.push_back(r.length.path);
        final.push_back(r.length.finalDistance);
    }
    EXPECT_DOUBLE_EQ(pcMeans->data()->at(0)->key, ex::seedStats(final).mean);
    EXPECT_DOUBLE_EQ(pcMeans->data()->at(0)->value, ex::seedStats(path).mean);
    for (int i = 0; i < 2; ++i) {
        bool found = false;
        for (int k = 0; k < pcSeeds->data()->size(); ++k)
            found |= pcSeeds->data()->at(k)->key == final[static_cast<size_t>(i)] &&
                     pcSeeds->data()->at(k)->value == path[static_cast<size_t>(i)];
        EXPECT_TRUE(found) << "seed " << i;
    }
    EXPECT_NE(tab->summary().indexOf(QString("path %1").arg(fixed(ex::seedStats(path).mean, 3))),
              -1)
        << tab->summary().toStdString();
    EXPECT_EQ(tab->table().rows.size(), 6u);
    // Every point is inside the axes' ranges (the seeds come in no particular order).
    const QCPRange xs = plot->xAxis->range(), ys = plot->yAxis->range();
    for (QCPGraph* g : plottables<QCPGraph>(plot))
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            EXPECT_TRUE(xs.contains(it->key)) << g->name().toStdString() << " " << it->key;
            EXPECT_TRUE(ys.contains(it->value)) << g->name().toStdString() << " " << it->value;
        }
}

TEST(ExperimentWindow, BadSettingsAreReportedAndStartNothing) {
    ExperimentWindow window;
    struct Case {
        ExperimentTab* tab;
        const char* field;
        const char* text;
        const char* message;
    };
    const Case cases[] = {
        {window.fearTab(), "seeds", "0", "seeds: 0 is out of range"},
        {window.fearTab(), "lr-light", "nan", "lr-light: 'nan' is not a finite number"},
        {window.fearTab(), "lr-noise", "-1", "lr-noise: must be >= 0"},
        {window.reversalTab(), "trials", "ten", "trials: 'ten' is not a whole number"},
        {window.sensorimotorTab(), "discount", "0", "discount must be in (0, 1]"},
        {window.erraticTab(), "alphas-pc", "", "alphas-pc: give at least one learning rate"},
        {window.erraticTab(), "alphas-bp", "0.1,x", "'x' in '0.1,x' is not a finite number"},
    };
    for (const Case& c : cases) {
        c.tab->restoreDefaults();
        ASSERT_TRUE(c.tab->setSetting(c.field, c.text));
        QTest::mouseClick(c.tab->runButton(), Qt::LeftButton);
        EXPECT_FALSE(c.tab->running()) << c.field;
        EXPECT_NE(c.tab->status().indexOf(c.message), -1) << c.tab->status().toStdString();
        EXPECT_TRUE(c.tab->status().startsWith("Not started")) << c.tab->status().toStdString();
        EXPECT_FALSE(c.tab->hasResult());
        EXPECT_EQ(c.tab->plot()->plottableCount(), 0);
    }
}

TEST(ExperimentWindow, CancelStopsALongRunAndKeepsThePreviousResult) {
    ExperimentWindow window;
    FearTab* tab = window.fearTab();
    SmallFear small;
    small.apply(tab);
    ASSERT_TRUE(runAndWait(tab));
    const QString summary = tab->summary();
    const double before = barValue(named(tab->plot(), "PC mean ± sd"), 2);
    const int plottablesBefore = tab->plot()->plottableCount();

    tab->setSetting("seeds", "5000");  // 30000 runs: minutes
    tab->setSetting("T", "200");
    tab->setSetting("trials", "32");
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    ASSERT_TRUE(tab->running());
    EXPECT_FALSE(tab->runButton()->isEnabled());
    EXPECT_FALSE(tab->setting("seeds")->isEnabled());
    ASSERT_TRUE(waitFor([&] { return tab->progressBar()->value() > 0; }));
    QTest::mouseClick(tab->cancelButton(), Qt::LeftButton);
    // Cancelled, not finished: the runs left (minutes of them) never ran. The limit only ends
    // a hang.
    ASSERT_TRUE(waitFor([&] { return !tab->running(); }, 120000));
    EXPECT_LT(tab->progressBar()->value(), tab->progressBar()->maximum());
    EXPECT_TRUE(tab->status().startsWith("Cancelled")) << tab->status().toStdString();
    EXPECT_EQ(tab->summary(), summary);
    EXPECT_EQ(tab->plot()->plottableCount(), plottablesBefore);
    EXPECT_EQ(barValue(named(tab->plot(), "PC mean ± sd"), 2), before);
    EXPECT_EQ(tab->table().rows.size(), 12u);
    EXPECT_TRUE(tab->runButton()->isEnabled());
}

TEST(ExperimentWindow, CancelBeforeAnyResultLeavesAnEmptyPlot) {
    ExperimentWindow window;
    ErraticTab* tab = window.erraticTab();
    // Many short runs (minutes in all), so that cancelling, which lets the runs in progress
    // finish, is prompt even in a sanitizer build on a busy machine.
    tab->setSetting("seeds", "50000");
    tab->setSetting("width", "8");
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    ASSERT_TRUE(tab->running());
    QTest::mouseClick(tab->cancelButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return !tab->running(); }, 120000));
    EXPECT_EQ(tab->status(), "Cancelled.");
    EXPECT_EQ(tab->plot()->plottableCount(), 0);
    EXPECT_TRUE(tab->summary().isEmpty());
    EXPECT_FALSE(tab->hasResult());
}

TEST(ExperimentWindow, ClosingOrDeletingDuringARunIsSafe) {
    {
        ExperimentWindow window;
        window.show();
        QTest::mouseClick(window.reversalTab()->runButton(), Qt::LeftButton);
        ASSERT_TRUE(window.running());
        window.close();  // cancels
        ASSERT_TRUE(waitFor([&] { return !window.running(); }, 120000));
        EXPECT_TRUE(window.reversalTab()->status().startsWith("Cancelled"));
    }
    {
        // Quitting the app with a run in progress: the main window deletes the results window,
        // which joins its threads.
        auto main = std::make_unique<MainWindow>();
        main->findChild<QAction*>("experimentResultsAction")->trigger();
        auto* window = main->findChild<ExperimentWindow*>();
        QTest::mouseClick(window->sensorimotorTab()->runButton(), Qt::LeftButton);
        QTest::mouseClick(window->fearTab()->runButton(), Qt::LeftButton);
        ASSERT_TRUE(window->running());
        // Returns once the threads are joined (the test's TIMEOUT ends a hang); then no run is
        // left to touch the deleted windows, which the sanitizer build would report.
        QPointer<ExperimentWindow> gone(window);
        main.reset();
        EXPECT_TRUE(gone.isNull());
    }
}

TEST(ExperimentWindow, ExportsPlotAndCsv) {
    ExperimentWindow window;
    FearTab* tab = window.fearTab();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    EXPECT_NE(tab->saveCsv(dir.filePath("early.csv")).indexOf("run the experiment first"), -1);
    SmallFear small;
    small.apply(tab);
    ASSERT_TRUE(runAndWait(tab));
    const QString png = dir.filePath("fear.png"), pdf = dir.filePath("fear.pdf"),
                  csv = dir.filePath("fear.csv");
    EXPECT_EQ(tab->savePlot(png), "");
    EXPECT_EQ(tab->savePlot(pdf), "");
    EXPECT_EQ(tab->saveCsv(csv), "");
    QImage image(png);
    EXPECT_FALSE(image.isNull());
    QFile pdfFile(pdf);
    ASSERT_TRUE(pdfFile.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdfFile.read(5) == "%PDF-");
    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(csvFile.readAll()).split('\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 1 + 2 * 3 * 2);
    EXPECT_EQ(lines[0], "rule,group,seed,fear_to_noise");
    EXPECT_EQ(lines[1].section(',', 0, 2), "BP,N+,0");
    EXPECT_EQ(lines[1].section(',', 3).toDouble(),
              ex::fearConditioningRun(Rule::BP, ex::FearGroup::Noise, 0, small.config).fearToNoise);
    // A folder that does not exist: a clear error, nothing written.
    const QString bad = dir.filePath("no/such/folder/fear.csv");
    const QString error = tab->saveCsv(bad);
    EXPECT_NE(error.indexOf("Cannot write"), -1) << error.toStdString();
    EXPECT_NE(tab->savePlot(dir.filePath("no/such/folder/fear.png")).indexOf("Cannot write"), -1);
    EXPECT_FALSE(QFile::exists(bad));
}

TEST(BatchRunner, RunsEveryJobOnceOnSeveralThreadsAndCancels) {
    BatchRunner runner;
    std::vector<std::atomic<int>> hits(200);
    bool ended = false, wasCancelled = true;
    QObject::connect(&runner, &BatchRunner::finished, [&](bool c) {
        ended = true;
        wasCancelled = c;
    });
    ASSERT_TRUE(runner.start(
        hits.size(), [&](std::size_t i) { ++hits[i]; }, 4));
    EXPECT_FALSE(runner.start(1, [](std::size_t) {}));  // one batch at a time
    ASSERT_TRUE(waitFor([&] { return ended; }));
    EXPECT_FALSE(wasCancelled);
    EXPECT_EQ(runner.threadCount(), 4u);
    for (auto& h : hits)
        EXPECT_EQ(h.load(), 1);

    ended = false;
    std::atomic<int> started{0};
    ASSERT_TRUE(runner.start(
        1000,
        [&](std::size_t) {
            ++started;
            QThread::msleep(5);
        },
        2));
    runner.cancel();
    ASSERT_TRUE(waitFor([&] { return ended; }));
    EXPECT_TRUE(wasCancelled);
    EXPECT_LT(started.load(), 1000);

    ended = false;
    ASSERT_TRUE(runner.start(3, [](std::size_t i) {
        if (i == 1)
            throw std::runtime_error("out of memory");
    }));
    ASSERT_TRUE(waitFor([&] { return ended; }));
    EXPECT_TRUE(wasCancelled);
    EXPECT_EQ(runner.error(), "out of memory");
}

TEST(BatchRunner, AJobThatThrowsAnythingEndsTheRunWithAMessage) {
    // Not only std::exception: whatever a job throws is caught on its thread and reported.
    BatchRunner runner;
    bool ended = false, wasCancelled = false;
    QObject::connect(&runner, &BatchRunner::finished, [&](bool c) {
        ended = true;
        wasCancelled = c;
    });
    ASSERT_TRUE(runner.start(
        4,
        [](std::size_t i) {
            if (i == 2)
                throw 42;
        },
        2));
    ASSERT_TRUE(waitFor([&] { return ended; }));
    EXPECT_TRUE(wasCancelled);
    EXPECT_FALSE(runner.error().isEmpty());
    EXPECT_FALSE(runner.running());
}
