// The results window's tabs of the paper's small figures, offscreen: runs with tiny settings,
// checked against the engine functions called directly (state, not pixels), and export.
#include <gtest/gtest.h>

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "app/experimentcommands.h"
#include "app/learningcommands.h"
#include "engine/experiments/dataplan.h"
#include "engine/experiments/figuresummaries.h"
#include "engine/report/format.h"
#include "plottesthelpers.h"
#include "ui/results/experimentwindow.h"
#include "ui/results/figuretabs.h"

using namespace ui;
using namespace plottest;
namespace ex = engine::experiments;
using engine::Rule;

namespace {

QString fixed(double v, int digits = 4) {
    return QString::fromStdString(engine::report::fixed(v, digits));
}

/// The rule's path in the output space (sound, smell) of a bear run, from the engine.
std::vector<std::pair<double, double>> bearPath(Rule rule, double alpha, int trials,
                                                const engine::PcConfig& pc) {
    std::vector<std::pair<double, double>> out;
    for (const ex::OutputRow& r : ex::interference(alpha, trials, pc).rows)
        if (r.rule == rule)
            out.push_back({r.output(0), r.output(1)});
    return out;
}

/// Both axes labelled, the legend shown with entries.
void expectLabelledAndLegend(QCustomPlot* plot) {
    EXPECT_FALSE(plot->axisRect(0)->axis(QCPAxis::atLeft)->label().isEmpty());
    EXPECT_FALSE(plot->axisRect(0)->axis(QCPAxis::atBottom)->label().isEmpty());
    EXPECT_TRUE(plot->legend->visible());
    EXPECT_GT(plot->legend->itemCount(), 0);
}

}  // namespace

TEST(FigureTabs, EveryFigureHasATabWithThePapersLabelAndTheCommandLinesDefaults) {
    ExperimentWindow window;
    std::set<std::string> learning;
    for (const app::Experiment& e : app::learningExperiments())
        learning.insert(e.name);
    int figures = 0;
    for (const app::Experiment& e : app::experiments()) {
        // The FashionMNIST experiments have the Learning on data window (datawindow_test).
        if (engine::experiments::findDataExperiment(e.name))
            continue;
        ExperimentTab* tab = window.experimentTab(QString::fromStdString(e.name));
        ASSERT_NE(tab, nullptr) << e.name;  // every other experiment of the command line has one
        const int index = window.tabIndex(tab);
        if (e.paper.rfind("Fig. ", 0) == 0) {
            // The paper's label starts the title: "Fig. 3e", "Fig. 1/3a" (for "Fig. 1 / 3a").
            const QString label =
                QString::fromStdString(e.paper).remove(QLatin1Char(' ')).replace("Fig.", "Fig. ");
            EXPECT_TRUE(window.tabs()->tabText(index).startsWith(label))
                << e.name << ": " << window.tabs()->tabText(index).toStdString();
        }
        if (learning.count(e.name))
            continue;
        ++figures;
        int fields = 0;
        for (const app::OptionSpec& o : e.options) {
            if (o.name == "threads" || o.name == "csv")
                continue;
            ++fields;
            QLineEdit* field = tab->setting(QString::fromStdString(o.name));
            ASSERT_NE(field, nullptr) << e.name << " --" << o.name;
            EXPECT_EQ(field->text().toStdString(), o.defaultValue) << e.name << " --" << o.name;
        }
        EXPECT_EQ(static_cast<int>(tab->findChildren<QLineEdit*>().size()), fields) << e.name;
    }
    EXPECT_EQ(figures, 5);
    EXPECT_EQ(window.tabs()->count(), 9);
    EXPECT_TRUE(window.showExperiment("target-alignment"));
    EXPECT_EQ(window.currentExperimentTab(), window.targetAlignmentTab());
    EXPECT_FALSE(window.showExperiment("no-such-experiment"));
}

