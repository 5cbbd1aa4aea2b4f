#pragma once

#include <QByteArray>
#include <QObject>

class QDockWidget;
class QMainWindow;
class QWidget;

namespace ui {

class RunToolBar;

/// What presentation mode does to the window's parts: full screen, and besides the panes and
/// the plots only the run controls (play, step and its granularity, speed) and the timeline.
/// The menus, the status bar and the rest of the toolbar are one key away (toggleControls, F10),
/// so is the inspector (I, the window's own action), and leaving puts back what was there,
/// including the window's geometry. The look (text sizes, colours) is DisplaySettings' part.
class PresentationMode : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QMainWindow* window;
        RunToolBar* runBar;
        QWidget* inspector;
        QDockWidget* editor;
    };
    PresentationMode(const Parts& parts, QObject* parent);

    /// Hides the parts; `fullScreen` also makes the window full screen, now or when it is
    /// shown (a screenshot keeps the size it was asked for).
    void enter(bool fullScreen);
    void leave();
    bool active() const { return m_active; }
    /// In presentation mode: shows or hides again the menus, the status bar and the whole
    /// toolbar.
    void toggleControls();
    bool controlsShown() const { return m_controls; }

private:
    void showControls(bool shown);

    Parts m_parts;
    bool m_active = false;
    bool m_controls = false;
    bool m_fullScreen = false;
    bool m_wasMaximised = false;
    bool m_inspectorWasVisible = true;
    bool m_editorWasVisible = false;
    QByteArray m_geometry;
};

}  // namespace ui
