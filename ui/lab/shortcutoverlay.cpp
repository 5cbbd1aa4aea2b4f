#include "ui/lab/shortcutoverlay.h"

#include <QLabel>
#include <QVBoxLayout>

namespace ui {

ShortcutOverlay::ShortcutOverlay(QWidget* parent) : QDialog(parent) {
    setObjectName("shortcutOverlay");
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(this);
    auto* text = new QLabel(this);
    text->setTextFormat(Qt::RichText);
    text->setText(
        tr("<table cellpadding='4'>"
           "<tr><td><b>Space</b></td><td>play / pause</td></tr>"
           "<tr><td><b>→</b></td><td>step (granularity from the toolbar)</td></tr>"
           "<tr><td><b>Shift+→</b></td><td>one inference iteration</td></tr>"
           "<tr><td><b>←</b></td><td>back one recorded step</td></tr>"
           "<tr><td><b>Home / End</b></td><td>first recorded step / live</td></tr>"
           "<tr><td><b>0 … 4</b></td><td>speed: pause, slow, 1x, fast, max</td></tr>"
           "<tr><td><b>R</b></td><td>reset to the same initial weights</td></tr>"
           "<tr><td><b>Shift+R</b></td><td>re-randomise (next seed)</td></tr>"
           "<tr><td><b>M</b></td><td>energy machine for PC</td></tr>"
           "<tr><td><b>I</b></td><td>inspector and lesson</td></tr>"
           "<tr><td><b>F4</b></td><td>scenario editor</td></tr>"
           "<tr><td><b>F5</b></td><td>presentation mode (Esc leaves)</td></tr>"
           "<tr><td><b>F10</b></td><td>in presentation: menus and all controls</td></tr>"
           "<tr><td><b>Ctrl++ / Ctrl+− / Ctrl+0</b></td><td>zoom in / out / actual size</td></tr>"
           "<tr><td><b>?</b></td><td>this overlay</td></tr></table>"));
    layout->addWidget(text);
}

}  // namespace ui
