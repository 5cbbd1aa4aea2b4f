#include "layoutcheck.h"

#include <qcustomplot.h>
#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFontInfo>
#include <QLabel>
#include <QMenuBar>
#include <QSizeGrip>
#include <QTabBar>
#include <QToolBar>
#include <QWidget>
#include <algorithm>
#include <cmath>

#include "ui/views/elidedlabel.h"
#include "ui/views/energymachineview.h"
#include "ui/views/networkview.h"
#include "ui/views/plotfit.h"

namespace layoutcheck {

namespace {

QString name(const QWidget* w) {
    QString n = QString::fromLatin1(w->metaObject()->className());
    if (!w->objectName().isEmpty())
        n += QStringLiteral(" '%1'").arg(w->objectName());
    if (auto* label = qobject_cast<const QLabel*>(w))
        n += QStringLiteral(" \"%1\"").arg(label->text().left(40));
    else if (auto* button = qobject_cast<const QAbstractButton*>(w))
        n += QStringLiteral(" \"%1\"").arg(button->text());
    // Where it sits: its parents' classes, innermost first, up to three.
    const QWidget* p = w->parentWidget();
    for (int k = 0; p && k < 3; ++k, p = p->parentWidget())
        n += QStringLiteral(" < %1").arg(QString::fromLatin1(p->metaObject()->className()));
    return n;
}

QString size(const QSize& s) {
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

/// Visible widgets of the window, the window's own dialogs excluded (they are windows).
QList<QWidget*> visibleWidgets(QWidget* window) {
    QList<QWidget*> all;
    for (QWidget* w : window->findChildren<QWidget*>())
        if (!w->isWindow() && w->isVisibleTo(window) && w->window() == window)
            all << w;
    return all;
}

/// Qt's own arrow buttons of a tab bar whose tabs do not all fit (they scroll): no text, and
/// sized and placed by the style.
bool tabScrollButton(const QWidget* w) {
    return qobject_cast<const QTabBar*>(w->parentWidget()) &&
           (w->objectName() == QLatin1String("ScrollLeftButton") ||
            w->objectName() == QLatin1String("ScrollRightButton"));
}

/// A widget whose children scroll (the viewport of a scroll area): they may extend beyond it.
bool scrolls(const QWidget* w) {
    auto* area = qobject_cast<const QAbstractScrollArea*>(w->parentWidget());
    return area && area->viewport() == w;
}

void checkLabel(QLabel* label, QStringList& problems) {
    if (label->text().isEmpty() || label->pixmap().toImage().width() > 0)
        return;
    if (auto* e = qobject_cast<ui::ElidedLabel*>(label)) {
        const int room = e->contentsRect().width() - 2 * e->margin();
        if (e->fontMetrics().horizontalAdvance(e->text()) > room)
            problems << QStringLiteral("%1: its shortened text does not fit").arg(name(label));
        if (e->isShortened() && e->toolTip() != e->fullText())
            problems << QStringLiteral("%1: shortened without the full text in its tooltip")
                            .arg(name(label));
        return;
    }
    if (label->wordWrap()) {
        const int needed = label->heightForWidth(label->width());
        if (needed > label->height() + 1)
            problems << QStringLiteral("%1: wrapped text needs %2 px of height, has %3")
                            .arg(name(label))
                            .arg(needed)
                            .arg(label->height());
        return;
    }
    const QSize needed = label->sizeHint();
    if (needed.width() > label->width() || needed.height() > label->height() + 1)
        problems << QStringLiteral("%1: text needs %2, has %3")
                        .arg(name(label), size(needed), size(label->size()));
}

/// Buttons, boxes and spin boxes size themselves to their text: less than that cuts it.
void checkSizedByText(QWidget* w, QStringList& problems) {
    const QSize needed = w->minimumSizeHint();
    if (needed.width() > w->width() || needed.height() > w->height() + 1)
        problems << QStringLiteral("%1: text needs %2, has %3")
                        .arg(name(w), size(needed), size(w->size()));
}

void checkTabs(QTabBar* bar, QStringList& problems) {
    for (int i = 0; i < bar->count(); ++i) {
        const QRect r = bar->tabRect(i);
        if (!bar->rect().contains(r))
            continue;  // scrolled away: the tab bar shows its scroll buttons
        const int text = bar->fontMetrics().horizontalAdvance(bar->tabText(i));
        if (text > r.width())
            problems << QStringLiteral("%1: tab \"%2\" needs %3 px, has %4")
                            .arg(name(bar), bar->tabText(i))
                            .arg(text)
                            .arg(r.width());
    }
}

void checkGeometry(QWidget* w, QStringList& problems) {
    QWidget* parent = w->parentWidget();
    if (!parent || scrolls(parent))
        return;
    if (!parent->rect().contains(w->geometry()))
        problems << QStringLiteral("%1: %2 at (%3,%4) sticks out of its parent (%5)")
                        .arg(name(w), size(w->size()))
                        .arg(w->x())
                        .arg(w->y())
                        .arg(size(parent->size()));
}

void checkOverlaps(QWidget* parent, const QList<QWidget*>& visible, QStringList& problems) {
    if (scrolls(parent))
        return;
    QList<QWidget*> children;
    for (QObject* o : parent->children())
        if (auto* w = qobject_cast<QWidget*>(o))
            if (visible.contains(w) && !qobject_cast<QSizeGrip*>(w) && !tabScrollButton(w))
                children << w;
    for (int a = 0; a < children.size(); ++a)
        for (int b = a + 1; b < children.size(); ++b)
            if (children[a]->geometry().intersects(children[b]->geometry()))
                problems
                    << QStringLiteral("%1 overlaps %2").arg(name(children[a]), name(children[b]));
}

/// Labels of one axis that collide with their neighbours, and an axis label longer than it.
void checkAxis(QCPAxis* axis, const QString& where, QStringList& problems) {
    const bool vertical = axis->orientation() == Qt::Vertical;
    const int length = vertical ? axis->axisRect()->height() : axis->axisRect()->width();
    if (QFontMetrics(axis->labelFont()).horizontalAdvance(axis->label()) > length)
        problems << QStringLiteral("%1: axis label \"%2\" longer than its axis (%3 px)")
                        .arg(where, axis->label())
                        .arg(length);
    if (!axis->tickLabels())
        return;
    const QFontMetrics tick(axis->tickLabelFont());
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> texts = axis->tickVectorLabels();
    double lastPos = 0, lastHalf = 0;
    bool first = true;
    for (int i = 0; i < ticks.size() && i < texts.size(); ++i) {
        if (!axis->range().contains(ticks[i]))
            continue;
        const double pos = axis->coordToPixel(ticks[i]);
        // Beautiful powers ("2·10⁻⁸") are drawn smaller than their text: a generous width.
        const double half = vertical ? tick.height() / 2.0 : tick.horizontalAdvance(texts[i]) / 2.0;
        if (!first && std::abs(pos - lastPos) < half + lastHalf)
            problems << QStringLiteral("%1: tick labels \"%2\" and its neighbour overlap")
                            .arg(where, texts[i]);
        first = false;
        lastPos = pos;
        lastHalf = half;
    }
}

/// A legend outside the plot or over the data, or an entry cut short.
void checkLegend(QCustomPlot* plot, const QString& where, QStringList& problems) {
    QCPLegend* legend = plot->legend;
    if (!legend->visible() || legend->itemCount() == 0)
        return;
    if (!plot->viewport().contains(legend->outerRect()))
        problems << QStringLiteral("%1: legend %2 outside the plot %3")
                        .arg(where, size(legend->outerRect().size()),
                             size(plot->viewport().size()));
    for (QCPAxisRect* rect : plot->axisRects())
        if (legend->outerRect().intersects(rect->rect()))
            problems << QStringLiteral("%1: legend covers the data").arg(where);
    for (int i = 0; i < legend->itemCount(); ++i) {
        QCPAbstractLegendItem* item = legend->item(i);
        if (item && item->rect().width() < item->minimumOuterSizeHint().width() -
                                               item->margins().left() - item->margins().right())
            problems << QStringLiteral("%1: legend entry %2 cut").arg(where).arg(i);
    }
}

/// Titles that do not fit, axis rects smaller than the limit, and each axis and the legend.
void checkPlot(QCustomPlot* plot, const Limits& limits, QStringList& problems) {
    const QString where = name(plot);
    const QRect view = plot->viewport();
    QList<QCPAxis*> axes;
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
        if (auto* t = qobject_cast<QCPTextElement*>(e)) {
            const int w = QFontMetrics(t->font()).horizontalAdvance(t->text());
            if (w > view.width() - t->margins().left() - t->margins().right())
                problems << QStringLiteral("%1: title \"%2\" is %3 px wide in %4")
                                .arg(where, t->text())
                                .arg(w)
                                .arg(view.width());
        }
        if (auto* scale = qobject_cast<QCPColorScale*>(e); scale && scale->visible())
            axes << scale->axis();
    }
    for (QCPAxisRect* rect : plot->axisRects()) {
        if (rect->width() < limits.minAxisRect.width() ||
            rect->height() < limits.minAxisRect.height())
            problems << QStringLiteral("%1: axis rect %2, less than %3")
                            .arg(where, size(rect->rect().size()), size(limits.minAxisRect));
        for (QCPAxis* axis : rect->axes())
            if (axis->visible())
                axes << axis;
    }
    for (QCPAxis* axis : axes)
        checkAxis(axis, where, problems);
    checkLegend(plot, where, problems);
}

void consider(Smallest& s, const QFont& font, double dpr, const QString& where) {
    const double px = QFontInfo(font).pixelSize() * dpr;
    if (px < s.devicePx) {
        s.devicePx = px;
        s.where = where;
    }
}

}  // namespace

Smallest smallestText(QWidget* window) {
    Smallest s;
    const double dpr = window->devicePixelRatioF();
    for (QWidget* w : visibleWidgets(window)) {
        const bool text = qobject_cast<QLabel*>(w) || qobject_cast<QAbstractButton*>(w) ||
                          qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w) ||
                          qobject_cast<QTabBar*>(w) || qobject_cast<QMenuBar*>(w);
        if (text)
            consider(s, w->font(), dpr, name(w));
        if (auto* view = qobject_cast<ui::NetworkView*>(w))
            consider(s, view->smallestFont(), dpr, name(w));
        if (auto* machine = qobject_cast<ui::EnergyMachineView*>(w))
            consider(s, machine->labelFont(), dpr, name(w));
        auto* plot = qobject_cast<QCustomPlot*>(w);
        if (!plot)
            continue;
        for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
            if (auto* t = qobject_cast<QCPTextElement*>(e))
                consider(s, t->font(), dpr, name(w) + QStringLiteral(" title"));
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes())
                if (axis->visible()) {
                    consider(s, axis->labelFont(), dpr, name(w) + QStringLiteral(" axis label"));
                    consider(s, axis->tickLabelFont(), dpr, name(w) + QStringLiteral(" ticks"));
                }
        if (plot->legend->visible())
            for (int i = 0; i < plot->legend->itemCount(); ++i)
                if (QCPAbstractLegendItem* item = plot->legend->item(i))
                    consider(s, item->font(), dpr, name(w) + QStringLiteral(" legend"));
    }
    return s;
}

