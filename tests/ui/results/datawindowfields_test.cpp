// The "Learning on data" window's fields and shape, offscreen, without a run: the command line's
// options under the same names (a fixed few values as a list), Lecture and the paper's defaults,
// the window on a laptop screen, and the plots' axes before and at the window's smallest size.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QScreen>
#include <QTabWidget>
#include <QTest>
#include <algorithm>

#include "engine/experiments/dataexperiments.h"
#include "engine/experiments/dataplan.h"
#include "ui/lab/mainwindow.h"
#include "ui/results/datatab.h"
#include "ui/results/datawindow.h"

using namespace ui;
namespace ex = engine::experiments;

TEST(DataWindow, OpensFromTheViewMenuWithTheCommandLinesOptions) {
    MainWindow main;
    auto* action = main.findChild<QAction*>("dataWindowAction");
    ASSERT_NE(action, nullptr);
    action->trigger();
    auto* window = main.findChild<DataWindow*>();
    ASSERT_NE(window, nullptr);
    EXPECT_TRUE(window->isVisible());
    EXPECT_FALSE(window->isModal());
    ASSERT_EQ(window->tabs()->count(), 5);
    action->trigger();
    EXPECT_EQ(main.findChildren<DataWindow*>().size(), 1);
    for (DataTab* tab : window->dataTabs()) {
        const ex::DataExperimentInfo& info = ex::dataExperiment(tab->protocol());
        SCOPED_TRACE(info.name);
        for (const ex::DataOptionInfo& o : info.options) {
            QLineEdit* field = tab->setting(QString::fromStdString(o.name));
            ASSERT_NE(field, nullptr) << o.name;
            EXPECT_EQ(field->text().toStdString(), o.defaultText) << o.name;
        }
        // Lecture puts the --quick values in (the data folder stays), the paper's defaults back.
        tab->setSetting("data", "/somewhere");
        QTest::mouseClick(tab->lectureButton(), Qt::LeftButton);
        for (const ex::DataOptionInfo& o : info.options)
            EXPECT_EQ(tab->setting(QString::fromStdString(o.name))->text().toStdString(),
                      o.name == "data" ? "/somewhere" : o.quickText)
                << o.name;
        tab->restoreDefaults();
        for (const ex::DataOptionInfo& o : info.options)
            EXPECT_EQ(tab->setting(QString::fromStdString(o.name))->text().toStdString(),
                      o.defaultText);
    }
}

TEST(DataWindow, AnOptionWithFixedValuesOffersThemInAList) {
    // --configuration takes one of two words: the field lists them (and typing still works).
    DataWindow window;
    for (DataTab* tab : window.dataTabs()) {
        const ex::DataExperimentInfo& info = ex::dataExperiment(tab->protocol());
        for (const ex::DataOptionInfo& o : info.options) {
            SCOPED_TRACE(info.name + " --" + o.name);
            QLineEdit* field = tab->setting(QString::fromStdString(o.name));
            ASSERT_NE(field, nullptr);
            auto* list = qobject_cast<QComboBox*>(field->parentWidget());
            if (o.choices.empty()) {
                EXPECT_EQ(list, nullptr);
                continue;
            }
            ASSERT_NE(list, nullptr);
            QStringList items;
            for (int i = 0; i < list->count(); ++i)
                items << list->itemText(i);
            QStringList expected;
            for (const std::string& c : o.choices)
                expected << QString::fromStdString(c);
            EXPECT_EQ(items, expected);
            list->setCurrentIndex(int(o.choices.size()) - 1);
            EXPECT_EQ(field->text().toStdString(), o.choices.back());
            EXPECT_TRUE(tab->setSetting(QString::fromStdString(o.name),
                                        QString::fromStdString(o.choices.front())));
            EXPECT_EQ(list->currentText().toStdString(), o.choices.front());
        }
    }
    const ex::DataExperimentInfo& continual = ex::dataExperiment(ex::DataProtocol::Continual);
    const auto configuration =
        std::find_if(continual.options.begin(), continual.options.end(),
                     [](const ex::DataOptionInfo& o) { return o.name == "configuration"; });
    ASSERT_NE(configuration, continual.options.end());
    EXPECT_EQ(configuration->choices, (std::vector<std::string>{"protocol", "authors"}));
}