TEST(FigureTabs, InterferencePathsAreTheEnginePredictions) {
    ExperimentWindow window;
    InterferenceTab* tab = window.interferenceTab();
    tab->setSetting("trials", "6");
    tab->setSetting("T", "32");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    expectLabelledAndLegend(plot);
    EXPECT_NE(plot->axisRect()->axis(QCPAxis::atBottom)->label().indexOf("sound"), -1);
    engine::PcConfig pc{0.2, 32, 0.1, 0.5};
    for (Rule rule : ex::LearningRules) {
        auto* path = qobject_cast<QCPCurve*>(named(plot, engine::ruleName(rule)));
        ASSERT_NE(path, nullptr);
        const auto expected = bearPath(rule, 0.2, 6, pc);
        ASSERT_EQ(expected.size(), 6u);
        EXPECT_EQ(points(path), expected);
        EXPECT_EQ(path->pen().style(), rule == Rule::BP ? Qt::DashLine : Qt::SolidLine);
        const auto lowest = engine::seriesMinimum([&] {
            std::vector<double> smell;
            for (const auto& p : expected)
                smell.push_back(p.second);
            return smell;
        }());
        EXPECT_NE(tab->summary().indexOf(QString("%1 lowest smell %2 at trial %3")
                                             .arg(engine::ruleName(rule), fixed(lowest.value))
                                             .arg(lowest.at + 1)),
                  -1)
            << tab->summary().toStdString();
    }
    // The paper's first step: BP (0.64, 0.80), PC (0.8504, 0.9748).
    EXPECT_NE(tab->summary().indexOf("after one trial (0.6400, 0.8000)"), -1);
    EXPECT_NE(named(plot, "target (0, 1)"), nullptr);
    EXPECT_EQ(tab->table().rows.size(), 12u);
}

TEST(FigureTabs, LrSweepHasOnePathPerRuleAndRateFromTheEngine) {
    ExperimentWindow window;
    LrSweepTab* tab = window.lrSweepTab();
    tab->setSetting("alphas", "0.5, 0.05");
    tab->setSetting("trials", "5");
    tab->setSetting("T", "16");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    expectLabelledAndLegend(plot);
    // As the paper's panel, α 0.5 is left out of the plot by default, not out of the results.
    ASSERT_TRUE(tab->leavesOutLargeRates());
    EXPECT_EQ(plottables<QCPCurve>(plot).size(), 2u);
    EXPECT_EQ(named(plot, "BP α 0.5"), nullptr);
    EXPECT_NE(tab->summary().indexOf("α 0.5: BP "), -1) << tab->summary().toStdString();
    tab->setLeavesOutLargeRates(false);
    EXPECT_EQ(plottables<QCPCurve>(plot).size(), 4u);
    engine::PcConfig pc;
    pc.iterations = 16;
    for (Rule rule : ex::LearningRules) {
        QColor first;
        for (double alpha : {0.5, 0.05}) {
            const QString name = QString("%1 α %2").arg(engine::ruleName(rule)).arg(alpha);
            auto* path = qobject_cast<QCPCurve*>(named(plot, name));
            ASSERT_NE(path, nullptr) << name.toStdString();
            EXPECT_EQ(points(path), bearPath(rule, alpha, 5, pc)) << name.toStdString();
            if (first.isValid()) {
                EXPECT_NE(path->pen().color(), first);  // the rates are told apart by shade
            }
            first = path->pen().color();
        }
    }
    EXPECT_EQ(tab->table().header[1], "alpha");
    EXPECT_EQ(tab->table().rows.size(), 2u * 2 * 5);
    EXPECT_NE(tab->summary().indexOf("α 0.05: BP "), -1) << tab->summary().toStdString();
}

