#include "ui/lab/presentationmode.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>

#include "ui/lab/runtoolbar.h"

namespace ui {

PresentationMode::PresentationMode(const Parts& parts, QObject* parent)
    : QObject(parent), m_parts(parts) {}

void PresentationMode::enter(bool fullScreen) {
    if (m_active)
        return;
    m_active = true;
    QMainWindow* w = m_parts.window;
    m_inspectorWasVisible = !m_parts.inspector->isHidden();
    m_editorWasVisible = !m_parts.editor->isHidden();
    m_parts.inspector->hide();
    m_parts.editor->hide();
    m_controls = false;
    showControls(false);
    m_fullScreen = fullScreen;
    if (m_fullScreen) {
        m_wasMaximised = w->windowState() & Qt::WindowMaximized;
        m_geometry = w->saveGeometry();
        if (w->isVisible())
            w->showFullScreen();
        else  // shown full screen when it is shown (a session started in presentation mode)
            w->setWindowState(w->windowState() | Qt::WindowFullScreen);
    }
}

void PresentationMode::leave() {
    if (!m_active)
        return;
    m_active = false;
    QMainWindow* w = m_parts.window;
    showControls(true);
    m_parts.inspector->setVisible(m_inspectorWasVisible);
    m_parts.editor->setVisible(m_editorWasVisible);
    if (m_fullScreen) {
        m_fullScreen = false;
        w->showNormal();
        w->restoreGeometry(m_geometry);
        if (m_wasMaximised)
            w->showMaximized();
    }
}

void PresentationMode::toggleControls() {
    if (!m_active)
        return;
    m_controls = !m_controls;
    showControls(m_controls);
}

void PresentationMode::showControls(bool shown) {
    m_parts.window->menuBar()->setVisible(shown);
    m_parts.window->statusBar()->setVisible(shown);
    m_parts.runBar->setCompact(!shown);
}

}  // namespace ui
