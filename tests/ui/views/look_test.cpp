// The Look (text sizes, strokes, colours of normal and presentation mode), where windows open,
// and the labels and plots that fit their text to the room they have.
#include <gtest/gtest.h>

#include <qcustomplot.h>
#include <QApplication>
#include <QFontInfo>
#include <QHBoxLayout>

#include "ui/views/elidedlabel.h"
#include "ui/views/look.h"
#include "ui/views/networktext.h"
#include "ui/views/palette.h"
#include "ui/views/plotfit.h"
#include "ui/views/screenfit.h"
#include "ui/views/wrappedlabel.h"
#include "waitfor.h"

using namespace ui;

namespace {

/// The base font of these tests: 12 pixels, as the platform's 9 points at 96 dpi.
QFont base() {
    QFont f = QApplication::font();
    f.setPixelSize(12);
    return f;
}

int px(const QFont& f) {
    return QFontInfo(f).pixelSize();
}

}  // namespace

TEST(Look, NormalModeIsThePlatformFontTimesTheZoom) {
    const Look normal = Look::normal(base());
    EXPECT_FALSE(normal.isPresentation());
    EXPECT_EQ(px(normal.font()), 12);
    EXPECT_DOUBLE_EQ(normal.stroke(1.5), 1.5);
    const Look zoomed = Look::normal(base(), 1.5);
    EXPECT_EQ(px(zoomed.font()), 18);
    EXPECT_DOUBLE_EQ(zoomed.stroke(2.0), 3.0);
    EXPECT_EQ(zoomed.px(100), 150);
    // Small and title sizes keep their proportions; the title is bold.
    EXPECT_LT(px(zoomed.font(Look::Text::Small)), px(zoomed.font()));
    EXPECT_GT(px(zoomed.font(Look::Text::Title)), px(zoomed.font()));
    EXPECT_TRUE(zoomed.font(Look::Text::Title).bold());
    // Normal mode keeps the lab's usual colours.
    EXPECT_EQ(normal.ruleColor(0), palette::ruleColor(0));
    EXPECT_EQ(normal.synapseColor(0.3, 1.0), palette::diverging(0.3, 1.0));
}

TEST(Look, PresentationTextIsAtLeast18PixelsOn1080LinesAndInProportionBelow) {
    const Look hd = Look::presentation(base(), 1080);
    EXPECT_TRUE(hd.isPresentation());
    EXPECT_GE(px(hd.font(Look::Text::Small)), 18);
    EXPECT_EQ(px(hd.font()), int(Look::BodyPxAt1080));
    const Look xga = Look::presentation(base(), 768);
    EXPECT_GE(px(xga.font(Look::Text::Small)), 13);  // 18 * 768 / 1080 = 12.8
    EXPECT_LT(px(xga.font()), px(hd.font()));
    // Never smaller than normal mode, however small the window.
    EXPECT_GE(px(Look::presentation(base(), 300).font()), px(Look::normal(base()).font()));
    // The zoom applies on top, and strokes are thicker than the text scale alone.
    EXPECT_GT(px(Look::presentation(base(), 1080, 1.25).font()), px(hd.font()));
    EXPECT_GT(hd.stroke(1.0), hd.scale());
}

TEST(Look, PresentationColoursStandOutOnAWashedOutWhite) {
    const Look look = Look::presentation(base(), 1080);
    const QColor white(255, 255, 255);
    for (int rule = 0; rule < 2; ++rule)
        EXPECT_GE(contrastRatio(look.ruleColor(rule), white), 4.5) << rule;
    for (int i = 0; i < 8; ++i)
        EXPECT_GE(contrastRatio(look.seriesColor(i), white), 3.0) << i;
    EXPECT_GE(contrastRatio(look.text(), look.background()), 20.0);
    // A weak weight is drawn further from the neutral grey than in normal mode.
    const QColor grey = palette::diverging(0.0, 1.0);
    auto distance = [&](const QColor& c) {
        return std::abs(c.red() - grey.red()) + std::abs(c.green() - grey.green()) +
               std::abs(c.blue() - grey.blue());
    };
    EXPECT_GT(distance(look.synapseColor(0.1, 1.0)),
              2 * distance(Look::normal(base()).synapseColor(0.1, 1.0)));
    EXPECT_EQ(look.synapseColor(0.0, 1.0), grey);
    EXPECT_EQ(look.widgetPalette(QPalette()).color(QPalette::Base), white);
    EXPECT_EQ(look.widgetPalette(QPalette()).color(QPalette::WindowText), QColor(0, 0, 0));
}

