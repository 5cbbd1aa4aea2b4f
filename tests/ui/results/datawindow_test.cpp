// The "Learning on data" window, offscreen, on a tiny FashionMNIST stand-in written by the test:
// a small run draws curves, the summary plot, the strip and the confusion from the engine's
// numbers (state, not pixels), curves arrive while it runs, cancel, the missing-data dialog, bad
// settings and export (its fields and shape: datawindowfields_test.cpp).
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>

#include "engine/data/dataset.h"
#include "engine/experiments/dataexperiments.h"
#include "engine/experiments/dataplan.h"
#include "engine/experiments/datareport.h"
#include "engine/experiments/datashards.h"
#include "tinydata.h"
#include "ui/lab/mainwindow.h"
#include "ui/results/confusionview.h"
#include "ui/results/datalive.h"
#include "ui/results/datatab.h"
#include "ui/results/datawindow.h"
#include "ui/results/imagestrip.h"
#include "ui/views/plotfit.h"
#include "waitfor.h"

using namespace ui;
namespace ex = engine::experiments;

namespace {

/// The graphs drawn in one axis rect.
std::vector<QCPGraph*> graphsIn(QCustomPlot* plot, QCPAxisRect* rect) {
    std::vector<QCPGraph*> out;
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->keyAxis()->axisRect() == rect)
            out.push_back(plot->graph(i));
    return out;
}

template <typename Item>
int itemsOf(QCustomPlot* plot) {
    int n = 0;
    for (int i = 0; i < plot->itemCount(); ++i)
        n += qobject_cast<Item*>(plot->item(i)) ? 1 : 0;
    return n;
}

/// A data folder of its own per test, and small settings for a tab.
class DataWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(m_dir.isValid());
        tinydata::write(m_dir.path().toStdString(), 12, 6);
    }
    void small(DataTab* tab, const std::map<QString, QString>& settings) {
        tab->setSetting("data", m_dir.path());
        for (const auto& [name, text] : settings)
            ASSERT_TRUE(tab->setSetting(name, text)) << name.toStdString();
    }
    /// The plan the tab's fields describe, run by the engine directly on the same data.
    std::pair<ex::DataPlan, std::vector<ex::DataCellResult>> engineRun(DataTab* tab) {
        ex::DataPlanRead read = ex::readDataPlan(
            tab->protocol(),
            [tab](const std::string& name) {
                return tab->setting(QString::fromStdString(name))->text().toStdString();
            },
            "");
        EXPECT_TRUE(read.plan);
        const auto data = engine::data::loadFashionMnistCached(m_dir.path().toStdString());
        EXPECT_TRUE(data.ok()) << data.error;
        std::vector<ex::DataCellResult> results;
        for (const ex::DataCell& c : read.plan->cells)
            results.push_back(read.plan->run(*data.dataset, c, {}));
        return {*read.plan, results};
    }
    QTemporaryDir m_dir;
};

bool runAndWait(DataTab* tab, int ms = 60000) {
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    return waitFor([&] { return !tab->running(); }, ms);
}

}  // namespace

