#pragma once

#include <QDockWidget>

class QAction;
class QMainWindow;

namespace ui {

/// The scenario editor's dock. Opened (F4, its action), it takes a narrow column beside the
/// panes when the window has room for both, and floats beside the window otherwise: opening it
/// never makes the window wider than it is (or than the screen).
class EditorDock : public QDockWidget {
    Q_OBJECT
public:
    EditorDock(QWidget* editor, QMainWindow* window);

    /// Checkable "Scenario editor" action (F4); it follows the dock when the dock is closed.
    QAction* action() const { return m_action; }
    void setShown(bool shown);
    /// The column it takes when docked (grown to a quarter of the window, at most a third).
    void setPreferredWidth(int width) { m_preferredWidth = width; }

private:
    QMainWindow* m_window;
    QAction* m_action = nullptr;
    int m_preferredWidth = 300;
};

}  // namespace ui
