#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMainWindow;
class QScrollArea;
class QWidget;

namespace ui {

/// One line of the shortcut list: the keys, what they do, and where they are found.
struct ShortcutEntry {
    QString keys;   ///< In the platform's notation ("Ctrl+S"); several separated by ", ".
    QString text;   ///< The action's text without its mnemonic ("Save").
    QString group;  ///< The menu it sits in, "Lab window", or the view it belongs to.
};

/// Every action of `window` that has a shortcut, read from the actions themselves so the list
/// cannot go stale: first the menus' actions in menu order (grouped by menu), then the
/// window's own actions, then any other action in the window (the network views' nudge keys).
/// A key sequence already listed is not listed again (the View menu's M and the window's M).
QList<ShortcutEntry> shortcutEntries(const QMainWindow* window);

/// The keyboard shortcuts of the lab window in a small non-modal dialog ("?" shows and hides
/// it, so does Help > Keyboard shortcuts). refresh() builds it again from the actions.
class ShortcutOverlay : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutOverlay(QMainWindow* window);

    /// Builds the list again from the window's actions as they are now.
    void refresh();
    /// The lines on show (tests compare them with the actions).
    const QList<ShortcutEntry>& entries() const { return m_entries; }
    /// Room for the whole list (the screen may cut it down; then it scrolls).
    QSize sizeHint() const override;

private:
    QMainWindow* m_window;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QList<ShortcutEntry> m_entries;
};

}  // namespace ui