TEST_F(DataWindowTest, ADepthRunDrawsTheEnginesCurvesSummaryStripAndConfusion) {
    DataWindow window;
    DataTab* tab = window.dataTabs()[0];
    small(tab, {{"depths", "1,2"},
                {"alphas", "0.01,0.001"},
                {"seeds", "2"},
                {"per-class", "6"},
                {"epochs", "3"},
                {"batch-size", "10"},
                {"T", "6"}});
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    EXPECT_TRUE(tab->status().startsWith("Done: 16 runs")) << tab->status().toStdString();
    const auto [plan, results] = engineRun(tab);
    // The CSV and the summary are the engine's (the command line's).
    EXPECT_EQ(engine::report::csvText(tab->table()),
              engine::report::csvText(ex::dataCsvOf(plan, plan.cells, results)));
    EXPECT_EQ(tab->summary().toStdString(), ex::dataSummaryText(plan, results));
    // Curves of the deepest net: one thin curve per rule, rate and seed with its test errors,
    // and the best rate's mean per rule.
    EXPECT_EQ(tab->curveSetting()->currentData().toInt(), 2);
    const std::vector<QCPGraph*> curves = graphsIn(tab->plot(), tab->curveRects()[0]);
    ASSERT_EQ(curves.size(), 8u + 2u);
    int matched = 0;
    for (size_t k = 0; k < plan.cells.size(); ++k) {
        if (plan.cells[k].setting != 2)
            continue;
        for (QCPGraph* g : curves) {
            bool same = g->data()->size() == 3;
            for (int e = 0; same && e < 3; ++e)
                same = g->data()->at(e)->value == results[k].errors[0][static_cast<size_t>(e)];
            if (same) {
                ++matched;
                break;
            }
        }
    }
    EXPECT_EQ(matched, 8);
    // The summary plot: a point per seed of each rule's best rate, at both depths.
    const ex::DataSummary summary = ex::summariseData(plan.metric, plan.cells, results);
    const std::vector<QCPGraph*> points = graphsIn(tab->plot(), tab->summaryRect());
    std::size_t seedPoints = 0;
    for (QCPGraph* g : points)
        if (g->lineStyle() == QCPGraph::lsNone)
            seedPoints += static_cast<std::size_t>(g->data()->size());
    EXPECT_EQ(seedPoints, 2u * 2 * 2);
    for (QCPGraph* g : points)
        if (g->name() == "PC: best rate, mean ± sd") {
            ASSERT_EQ(g->data()->size(), 2);
            EXPECT_DOUBLE_EQ(g->data()->at(1)->value,
                             summary.row(engine::Rule::PC, 2)->bestRate()->stats.mean);
        }
    // The strip: ten test images, both rules' predictions; the confusion: the 60 test images each.
    EXPECT_EQ(tab->strip()->imageCount(), 10);
    for (int r = 0; r < 2; ++r) {
        EXPECT_EQ(tab->strip()->predictions(r).size(), 10);
        ASSERT_EQ(tab->confusion()->size(r), 10);
        std::int64_t total = 0;
        for (int row = 0; row < 10; ++row)
            for (int col = 0; col < 10; ++col)
                total += tab->confusion()->count(r, row, col);
        EXPECT_EQ(total, 60);
    }
    EXPECT_EQ(tab->strip()->truths().front(), "T-shirt");
    // Another depth in the combo box redraws the curves of that depth.
    tab->curveSetting()->setCurrentIndex(0);
    EXPECT_EQ(graphsIn(tab->plot(), tab->curveRects()[0]).size(), 10u);
    EXPECT_EQ(tab->curveSetting()->currentData().toInt(), 1);
}

