#pragma once

// Qt set-up shared by the lab window (guimain.cpp) and the headless record and export commands
// (recordcommand.cpp).

namespace app {

/// Routes Qt's messages to stderr, without the harmless ones the offscreen platform prints for
/// every window (propagateSizeHints, XDG_RUNTIME_DIR), so the terminal stays readable. A fatal
/// message still aborts. Call before the QApplication exists.
void installQtMessageFilter();

/// Warns on stderr when Qt finds no fonts (then nothing is readable). Call once the
/// QApplication exists.
void warnWithoutFonts();

}  // namespace app