QStringList check(QWidget* window, const Limits& limits) {
    QStringList problems;
    const QList<QWidget*> visible = visibleWidgets(window);
    for (QWidget* w : visible) {
        if (tabScrollButton(w))
            continue;
        checkGeometry(w, problems);
        if (auto* label = qobject_cast<QLabel*>(w))
            checkLabel(label, problems);
        else if (auto* b = qobject_cast<QAbstractButton*>(w); b && !b->text().isEmpty())
            checkSizedByText(w, problems);
        else if (qobject_cast<QComboBox*>(w) || qobject_cast<QAbstractSpinBox*>(w))
            checkSizedByText(w, problems);
        else if (auto* bar = qobject_cast<QTabBar*>(w))
            checkTabs(bar, problems);
        else if (auto* plot = qobject_cast<QCustomPlot*>(w))
            checkPlot(plot, limits, problems);
    }
    checkOverlaps(window, visible, problems);
    for (QWidget* w : visible)
        checkOverlaps(w, visible, problems);
    const Smallest smallest = smallestText(window);
    if (smallest.devicePx < limits.minTextDevicePx)
        problems << QStringLiteral("text of %1 px (%2), less than %3")
                        .arg(smallest.devicePx)
                        .arg(smallest.where)
                        .arg(limits.minTextDevicePx);
    problems.removeDuplicates();
    return problems;
}

}  // namespace layoutcheck
