#pragma once

#include <QFont>
#include <QList>
#include <QObject>

#include "ui/views/look.h"

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QScrollArea;
class QSplitter;

namespace ui {

class DisplaySettings;
class EditorDock;
class PlotPanel;
class PresentationMode;
class RulePane;
class RunToolBar;

/// Zoom and presentation mode for the lab window: the display actions of the View menu
/// (inspector I, presentation F5, menus and controls F10, zoom Ctrl++ Ctrl+- Ctrl+0), the
/// settings they change (DisplaySettings, remembered per user), what presentation mode hides
/// (PresentationMode), and the one Look that every part of the window then draws with. The
/// views never ask which mode they are in: they are handed a Look.
class DisplayController : public QObject {
    Q_OBJECT
public:
    struct Parts {
        QMainWindow* window;
        RunToolBar* runBar;
        QScrollArea* inspectorBox;
        QLabel* inspector;
        EditorDock* editor;
        QSplitter* top;
        QSplitter* vertical;
        QList<RulePane*> panes;
        PlotPanel* plots;
    };
    DisplayController(const Parts& parts, QObject* parent);

    /// Adds the display actions to `view` and to the window (whose shortcuts they are).
    void addActions(QMenu* view);

    /// Presentation mode on or off; `fullScreen` makes the window full screen (now, or when it
    /// is shown), and a screenshot leaves it off to keep the size it asked for.
    void setPresentation(bool on, bool fullScreen = true);
    bool presentation() const;
    /// The zoom of the mode in use (Ctrl++, Ctrl+-, Ctrl+0).
    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// The user's zoom and mode as they left them (QSettings), remembered from now on.
    void restore();
    /// The inspector with the lesson beside the panes (I), in either mode.
    void setInspectorShown(bool shown);
    bool inspectorShown() const;
    /// In presentation mode: the menus, the status bar and the whole toolbar (F10).
    void toggleControls();
    DisplaySettings* settings() const { return m_settings; }

    /// Hands the look for the window's size (full screen: its screen's) to every part.
    void applyLook();
    const Look& look() const { return m_look; }

private:
    /// Enters or leaves PresentationMode to match the settings.
    void sync();

    Parts m_parts;
    DisplaySettings* m_settings = nullptr;
    PresentationMode* m_mode = nullptr;
    QAction* m_presentationAction = nullptr;
    QAction* m_inspectorAction = nullptr;
    QFont m_baseFont;
    Look m_look;
    bool m_applied = false;
    bool m_fullScreen = true;  // presentation mode's; off for screenshots
    QList<int> m_normalSplit;  // panes and plots before presentation mode
};

}  // namespace ui