TEST_F(DataWindowTest, ContinualShadesTheTrainedTaskAndDriftMarksTheChanges) {
    DataWindow window;
    DataTab* continual = window.dataTabs()[2];
    small(continual, {{"alphas", "0.01"},
                      {"seeds", "1"},
                      {"per-class", "6"},
                      {"batch-size", "10"},
                      {"cycles", "2"},
                      {"epochs-per-task", "2"},
                      {"scored-epochs", "8"},
                      {"T", "6"}});
    ASSERT_TRUE(runAndWait(continual));
    ASSERT_TRUE(continual->hasResult()) << continual->status().toStdString();
    ASSERT_EQ(continual->curveRects().size(), 2u);
    // Each task's panel: BP's and PC's curve of that task, and the means; two shaded phases each.
    for (QCPAxisRect* rect : continual->curveRects())
        EXPECT_EQ(graphsIn(continual->plot(), rect).size(), 4u);
    EXPECT_EQ(itemsOf<QCPItemRect>(continual->plot()), 4);
    EXPECT_NE(continual->summary().indexOf("untrained task's rise per phase"), -1);
    // The score's long name on the summary's axis in two lines that fit beside the plot.
    const QString label = continual->summaryRect()->axis(QCPAxis::atLeft)->label();
    EXPECT_EQ(QString(label).replace('\n', ' '), "mean test error over the first 8 epochs");
    for (const QString& line : label.split('\n'))
        EXPECT_LE(line.size(), 32) << line.toStdString();
    // In the window at its smallest, a shorter form that fits, not the long one cut off.
    window.tabs()->setCurrentWidget(continual);
    window.resize(window.minimumSizeHint());
    window.show();
    QApplication::processEvents();
    continual->plot()->replot();
    QCPAxis* score = continual->summaryRect()->axis(QCPAxis::atLeft);
    EXPECT_TRUE(score->label().startsWith("mean test error")) << score->label().toStdString();
    EXPECT_FALSE(score->label().contains(QChar(0x2026))) << score->label().toStdString();
    for (const QString& line : score->label().split('\n'))
        EXPECT_LE(QFontMetrics(score->labelFont()).horizontalAdvance(line),
                  continual->summaryRect()->height())
            << line.toStdString();
    EXPECT_EQ(plotfit::fullLabel(score), label);
    window.hide();
    // The confusion stays within each task: 5 x 5 blocks, the rest blank.
    int blank = 0;
    for (int row = 0; row < 10; ++row)
        for (int col = 0; col < 10; ++col)
            blank += continual->confusion()->count(1, row, col) < 0 ? 1 : 0;
    EXPECT_EQ(blank, 50);

    DataTab* drift = window.dataTabs()[3];
    small(drift, {{"alphas", "0.05"},
                  {"seeds", "1"},
                  {"epochs", "6"},
                  {"period", "2"},
                  {"per-class", "5"},
                  {"test-per-class", "4"},
                  {"batch-size", "8"},
                  {"pretrain-epochs", "1"},
                  {"T", "6"}});
    ASSERT_TRUE(runAndWait(drift));
    ASSERT_TRUE(drift->hasResult()) << drift->status().toStdString();
    EXPECT_EQ(itemsOf<QCPItemStraightLine>(drift->plot()), 3);  // a change at epochs 1, 3 and 5
}

TEST_F(DataWindowTest, CurvesArriveWhileItRunsAndCancelStopsIt) {
    DataWindow window;
    DataTab* tab = window.dataTabs()[4];
    small(tab, {{"per-class", "6"}, {"alphas", "0.01"}, {"epochs", "1000000"}, {"T", "6"}});
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    ASSERT_TRUE(tab->running());
    EXPECT_FALSE(tab->runButton()->isEnabled());
    EXPECT_FALSE(tab->lectureButton()->isEnabled());
    // A million epochs: the curves and the strip show the epochs done so far.
    ASSERT_TRUE(waitFor([&] {
        return tab->liveRedraws() > 0 && !graphsIn(tab->plot(), tab->curveRects()[0]).empty() &&
               !tab->strip()->predictions(1).isEmpty();
    }));
    EXPECT_TRUE(tab->running());
    EXPECT_GT(graphsIn(tab->plot(), tab->curveRects()[0]).front()->data()->size(), 0);
    QTest::mouseClick(tab->cancelButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return !tab->running(); }, 10000));
    EXPECT_TRUE(tab->status().startsWith("Cancelled")) << tab->status().toStdString();
    EXPECT_FALSE(tab->hasResult());
    EXPECT_TRUE(tab->summary().isEmpty());
    EXPECT_TRUE(tab->runButton()->isEnabled());
    // Closing the window during a run cancels it too.
    window.show();
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    ASSERT_TRUE(window.running());
    window.close();
    ASSERT_TRUE(waitFor([&] { return !window.running(); }, 10000));
}

