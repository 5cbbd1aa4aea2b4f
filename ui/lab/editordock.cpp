#include "ui/lab/editordock.h"

#include <QAction>
#include <QMainWindow>
#include <QScreen>
#include <QTimer>
#include <algorithm>

#include "ui/views/screenfit.h"

namespace ui {

EditorDock::EditorDock(QWidget* editor, QMainWindow* window)
    : QDockWidget(tr("Scenario editor"), window), m_window(window) {
    setObjectName("scenarioEditorDock");
    setWidget(editor);
    window->addDockWidget(Qt::RightDockWidgetArea, this);
    hide();
    m_action = new QAction(tr("Scenario &editor (layers, weights, trials, rules)"), this);
    m_action->setObjectName("editorAction");
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::Key_F4));
    connect(m_action, &QAction::triggered, this, &EditorDock::setShown);
    connect(this, &QDockWidget::visibilityChanged, this,
            [this](bool) { m_action->setChecked(!isHidden()); });
}

void EditorDock::setShown(bool shown) {
    m_action->setChecked(shown);
    if (!shown || !isHidden()) {
        setVisible(shown);
        return;
    }
    // Docked only where the panes and plots keep their minimum width beside it; decided before
    // it shows, because a dock that does not fit widens the window at once.
    const int central = m_window->centralWidget()->minimumSizeHint().width();
    const int needed = central + minimumSizeHint().width() + 12;  // and the dock's separator
    if (!isFloating() && needed > m_window->width())
        setFloating(true);
    setFont(m_window->font());  // floating, it is a window and inherits no font
    show();
    if (isFloating()) {
        const QRect w = m_window->geometry();
        resize(std::max(m_preferredWidth, minimumSizeHint().width()), w.height() * 3 / 4);
        move(w.right() - width(), w.top() + w.height() / 8);
        keepOnScreen(this);
        return;
    }
    QTimer::singleShot(0, this, [this] {
        const int wanted = std::clamp(m_window->width() / 4, m_preferredWidth,
                                      std::max(m_preferredWidth, m_window->width() / 3));
        m_window->resizeDocks({this}, {wanted}, Qt::Horizontal);
    });
}

}  // namespace ui
