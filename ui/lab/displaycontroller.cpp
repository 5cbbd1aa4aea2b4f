#include "ui/lab/displaycontroller.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>

#include "ui/lab/displaysettings.h"
#include "ui/lab/editordock.h"
#include "ui/lab/presentationmode.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"

namespace ui {

DisplayController::DisplayController(const Parts& parts, QObject* parent)
    : QObject(parent), m_parts(parts), m_baseFont(QApplication::font()) {
    m_settings = new DisplaySettings(this);
    m_mode =
        new PresentationMode({parts.window, parts.runBar, parts.inspectorBox, parts.editor}, this);
    connect(m_settings, &DisplaySettings::changed, this, [this] {
        sync();
        applyLook();
    });
}

void DisplayController::addActions(QMenu* view) {
    auto add = [&](const QString& text, const QList<QKeySequence>& keys, const char* name,
                   auto slot) {
        QAction* a = view->addAction(text);
        a->setObjectName(name);
        a->setShortcuts(keys);
        a->setToolTip(
            QStringLiteral("%1 (%2)").arg(text, keys.value(0).toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        m_parts.window->addAction(a);  // a window shortcut, also while the menu bar is hidden
        return a;
    };
    m_inspectorAction = add(tr("&Inspector and lesson"), {QKeySequence(Qt::Key_I)},
                            "inspectorAction", [this](bool on) { setInspectorShown(on); });
    m_inspectorAction->setCheckable(true);
    m_inspectorAction->setChecked(true);
    m_presentationAction =
        add(tr("&Presentation"), {QKeySequence(Qt::Key_F5)}, "presentationAction",
            [this](bool on) { setPresentation(on, true); });
    m_presentationAction->setCheckable(true);
    add(tr("Menus and all controls (in presentation)"), {QKeySequence(Qt::Key_F10)},
        "presentationControlsAction", [this] { toggleControls(); });
    add(tr("Zoom &in"), {QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)},
        "zoomInAction", [this] { zoomIn(); });
    add(tr("Zoom &out"), {QKeySequence::ZoomOut}, "zoomOutAction", [this] { zoomOut(); });
    add(tr("&Actual size"), {QKeySequence(Qt::CTRL | Qt::Key_0)}, "zoomResetAction",
        [this] { resetZoom(); });
}

void DisplayController::setPresentation(bool on, bool fullScreen) {
    m_fullScreen = fullScreen;
    m_settings->setPresentation(on);  // changed() syncs and applies the look
    sync();
}

bool DisplayController::presentation() const {
    return m_mode->active();
}

void DisplayController::zoomIn() {
    m_settings->zoomIn();
}

void DisplayController::zoomOut() {
    m_settings->zoomOut();
}

void DisplayController::resetZoom() {
    m_settings->resetZoom();
}

void DisplayController::restore() {
    m_settings->remember();
}

void DisplayController::sync() {
    const bool on = m_settings->presentation();
    QSplitter* vertical = m_parts.vertical;
    if (on && !m_mode->active()) {
        // The plots get half the height: from the back of a room they need it most.
        m_normalSplit = vertical->sizes();
        m_mode->enter(m_fullScreen);
        const int total = m_normalSplit.value(0) + m_normalSplit.value(1);
        vertical->setSizes({total / 2, total - total / 2});
    } else if (!on && m_mode->active()) {
        m_mode->leave();
        vertical->setSizes(m_normalSplit);
    }
    if (m_presentationAction)
        m_presentationAction->setChecked(on);
    if (m_inspectorAction)
        m_inspectorAction->setChecked(inspectorShown());
}

void DisplayController::setInspectorShown(bool shown) {
    m_parts.inspectorBox->setVisible(shown);
    if (m_inspectorAction)
        m_inspectorAction->setChecked(shown);
}

bool DisplayController::inspectorShown() const {
    return !m_parts.inspectorBox->isHidden();
}

void DisplayController::toggleControls() {
    m_mode->toggleControls();
}

void DisplayController::applyLook() {
    // Presentation mode sizes its text to the screen it fills (or, for a screenshot, to the
    // picture); a window that is not full screen keeps the height it has.
    QMainWindow* w = m_parts.window;
    const bool fullScreen = m_mode->active() && m_fullScreen && w->screen();
    const int height = fullScreen ? w->screen()->geometry().height() : w->height();
    const Look look = m_settings->look(m_baseFont, height);
    if (m_applied && look == m_look)
        return;
    m_look = look;
    m_applied = true;
    w->setFont(look.font());
    w->setPalette(look.widgetPalette(QApplication::palette()));
    // Windows of its own (menus, dialogs, the floating editor) do not inherit the font.
    for (QWidget* child : w->findChildren<QWidget*>())
        if (child->isWindow())
            child->setFont(w->font());
    m_parts.editor->setFont(w->font());  // it may float later
    for (RulePane* pane : m_parts.panes)
        pane->setLook(look);
    m_parts.plots->setLook(look);
    for (QSplitter* s : {m_parts.top, m_parts.vertical})
        s->setHandleWidth(look.px(7));
    m_parts.inspectorBox->setMinimumWidth(look.px(170));
    m_parts.inspector->setMargin(look.px(8));
    m_parts.editor->setPreferredWidth(look.px(300));
}

}  // namespace ui