TEST(DataWindow, ContinualsTaskAxesKeepTheirTaskWhenThePanelsAreSmall) {
    // At a projector's scale the full label does not fit its panel: a shorter form that still
    // names the task is shown, never the full text cut off.
    DataWindow window;
    DataTab* continual = nullptr;
    for (DataTab* tab : window.dataTabs())
        if (tab->protocol() == ex::DataProtocol::Continual)
            continual = tab;
    ASSERT_NE(continual, nullptr);
    window.tabs()->setCurrentWidget(continual);
    window.resize(window.minimumSizeHint());
    window.show();
    QApplication::processEvents();
    continual->plot()->replot();
    for (size_t t = 0; t < continual->curveRects().size(); ++t) {
        QCPAxis* y = continual->curveRects()[t]->axis(QCPAxis::atLeft);
        const QString task = QStringLiteral("task %1").arg(QChar(t == 0 ? 'A' : 'B'));
        EXPECT_NE(y->label().indexOf(task), -1) << y->label().toStdString();
        EXPECT_FALSE(y->label().endsWith(QChar(0x2026))) << y->label().toStdString();
        EXPECT_LE(QFontMetrics(y->labelFont()).horizontalAdvance(y->label()),
                  continual->curveRects()[t]->height());
    }
}

TEST(DataWindow, FitsALaptopScreen) {
    // 1280 x 800 less a title bar and a panel: all of it (the Run button too) can be seen, and
    // the window never opens larger than the screen it is on.
    DataWindow window;
    const QSize least = window.minimumSizeHint();
    EXPECT_LE(least.width(), 1260);
    EXPECT_LE(least.height(), 740);
    const QSize screen = window.screen()->availableGeometry().size();
    EXPECT_LE(window.width(), std::max(screen.width(), least.width()));
    EXPECT_LE(window.height(), std::max(screen.height(), least.height()));
}

TEST(DataWindow, TheEmptySummaryPlotSpansThePapersGrid) {
    // Before any result the summary's axis already covers every depth, batch size, number per
    // class or rate of the paper's grid (log axes above 0), and scores from 0 to 1.
    DataWindow window;
    for (DataTab* tab : window.dataTabs()) {
        const ex::DataExperimentInfo& info = ex::dataExperiment(tab->protocol());
        SCOPED_TRACE(info.name);
        const ex::DataPlanRead read = ex::readDataPlan(
            tab->protocol(),
            [tab](const std::string& name) {
                return tab->setting(QString::fromStdString(name))->text().toStdString();
            },
            "");
        ASSERT_TRUE(read.plan);
        const QCPAxis* x = tab->summaryRect()->axis(QCPAxis::atBottom);
        const QCPRange range = x->range();
        if (x->scaleType() == QCPAxis::stLogarithmic) {
            EXPECT_GT(range.lower, 0.0);
            EXPECT_TRUE(x->ticker().dynamicCast<QCPAxisTickerLog>()) << "ticks 1, 10, 100...";
        }
        const bool bySetting = *read.plan->settingName() != '\0';
        for (const ex::DataCell& c : read.plan->cells) {
            const double at = bySetting ? c.setting : c.alpha;
            EXPECT_TRUE(range.lower < at && at < range.upper)
                << at << " outside " << range.lower << " .. " << range.upper;
        }
        const QCPRange y = tab->summaryRect()->axis(QCPAxis::atLeft)->range();
        EXPECT_LE(y.lower, 0.0);
        EXPECT_GE(y.upper, 1.0);
    }
}