TEST(FigureTabs, TargetAlignmentMeansAndBandsAreTheEnginesOverSeeds) {
    ExperimentWindow window;
    TargetAlignmentTab* tab = window.targetAlignmentTab();
    tab->setSetting("depths", "1,3,2");  // out of order: the axis sorts them
    tab->setSetting("seeds", "2");
    tab->setSetting("width", "6");
    tab->setSetting("T", "32");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    expectLabelledAndLegend(plot);
    ex::DeepNetConfig config;
    config.width = 6;
    config.pc.iterations = 32;
    for (Rule rule : ex::LearningRules) {
        auto* line =
            qobject_cast<QCPGraph*>(named(plot, QString("%1 mean").arg(engine::ruleName(rule))));
        auto* band =
            qobject_cast<QCPGraph*>(named(plot, QString("%1 ± 1 sd").arg(engine::ruleName(rule))));
        ASSERT_TRUE(line && band);
        ASSERT_EQ(line->data()->size(), 3);
        ASSERT_NE(band->channelFillGraph(), nullptr);
        for (int d = 1; d <= 3; ++d) {
            std::vector<double> values;
            for (std::uint64_t seed = 0; seed < 2; ++seed) {
                const ex::AlignmentResult r = ex::targetAlignmentRun(d, seed, config);
                values.push_back(rule == Rule::BP ? r.bp : r.pc);
            }
            const ex::SeedStats s = ex::seedStats(values);
            EXPECT_EQ(line->data()->at(d - 1)->key, d);
            EXPECT_DOUBLE_EQ(line->data()->at(d - 1)->value, s.mean);
            EXPECT_DOUBLE_EQ(band->data()->at(d - 1)->value, s.mean + s.sd);
            EXPECT_DOUBLE_EQ(band->channelFillGraph()->data()->at(d - 1)->value, s.mean - s.sd);
        }
        EXPECT_NEAR(line->data()->at(0)->value, 1.0, 1e-9);  // one layer: straight at it
    }
    EXPECT_DOUBLE_EQ(plot->axisRect()->axis(QCPAxis::atLeft)->range().upper, 1.02);
    EXPECT_LE(plot->axisRect()->axis(QCPAxis::atLeft)->range().lower, 0.0);
    EXPECT_NE(tab->summary().indexOf("depth 1: BP 1.000"), -1) << tab->summary().toStdString();
    EXPECT_NE(tab->summary().indexOf("depth 3: BP"), -1) << tab->summary().toStdString();
    EXPECT_EQ(tab->table().rows.size(), 2u * 3 * 2);
}

TEST(FigureTabs, TargetAlignmentAxesShowThePapersRangesBeforeTheFirstRun) {
    // Before any run the axes are the panel's (depth 0.5 .. 25.5 for the default depths 1-25,
    // alignment 0 .. 1.02), not QCustomPlot's 0 .. 5; editing the depths moves the depth axis.
    ExperimentWindow window;
    TargetAlignmentTab* tab = window.targetAlignmentTab();
    ASSERT_FALSE(tab->hasResult());
    const QCPAxisRect* rect = tab->plot()->axisRect();
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atBottom)->range().lower, 0.5);
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atBottom)->range().upper, 25.5);
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atLeft)->range().lower, 0.0);
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atLeft)->range().upper, 1.02);
    ASSERT_TRUE(tab->setSetting("depths", "2,12"));
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atBottom)->range().lower, 0.5);
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atBottom)->range().upper, 12.5);
    // A depth list that does not read leaves the axis as it was.
    ASSERT_TRUE(tab->setSetting("depths", "deep"));
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atBottom)->range().upper, 12.5);
    tab->restoreDefaults();
    EXPECT_DOUBLE_EQ(rect->axis(QCPAxis::atBottom)->range().upper, 25.5);
}

TEST(FigureTabs, TrajectoriesRunOverTheEnginesLossLandscape) {
    ExperimentWindow window;
    TrajectoryTab* tab = window.trajectoryTab();
    tab->setSetting("trials", "5");
    tab->setSetting("T", "64");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    expectLabelledAndLegend(plot);
    ex::TrajectoryConfig config;
    config.pc.iterations = 64;
    const auto rows = ex::trajectories122(5, config).rows;
    for (Rule rule : ex::LearningRules) {
        auto* path = qobject_cast<QCPCurve*>(named(plot, engine::ruleName(rule)));
        ASSERT_NE(path, nullptr);
        std::vector<std::pair<double, double>> expected;
        for (const ex::WeightRow& r : rows)
            if (r.rule == rule)
                expected.push_back({r.w1, r.w2});
        EXPECT_EQ(points(path), expected);
    }
    // BP's first step is the paper's (0.4, 0.8).
    EXPECT_NE(tab->summary().indexOf("First step: BP (0.4000, 0.8000)"), -1)
        << tab->summary().toStdString();
    QCPColorMap* map = tab->landscape();
    ASSERT_NE(map, nullptr);
    EXPECT_EQ(map->colorScale(), tab->colorScale());
    EXPECT_NE(tab->colorScale()->axis()->label().indexOf("loss"), -1);
    for (const auto& [x, y] : {std::pair{0, 0}, std::pair{17, 90}, std::pair{199, 199}}) {
        double w1 = 0.0, w2 = 0.0;
        map->data()->cellToCoord(x, y, &w1, &w2);
        EXPECT_DOUBLE_EQ(map->data()->cell(x, y), ex::trajectoryLoss(w1, w2));
    }
    // The landscape covers the paths and the solution.
    EXPECT_TRUE(map->data()->keyRange().contains(1.0) && map->data()->valueRange().contains(0.5));
    EXPECT_NE(named(plot, "solution (1, 0.5)"), nullptr);
}

