#include "ui/views/plotfit.h"

#include <qcustomplot.h>
#include <algorithm>

#include "ui/views/look.h"

namespace ui::plotfit {

namespace {

const char* const FullProperty = "prospectFullText";
const char* const ShownProperty = "prospectShownText";
const char* const OwnTipProperty = "prospectOwnToolTip";
const char* const InstalledProperty = "prospectFitInstalled";
const char* const MinAxisProperty = "prospectMinimumAxisRect";
const char* const BaseMinimumProperty = "prospectBaseMinimumHeight";
const char* const FittingSize = "prospectFittingSize";  // set while fitTo() fits a picture
constexpr int MaxTicks = 8;

/// The texts of a title or label whose shown text fit() may have shortened: the full text and
/// its shorter forms. A text set by anyone else since (it differs from what fit() showed) is
/// the new full text, without shorter forms.
QStringList fullTexts(QObject* o, const QString& shown) {
    const QVariant was = o->property(ShownProperty);
    if (!was.isValid() || was.toString() != shown)
        o->setProperty(FullProperty, QStringList{shown});
    return o->property(FullProperty).toStringList();
}

/// The longest of `texts` that fits into `room` pixels of `font`, or the last one elided. A
/// plot not laid out yet (a hidden tab) has no room at all: it keeps the full text.
QString fitted(const QStringList& texts, const QFont& font, int room) {
    if (room <= 0)
        return texts.value(0);
    const QFontMetrics fm(font);
    const auto width = [&fm](const QString& text) {  // a text in lines: its longest line's
        int widest = 0;
        for (const QString& line : text.split(QLatin1Char('\n')))
            widest = std::max(widest, fm.horizontalAdvance(line));
        return widest;
    };
    for (const QString& t : texts)
        if (width(t) <= room)
            return t;
    return fm.elidedText(texts.value(texts.size() - 1), Qt::ElideRight, std::max(0, room));
}

void layOut(QCustomPlot* plot) {
    // What QCustomPlot::replot() does first, so that sizes are known before it draws.
    QCPLayoutGrid* layout = plot->plotLayout();
    layout->update(QCPLayoutElement::upPreparation);
    layout->update(QCPLayoutElement::upMargins);
    layout->update(QCPLayoutElement::upLayout);
}

QList<QCPColorScale*> colourScales(QCustomPlot* plot) {
    QList<QCPColorScale*> scales;
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* s = qobject_cast<QCPColorScale*>(e))
            scales << s;
    return scales;
}

QList<QCPTextElement*> titles(QCustomPlot* plot) {
    QList<QCPTextElement*> found;
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
        if (auto* t = qobject_cast<QCPTextElement*>(e))
            found << t;
    return found;
}

/// Every axis that shows ticks: those of the axis rects and of the colour scales.
QList<QCPAxis*> visibleAxes(QCustomPlot* plot) {
    QList<QCPAxis*> axes;
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
            if (axis->visible())
                axes << axis;
    for (QCPColorScale* s : colourScales(plot))
        if (s->visible())
            axes << s->axis();
    return axes;
}

/// As many columns as the widest entry allows, balanced so the last row is not nearly empty.
/// The legend's entries (its grid also counts empty cells as items).
QList<QCPAbstractLegendItem*> entries(QCPLegend* legend) {
    QList<QCPAbstractLegendItem*> found;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i))
            found << item;
    return found;
}

void fitLegend(QCustomPlot* plot) {
    QCPLegend* legend = plot->legend;
    const QList<QCPAbstractLegendItem*> items = entries(legend);
    const int n = int(items.size());
    if (!legend->visible() || !legend->layout() || n == 0)
        return;
    int widest = 1;
    for (QCPAbstractLegendItem* item : items)
        widest = std::max(widest, item->minimumOuterSizeHint().width());
    const QMargins m = legend->margins();
    const int room = plot->viewport().width() - m.left() - m.right();
    const int spacing = legend->columnSpacing();
    int columns = std::clamp((room + spacing) / (widest + spacing), 1, n);
    const int rows = (n + columns - 1) / columns;
    columns = (n + rows - 1) / rows;
    if (legend->wrap() != columns || legend->columnCount() != columns) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    }
}

