#include "ui/views/screenfit.h"

#include <QLayout>
#include <QScreen>
#include <QWidget>
#include <algorithm>

namespace ui {

namespace {

QSize room(const QRect& available, const QMargins& frame) {
    return {std::max(1, available.width() - frame.left() - frame.right()),
            std::max(1, available.height() - frame.top() - frame.bottom())};
}

}  // namespace

Placement placeWindow(const QRect& available, const QSize& preferred, const QMargins& frame) {
    const QSize free = room(available, frame);
    const QSize wanted = preferred.expandedTo(available.size() * 0.8);
    Placement p;
    p.maximised = preferred.width() > free.width() || preferred.height() > free.height();
    QRect r(QPoint(0, 0), wanted.boundedTo(free));
    r.moveCenter(available.center());
    r.moveTop(std::max(r.top(), available.top() + frame.top()));
    r.moveLeft(std::max(r.left(), available.left() + frame.left()));
    p.geometry = r;
    return p;
}

QSize fitSize(const QSize& wanted, const QRect& available, const QMargins& frame) {
    return wanted.boundedTo(room(available, frame));
}

void keepOnScreen(QWidget* window) {
    const QWidget* parent = window->parentWidget() ? window->parentWidget()->window() : nullptr;
    const bool placed = window->isVisible() || !parent;
    const QScreen* screen = placed ? window->screen() : parent->screen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    const QSize size = fitSize(window->size(), available);
    if (size != window->size())
        window->resize(size);
    // The frame's top-left corner, where move() puts it.
    const QPoint frame = window->isVisible() ? window->pos() - window->geometry().topLeft()
                                             : QPoint(-TypicalFrame.left(), -TypicalFrame.top());
    QRect r(window->geometry().topLeft(), size);
    if (!placed)
        r.moveCenter(parent->geometry().center());
    const QRect inner = available.marginsRemoved(TypicalFrame);
    r.moveRight(std::min(r.right(), inner.right()));
    r.moveBottom(std::min(r.bottom(), inner.bottom()));
    r.moveLeft(std::max(r.left(), inner.left()));
    r.moveTop(std::max(r.top(), inner.top()));
    if (r.topLeft() != window->geometry().topLeft())
        window->move(r.topLeft() + frame);
}

void growToFit(QWidget* window) {
    QLayout* layout = window->layout();
    if (!layout)
        return;
    layout->activate();
    const int needed = layout->hasHeightForWidth() ? layout->totalHeightForWidth(window->width())
                                                   : layout->totalSizeHint().height();
    if (needed > window->height())
        window->resize(window->width(), needed);
    keepOnScreen(window);
}

}  // namespace ui