TEST(Look, ZoomStepsAreClampedAndReturnToOne) {
    EXPECT_DOUBLE_EQ(Look::zoomIn(1.0), 1.1);
    EXPECT_DOUBLE_EQ(Look::zoomOut(1.0), 0.9);
    EXPECT_DOUBLE_EQ(Look::zoomOut(Look::zoomIn(1.0)), 1.0);
    EXPECT_DOUBLE_EQ(Look::zoomIn(Look::MaxZoom), Look::MaxZoom);
    EXPECT_DOUBLE_EQ(Look::zoomOut(Look::MinZoom), Look::MinZoom);
    EXPECT_DOUBLE_EQ(Look::normal(base(), 10.0).zoom(), Look::MaxZoom);
}

TEST(ScreenFit, BigScreensCentreTheWindowSmallOnesMaximiseIt) {
    const QRect hd(0, 0, 1920, 1050);  // a panel takes 30 lines
    const Placement big = placeWindow(hd, QSize(1280, 800));
    EXPECT_FALSE(big.maximised);
    EXPECT_TRUE(hd.contains(big.geometry));
    EXPECT_GE(big.geometry.width(), 1280);
    EXPECT_NEAR(big.geometry.center().x(), hd.center().x(), 1);
    for (const QRect& small : {QRect(0, 0, 1024, 768), QRect(0, 0, 1280, 800),
                               QRect(0, 0, 683, 512), QRect(1024, 0, 1366, 738)}) {
        const Placement p = placeWindow(small, QSize(1280, 800));
        EXPECT_TRUE(p.maximised) << small.width();
        EXPECT_TRUE(small.contains(p.geometry)) << small.width();
    }
    EXPECT_EQ(fitSize(QSize(1180, 720), QRect(0, 0, 683, 512)),
              QSize(683 - TypicalFrame.left() - TypicalFrame.right(),
                    512 - TypicalFrame.top() - TypicalFrame.bottom()));
    EXPECT_EQ(fitSize(QSize(400, 300), hd), QSize(400, 300));
}

TEST(ElidedLabel, ShowsTheLongestFormThatFitsAndTheFullTextInItsTooltip) {
    QWidget box;
    auto* row = new QHBoxLayout(&box);
    auto* label = new ElidedLabel(&box);
    label->setTexts(
        {"Prospective configuration (PC) — activity first", "PC — activity first", "PC"});
    label->setOwnToolTip("own");
    row->addWidget(label);
    box.resize(800, 40);
    box.show();
    ASSERT_TRUE(waitFor([&] { return label->width() > 500; }));
    EXPECT_EQ(label->text(), label->fullText());
    EXPECT_FALSE(label->isShortened());
    EXPECT_EQ(label->toolTip(), "own");
    box.resize(label->fontMetrics().horizontalAdvance("PC — activity first") + 30, 40);
    ASSERT_TRUE(waitFor([&] { return label->text() == "PC — activity first"; }));
    EXPECT_TRUE(label->isShortened());
    EXPECT_EQ(label->toolTip(), label->fullText());
    // Narrower than the shortest form: that one elided, never cut at the edge.
    label->setTexts({"Backpropagation"});
    box.resize(label->minimumSizeHint().width() + 2, 40);
    ASSERT_TRUE(waitFor([&] { return label->text().endsWith(QChar(0x2026)); }));
    EXPECT_LE(label->fontMetrics().horizontalAdvance(label->text()), label->contentsRect().width());
    EXPECT_EQ(label->toolTip(), "Backpropagation");
    // The label never asks for less than a few characters, nor widens its layout beyond the
    // full text.
    EXPECT_LT(label->minimumSizeHint().width(), label->sizeHint().width());
}

TEST(WrappedLabel, AsksForTheHeightItsTextNeeds) {
    WrappedLabel label;
    label.resize(120, 20);
    label.setWrappedText(QString("A long note that wraps onto several lines. ").repeated(4), true);
    EXPECT_GE(label.minimumHeight(), label.heightForWidth(120));
    EXPECT_GT(label.minimumHeight(), 3 * label.fontMetrics().height());
    EXPECT_EQ(label.palette().color(QPalette::WindowText), QColor(0xb0, 0x00, 0x20));
    label.setWrappedText("short");
    EXPECT_LT(label.minimumHeight(), 2 * label.fontMetrics().height());
}