/// No more ticks than their labels have room for along the axis.
void fitTicks(QCPAxis* axis) {
    const QFontMetrics fm(axis->tickLabelFont());
    const bool vertical = axis->orientation() == Qt::Vertical;
    const int length = vertical ? axis->axisRect()->height() : axis->axisRect()->width();
    // A vertical axis needs a line and a half per label, a horizontal one a typical number's
    // width and a gap.
    const double per = vertical ? 1.7 * fm.height()
                                : fm.horizontalAdvance(QStringLiteral("−0.00")) + 1.5 * fm.height();
    const int ticks = std::clamp(int(length / per), 2, MaxTicks);
    // Readable steps (1, 2, 2.5, 5 times a power of ten) may give a few more ticks than asked
    // for, so ask for fewer than there is room for.
    QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
    if (ticker && ticker->tickCount() != std::max(2, ticks - 1))
        ticker->setTickCount(std::max(2, ticks - 1));
}

/// The plot's minimum size: what its title, legend, axes and tick labels take, plus the
/// smallest axis rect.
void keepAxisRoom(QCustomPlot* plot) {
    const QSize least = plot->property(MinAxisProperty).toSize();
    if (least.isEmpty() || plot->axisRects().isEmpty())
        return;
    // The layout's own minimum with the axis rect at its least: the title, the legend's rows,
    // the axes' margins (as the last layout found them) and the data area.
    QCPAxisRect* rect = plot->axisRect();
    if (rect->minimumSize() != least)
        rect->setMinimumSize(least);
    const QSize wanted = plot->property(BaseMinimumProperty)
                             .toSize()
                             .expandedTo(plot->plotLayout()->minimumOuterSizeHint());
    if (plot->minimumSize() != wanted)
        plot->setMinimumSize(wanted);
}

}  // namespace

void setMinimumAxisRect(QCustomPlot* plot, const QSize& size) {
    plot->setProperty(MinAxisProperty, size);
    plot->setProperty(BaseMinimumProperty, plot->minimumSize());
}

QCustomPlot* makePlot(const QString& title, const QString& x, const QString& y, QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    QCPLayoutGrid* layout = plot->plotLayout();
    QCPAxisRect* rect = plot->axisRect();
    layout->take(rect);
    layout->simplify();
    // Row 0 the title, row 1 the legend strip (filled by showLegend), row 2 the axis rect and
    // anything beside it (a colour scale).
    layout->addElement(
        0, 0, new QCPTextElement(plot, title, QFont(plot->font().family(), 9, QFont::Bold)));
    auto* body = new QCPLayoutGrid;
    layout->addElement(2, 0, body);
    body->addElement(0, 0, rect);
    layout->setRowStretchFactor(0, 0.001);
    layout->setRowStretchFactor(1, 0.001);
    layout->setRowSpacing(0);
    rect->insetLayout()->take(plot->legend);
    plot->legend->setVisible(false);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(Qt::NoBrush);
    plot->legend->setMargins(QMargins(4, 0, 4, 0));
    plot->legend->setRowSpacing(-3);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->xAxis->setLabel(x);
    plot->yAxis->setLabel(y);
    plot->setNoAntialiasingOnDrag(true);
    install(plot);
    return plot;
}

void install(QCustomPlot* plot) {
    if (plot->property(InstalledProperty).toBool())
        return;
    plot->setProperty(InstalledProperty, true);
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot, [plot] { fit(plot); });
}

void showLegend(QCustomPlot* plot, bool shown) {
    QCPLegend* legend = plot->legend;
    shown = shown && !entries(legend).isEmpty();
    QCPLayoutGrid* layout = plot->plotLayout();
    if (shown) {
        if (legend->layout() != layout) {
            if (legend->layout())
                legend->layout()->take(legend);
            layout->addElement(1, 0, legend);
        }
    } else if (legend->layout()) {
        // Out of the layout: an invisible element would still keep its row.
        legend->layout()->take(legend);
    }
    legend->setVisible(shown);
}

QCPColorScale* addColourScale(QCustomPlot* plot, const QString& label) {
    auto* scale = new QCPColorScale(plot);
    QCPAxisRect* rect = plot->axisRect();
    auto* body = qobject_cast<QCPLayoutGrid*>(rect->layout());
    Q_ASSERT(body);  // makePlot() put the axis rect into a grid of its own
    body->addElement(0, 1, scale);
    body->setColumnStretchFactor(1, 0.001);
    scale->setType(QCPAxis::atRight);
    scale->axis()->setLabel(label);
    auto* group = new QCPMarginGroup(plot);
    rect->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    return scale;
}