TEST_F(DataWindowTest, EqualScoresStillGiveASummaryAxisWithDistinctTicks) {
    // A rate too small to change any prediction: both rules score the same, and the summary's
    // value axis must not shrink to a point (its ticks all read "0.8" then).
    DataWindow window;
    DataTab* tab = window.dataTabs()[4];
    small(tab,
          {{"seeds", "1"}, {"per-class", "3"}, {"alphas", "1e-12"}, {"epochs", "2"}, {"T", "4"}});
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    const auto [plan, results] = engineRun(tab);
    const ex::DataSummary summary = ex::summariseData(plan.metric, plan.cells, results);
    const double bp = summary.row(engine::Rule::BP, 3)->bestRate()->stats.mean;
    ASSERT_EQ(bp, summary.row(engine::Rule::PC, 3)->bestRate()->stats.mean);
    const QCPRange y = tab->summaryRect()->axis(QCPAxis::atLeft)->range();
    EXPECT_TRUE(y.contains(bp));
    EXPECT_GE(y.size(), 0.05);
}

TEST(DataWindow, ATinyRunOnTheRealDataSetWhenItIsInstalled) {
    // The real FashionMNIST files (gzip'd IDX) through the window, where the package is installed
    // (CI installs it); elsewhere skipped with the loader's message.
    const auto data = engine::data::loadFashionMnistCached();
    if (!data.ok())
        GTEST_SKIP() << data.error;
    DataWindow window;
    DataTab* tab = window.dataTabs()[4];
    for (const auto& [name, text] : std::map<QString, QString>{
             {"per-class", "6"}, {"seeds", "1"}, {"alphas", "0.01"}, {"epochs", "2"}, {"T", "4"}})
        ASSERT_TRUE(tab->setSetting(name, text)) << name.toStdString();
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult()) << tab->status().toStdString();
    ex::DataPlanRead read = ex::readDataPlan(
        tab->protocol(),
        [tab](const std::string& name) {
            return tab->setting(QString::fromStdString(name))->text().toStdString();
        },
        "");
    ASSERT_TRUE(read.plan);
    std::vector<ex::DataCellResult> results;
    for (const ex::DataCell& c : read.plan->cells)
        results.push_back(read.plan->run(*data.dataset, c, {}));
    EXPECT_EQ(tab->summary().toStdString(), ex::dataSummaryText(*read.plan, results));
    EXPECT_EQ(graphsIn(tab->plot(), tab->curveRects()[0]).size(), 2u + 2u);
    EXPECT_EQ(tab->strip()->imageCount(), 10);
    EXPECT_EQ(tab->strip()->predictions(1).size(), 10);
}

TEST_F(DataWindowTest, MissingDataGivesTheCommandLinesMessageInADialog) {
    DataWindow window;
    DataTab* tab = window.dataTabs()[1];
    const QString missing = m_dir.filePath("nowhere");
    tab->setSetting("data", missing);
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    EXPECT_FALSE(tab->running());
    ASSERT_NE(tab->dataDialog(), nullptr);
    EXPECT_TRUE(tab->dataDialog()->isVisible());
    const std::string expected = engine::data::loadFashionMnist(missing.toStdString()).error;
    EXPECT_EQ(tab->dataDialog()->text().toStdString(), expected);
    EXPECT_NE(expected.find("apt-get install dataset-fashion-mnist"), std::string::npos);
    EXPECT_EQ(tab->status().toStdString(), expected);
    tab->dataDialog()->close();
}

