#pragma once

// Checks that a window shows all of its text: every visible label, button, box and tab has room
// for its text (or shortens it on purpose, with the full text in its tooltip), no widget sticks
// out of its parent or overlaps a sibling, every plot's axis rect has a stated minimum size and
// its titles, labels, ticks and legend fit, and no text is smaller than a stated size.

#include <QSize>
#include <QStringList>

class QWidget;

namespace layoutcheck {

struct Limits {
    /// Smallest text anywhere, in device (physical) pixels.
    int minTextDevicePx = 10;
    /// Smallest axis rect of a visible plot, in logical pixels.
    QSize minAxisRect{120, 70};
};

/// Every problem found in `window` (a top-level widget) and its visible children, one line
/// each, naming the widget.
QStringList check(QWidget* window, const Limits& limits);

/// Smallest text size (device pixels) that `window` shows, and where.
struct Smallest {
    double devicePx = 1e9;
    QString where;
};
Smallest smallestText(QWidget* window);

}  // namespace layoutcheck