void applyLook(QCustomPlot* plot, const Look& look) {
    const QFont small = look.font(Look::Text::Small), body = look.font(Look::Text::Body);
    QFont heading = body;
    heading.setBold(true);
    plot->setBackground(look.background());
    for (QCPTextElement* t : titles(plot)) {
        t->setFont(heading);
        t->setTextColor(look.text());
    }
    const QColor grid = look.isPresentation() ? QColor(175, 175, 175) : QColor(200, 200, 200);
    for (QCPAxis* axis : visibleAxes(plot)) {
        axis->setLabelFont(small);
        axis->setTickLabelFont(small);
        axis->setLabelColor(look.text());
        axis->setTickLabelColor(look.text());
        const QPen pen(look.text(), look.stroke(1.0));
        axis->setBasePen(pen);
        axis->setTickPen(pen);
        axis->setSubTickPen(pen);
        axis->setTickLengthIn(look.px(5));
        axis->setSubTickLengthIn(look.px(2));
        axis->setLabelPadding(look.px(4));
        axis->setTickLabelPadding(look.px(4));
        axis->grid()->setPen(QPen(grid, look.stroke(1.0), Qt::DotLine));
        axis->grid()->setZeroLinePen(QPen(grid.darker(130), look.stroke(1.0)));
    }
    QCPLegend* legend = plot->legend;
    legend->setFont(small);
    legend->setTextColor(look.text());
    legend->setIconSize(look.px(30), look.px(14));
    legend->setIconTextPadding(look.px(6));
    legend->setColumnSpacing(look.px(8));
    for (QCPAbstractLegendItem* item : entries(legend)) {
        item->setFont(small);
        item->setTextColor(look.text());
    }
}

void fit(QCustomPlot* plot) {
    // A plot that is not shown (a window never opened, a hidden tab) has no size to fit to.
    if (!plot->isVisible() && plot->property(FittingSize).isNull())
        return;
    fitLegend(plot);
    layOut(plot);
    const QList<QCPAxis*> axes = visibleAxes(plot);
    for (QCPAxis* axis : axes)
        fitTicks(axis);
    layOut(plot);
    QStringList shortened;
    for (QCPTextElement* t : titles(plot)) {
        const QStringList texts = fullTexts(t, t->text());
        const QMargins m = t->margins();
        const QString shown =
            fitted(texts, t->font(), plot->viewport().width() - m.left() - m.right());
        t->setText(shown);
        t->setProperty(ShownProperty, shown);
        if (shown != texts.front())
            shortened << texts.front();
    }
    for (QCPAxis* axis : axes) {
        if (axis->label().isEmpty() && !axis->property(FullProperty).isValid())
            continue;
        const QStringList texts = fullTexts(axis, axis->label());
        const bool vertical = axis->orientation() == Qt::Vertical;
        const int room = vertical ? axis->axisRect()->height() : axis->axisRect()->width();
        const QString shown = fitted(texts, axis->labelFont(), room);
        axis->setLabel(shown);
        axis->setProperty(ShownProperty, shown);
        if (shown != texts.front())
            shortened << texts.front();
    }
    keepAxisRoom(plot);
    QString tip = plot->property(OwnTipProperty).toString();
    if (!shortened.isEmpty())
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + shortened.join('\n');
    if (plot->toolTip() != tip)
        plot->setToolTip(tip);
}

void fitTo(QCustomPlot* plot, const QSize& size) {
    const QRect old = plot->viewport();
    plot->setViewport(QRect(QPoint(0, 0), size));
    plot->setProperty(FittingSize, size);
    fit(plot);
    plot->setProperty(FittingSize, QVariant());
    plot->setViewport(old);
}

void setToolTip(QCustomPlot* plot, const QString& tip) {
    plot->setProperty(OwnTipProperty, tip);
    plot->setToolTip(tip);
}

void setTexts(QObject* axisOrTitle, const QStringList& longestFirst) {
    if (longestFirst.isEmpty())
        return;
    const QString& first = longestFirst.front();
    if (auto* axis = qobject_cast<QCPAxis*>(axisOrTitle))
        axis->setLabel(first);
    else if (auto* title = qobject_cast<QCPTextElement*>(axisOrTitle))
        title->setText(first);
    axisOrTitle->setProperty(FullProperty, longestFirst);
    axisOrTitle->setProperty(ShownProperty, first);
}

QCPTextElement* title(QCustomPlot* plot) {
    const QList<QCPTextElement*> found = titles(plot);
    return found.isEmpty() ? nullptr : found.front();
}

QString fullLabel(const QObject* axisOrTitle) {
    const QVariant full = axisOrTitle->property(FullProperty);
    if (full.isValid())
        return full.toStringList().value(0);
    if (auto* axis = qobject_cast<const QCPAxis*>(axisOrTitle))
        return axis->label();
    if (auto* title = qobject_cast<const QCPTextElement*>(axisOrTitle))
        return title->text();
    return {};
}

}  // namespace ui::plotfit
