#pragma once

#include <QMargins>
#include <QRect>
#include <QSize>

class QWidget;

namespace ui {

/// Where a window opens: its normal geometry, and whether it opens maximised.
struct Placement {
    QRect geometry;
    bool maximised = false;
};

/// Room for a window's frame (title bar and borders) that the window system adds outside the
/// geometry Qt sets, when the platform cannot say yet.
inline constexpr QMargins TypicalFrame{6, 32, 6, 6};

/// The lab window on a screen whose free area (without panels) is `available`: `preferred`
/// (at most 80 % of the screen is never smaller than it) centred when it fits with its frame,
/// otherwise maximised, with a normal geometry that fits too. Widget-free.
Placement placeWindow(const QRect& available, const QSize& preferred,
                      const QMargins& frame = TypicalFrame);

/// `wanted`, shrunk where needed so that the window and its frame fit into `available`.
QSize fitSize(const QSize& wanted, const QRect& available, const QMargins& frame = TypicalFrame);

/// Resizes a top-level window (a dialog) to at most its screen's free area with its frame, and
/// moves it inside that area. A window not shown yet goes to its parent's screen, centred over
/// the parent.
void keepOnScreen(QWidget* window);

/// Grows a window whose layout now needs more height than it has (a note that wrapped onto
/// more lines), within its screen.
void growToFit(QWidget* window);

}  // namespace ui