TEST_F(DataWindowTest, BadSettingsStartNothingAndExportsWriteFiles) {
    DataWindow window;
    window.tabs()->setCurrentIndex(4);
    window.show();  // shown before the chooser has entries, as in the app
    DataTab* tab = window.dataTabs()[4];
    small(tab, {{"seeds", "0"}});
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    EXPECT_FALSE(tab->running());
    EXPECT_TRUE(tab->status().startsWith("Not started: seeds: 0 is out of range"))
        << tab->status().toStdString();
    EXPECT_FALSE(tab->saveCsv(m_dir.filePath("none.csv")).isEmpty());
    small(tab,
          {{"seeds", "1"}, {"per-class", "3"}, {"alphas", "0.01"}, {"epochs", "2"}, {"T", "4"}});
    ASSERT_TRUE(runAndWait(tab));
    ASSERT_TRUE(tab->hasResult());
    // The chooser is wide enough for its longest entry.
    QApplication::processEvents();
    int longest = 0;
    for (int i = 0; i < tab->curveSetting()->count(); ++i)
        longest = std::max(longest, tab->curveSetting()->fontMetrics().horizontalAdvance(
                                        tab->curveSetting()->itemText(i)));
    EXPECT_GT(tab->curveSetting()->width(), longest);
    for (const char* name : {"plot.png", "plot.pdf"}) {
        EXPECT_TRUE(tab->savePlot(m_dir.filePath(name)).isEmpty());
        EXPECT_GT(QFile(m_dir.filePath(name)).size(), 1000) << name;
    }
    ASSERT_TRUE(tab->saveCsv(m_dir.filePath("x.csv")).isEmpty());
    QFile csv(m_dir.filePath("x.csv"));
    ASSERT_TRUE(csv.open(QIODevice::ReadOnly));
    EXPECT_EQ(csv.readAll().toStdString(), engine::report::csvText(tab->table()));
    EXPECT_TRUE(tab->table().header.size() == 6u);
}

namespace {

/// The continual plan with the defaults and `configuration`.
ex::DataPlan continualPlan(const std::string& configuration) {
    const ex::DataExperimentInfo& info = ex::dataExperiment(ex::DataProtocol::Continual);
    const ex::DataPlanRead read = ex::readDataPlan(
        ex::DataProtocol::Continual,
        [&](const std::string& name) {
            if (name == "configuration")
                return configuration;
            for (const ex::DataOptionInfo& o : info.options)
                if (o.name == name)
                    return o.defaultText;
            return std::string();
        },
        "");
    EXPECT_TRUE(read.plan);
    return read.plan ? *read.plan : ex::DataPlan{};
}

}  // namespace

TEST(DataWindow, ContinualPredictionsNameTheClassesOfTheConfigurationsUnits) {
    const ex::DataPlan protocol = continualPlan("protocol");
    const ex::DataPlan authors = continualPlan("authors");
    ex::DataCellResult result;
    result.errors = {{0.5}, {0.5}};
    result.confusion.assign(2, ex::Confusion{5, std::vector<std::int64_t>(25, 1)});
    bool none = false;
    for (int seed = 0; seed < 21; ++seed) {
        SCOPED_TRACE(seed);
        const ex::DataCell cell{engine::Rule::PC, 0, 0.001, seed};
        // The protocol: unit u of a task is the class at position u of that task.
        const std::vector<int> order = ex::continualClassOrder(seed);
        for (int k = 0; k < 10; ++k)
            for (int u = 0; u < 5; ++u)
                EXPECT_EQ(predictedClass(protocol, cell, 1, order[static_cast<size_t>(k)], u),
                          order[static_cast<size_t>(k / 5 * 5 + u)]);
        EXPECT_EQ(classConfusion(protocol, cell, result).size(), 100u);
        // The authors': a class's own unit names it; another unit the first class of its task
        // on that unit, or none.
        const ex::ContinualTasks t = ex::continualTasks(seed, ex::ContinualConfiguration::Authors);
        for (int c = 0; c < 10; ++c) {
            const std::vector<int>& task = t.classes[c < 5 ? 0 : 1];
            for (int u = 0; u < 5; ++u) {
                int expected = -1;
                for (int other : task)
                    if (expected < 0 && t.units[static_cast<size_t>(other)] == u)
                        expected = other;
                if (t.units[static_cast<size_t>(c)] == u)
                    expected = c;
                EXPECT_EQ(predictedClass(authors, cell, 1, c, u), expected) << c << " " << u;
                none = none || expected < 0;
            }
        }
        // Its units do not name one class each: no class confusion.
        EXPECT_TRUE(classConfusion(authors, cell, result).empty());
    }
    EXPECT_TRUE(none);
    EXPECT_EQ(shortClassName(-1), "none");
}