TEST(FigureTabs, ProspectiveIndexPerLayerIsTheEnginesOverSeeds) {
    ExperimentWindow window;
    ProspectiveIndexTab* tab = window.prospectiveIndexTab();
    tab->setSetting("depth", "3");
    tab->setSetting("width", "6");
    tab->setSetting("seeds", "2");
    tab->setSetting("T", "32");
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    QCustomPlot* plot = tab->plot();
    expectLabelledAndLegend(plot);
    auto* line = qobject_cast<QCPGraph*>(named(plot, "PC mean ± sd"));
    ASSERT_NE(line, nullptr);
    ASSERT_EQ(line->data()->size(), 3);
    ASSERT_EQ(plottables<QCPErrorBars>(plot).size(), 1u);
    ex::DeepNetConfig config = ex::ProspectiveIndexSettings{}.config;
    config.width = 6;
    config.pc.iterations = 32;
    std::vector<std::vector<double>> perLayer(3);
    for (std::uint64_t seed = 0; seed < 2; ++seed) {
        const auto rows = ex::prospectiveIndexRun(3, seed, config).rows;
        ASSERT_EQ(rows.size(), 3u);
        for (size_t l = 0; l < 3; ++l)
            perLayer[l].push_back(rows[l]);
    }
    for (int l = 0; l < 3; ++l) {
        const ex::SeedStats s = ex::seedStats(perLayer[static_cast<size_t>(l)]);
        EXPECT_EQ(line->data()->at(l)->key, l + 1);
        EXPECT_DOUBLE_EQ(line->data()->at(l)->value, s.mean);
        EXPECT_NE(tab->summary().indexOf(
                      QString("%1: %2 (%3)").arg(l + 1).arg(fixed(s.mean, 3), fixed(s.sd, 3))),
                  -1)
            << tab->summary().toStdString();
    }
    EXPECT_EQ(tab->table().rows.size(), 6u);
}

TEST(FigureTabs, AFigureExportsItsPlotAndCsv) {
    ExperimentWindow window;
    TrajectoryTab* tab = window.trajectoryTab();
    tab->setSetting("trials", "4");
    tab->setSetting("T", "32");
    ASSERT_TRUE(runAndWait(tab));
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    EXPECT_EQ(tab->savePlot(dir.filePath("paths.png")), "");
    EXPECT_EQ(tab->savePlot(dir.filePath("paths.pdf")), "");
    EXPECT_EQ(tab->saveCsv(dir.filePath("paths.csv")), "");
    EXPECT_FALSE(QImage(dir.filePath("paths.png")).isNull());
    QFile csv(dir.filePath("paths.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 1 + 2 * 4);
    EXPECT_EQ(lines[0], "rule,trial,w1,w2");
    EXPECT_EQ(lines[2], "BP,2,0.4,0.8");
}

TEST(FigureTabs, BadSettingsAreReportedAndStartNothing) {
    ExperimentWindow window;
    const std::pair<ExperimentTab*, std::pair<const char*, const char*>> cases[] = {
        {window.interferenceTab(), {"trials", "0"}},
        {window.lrSweepTab(), {"alphas", ""}},
        {window.targetAlignmentTab(), {"depths", "3-1"}},
        {window.trajectoryTab(), {"pc-alpha", "x"}},
        {window.prospectiveIndexTab(), {"activation", "softmax"}}};
    for (const auto& [tab, setting] : cases) {
        ASSERT_TRUE(tab->setSetting(setting.first, setting.second));
        QTest::mouseClick(tab->runButton(), Qt::LeftButton);
        EXPECT_FALSE(tab->running());
        EXPECT_TRUE(tab->status().startsWith("Not started")) << tab->status().toStdString();
        EXPECT_NE(tab->status().indexOf(setting.first), -1) << tab->status().toStdString();
        EXPECT_FALSE(tab->hasResult());
    }
}