TEST(PlotFit, TitlesAndLabelsTakeTheirShorterFormsAndLegendsTheirColumns) {
    QCustomPlot* plot = plotfit::makePlot("A long title of this plot", "x", "y", nullptr);
    std::unique_ptr<QCustomPlot> owner(plot);
    plotfit::setTexts(plotfit::title(plot), {"A long title of this plot", "Short title"});
    plotfit::setTexts(plot->yAxis, {"a long label of the value axis", "value"});
    for (int k = 0; k < 4; ++k)
        plot->addGraph()->setName(QString("series %1").arg(k));
    plotfit::showLegend(plot, true);
    plot->resize(900, 500);
    plot->show();
    plot->replot();
    EXPECT_EQ(plotfit::title(plot)->text(), "A long title of this plot");
    EXPECT_EQ(plot->yAxis->label(), "a long label of the value axis");
    EXPECT_EQ(plot->legend->columnCount(), 4);  // one row where the width allows
    EXPECT_TRUE(plot->toolTip().isEmpty());
    const int title = QFontMetrics(plotfit::title(plot)->font()).horizontalAdvance("Short title");
    plot->resize(title + 30, 150);
    QApplication::processEvents();
    plot->replot();
    EXPECT_EQ(plotfit::title(plot)->text(), "Short title");
    EXPECT_LT(plot->legend->columnCount(), 4);
    EXPECT_GT(plot->legend->rowCount(), 1);
    // The shortened texts are in the tooltip, in full.
    EXPECT_NE(plot->toolTip().indexOf("A long title of this plot"), -1);
    EXPECT_EQ(plotfit::fullLabel(plotfit::title(plot)), "A long title of this plot");
    EXPECT_LE(QFontMetrics(plot->yAxis->labelFont()).horizontalAdvance(plot->yAxis->label()),
              plot->axisRect()->height());
    // The legend sits above the data, never over it.
    EXPECT_FALSE(plot->legend->outerRect().intersects(plot->axisRect()->rect()));
}

TEST(PlotFit, APlotAsksForRoomForItsSmallestDataArea) {
    std::unique_ptr<QCustomPlot> plot(plotfit::makePlot("Title", "x", "y", nullptr));
    for (int k = 0; k < 6; ++k)
        plot->addGraph()->setName(QString("a longer series name %1").arg(k));
    plotfit::showLegend(plot.get(), true);
    plotfit::setMinimumAxisRect(plot.get(), QSize(120, 70));
    plot->resize(300, 100);
    plot->show();
    plot->replot();
    // Asked for more than it has: the window grows to it, and then the data has the room.
    ASSERT_TRUE(waitFor([&] { return plot->height() >= plot->minimumHeight(); }));
    plot->replot();
    EXPECT_GT(plot->minimumHeight(), 150);  // title, a legend of several rows, the axes
    EXPECT_GE(plot->axisRect()->height(), 70);
}

TEST(NetworkText, TheLegendBreaksAtItsSeparatorsAndEndsInAnEllipsisWhenTooLong) {
    const QFontMetricsF fm(base());
    const QString text = legendText(engine::Rule::PC, SynapsePlan{});
    ASSERT_EQ(text,
              "activity · pin = output held at its target · ring = error ε · dashed = negative");
    // Room for everything: one line.
    EXPECT_EQ(wrapLegend(text, fm, 2000, 2), QStringList{text});
    // Room for about half: two lines, broken between parts.
    const double half = fm.horizontalAdvance("activity · pin = output held at its target") + 2;
    const QStringList two = wrapLegend(text, fm, half, 2);
    ASSERT_EQ(two.size(), 2);
    EXPECT_EQ(two[0], "activity · pin = output held at its target");
    EXPECT_TRUE(two[1].startsWith("ring = error ε"));
    for (const QString& line : two)
        EXPECT_LE(fm.horizontalAdvance(line), half);
    // Less room: the second line carries the rest, shortened with "…".
    const QStringList tight = wrapLegend(text, fm, fm.horizontalAdvance("activity") + 2, 2);
    ASSERT_EQ(tight.size(), 2);
    EXPECT_TRUE(tight[1].endsWith(QChar(0x2026)));
}
