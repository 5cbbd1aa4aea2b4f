#include "ui/lab/shortcutoverlay.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/views/networkview.h"

namespace ui {

namespace {

/// The action's text as read in a list: no mnemonic ampersand, no tab-separated shortcut.
QString plainText(const QAction* a) {
    QString text = a->text().section(QLatin1Char('\t'), 0, 0);
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

QString keysOf(const QAction* a) {
    QStringList keys;
    for (const QKeySequence& k : a->shortcuts())
        if (!k.isEmpty())
            keys << k.toString(QKeySequence::NativeText);
    return keys.join(QLatin1String(", "));
}

/// Where an action that is in no menu and not the window's own belongs.
QString groupOf(const QAction* a) {
    for (const QObject* o = a->parent(); o; o = o->parent())
        if (qobject_cast<const NetworkView*>(o))
            return QObject::tr("Network view (click it first)");
    return QObject::tr("Elsewhere in the window");
}

struct Collector {
    QList<ShortcutEntry> entries;
    QSet<QString> seen;
    QSet<const QAction*> visited;

    void add(const QAction* a, const QString& group) {
        if (visited.contains(a))
            return;
        visited.insert(a);
        const QString keys = keysOf(a);
        if (keys.isEmpty() || seen.contains(keys))
            return;
        seen.insert(keys);
        entries.append({keys, plainText(a), group});
    }
    void addMenu(const QMenu* menu, const QString& group) {
        for (const QAction* a : menu->actions()) {
            if (a->menu())
                addMenu(a->menu(), group);
            else
                add(a, group);
        }
    }
};

/// The mouse gestures of the network views: not actions, so listed from here.
QString mouseTable() {
    return QObject::tr(
        "<p><b>Mouse, in a network view</b></p><table cellpadding='3'>"
        "<tr><td><b>Click</b></td><td>select a neuron or weight (inspector)</td></tr>"
        "<tr><td><b>Drag up / down</b></td><td>change a weight, input or target"
        "</td></tr>"
        "<tr><td><b>Wheel</b></td><td>the same in small steps</td></tr>"
        "<tr><td><b>Double-click</b></td><td>type a value</td></tr>"
        "<tr><td><b>Right-click</b></td><td>more edits</td></tr></table>");
}

QString groupTable(const QString& group, const QList<ShortcutEntry>& entries) {
    QString html =
        QStringLiteral("<p><b>%1</b></p><table cellpadding='3'>").arg(group.toHtmlEscaped());
    for (const ShortcutEntry& e : entries)
        if (e.group == group)
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(e.keys.toHtmlEscaped(), e.text.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

}  // namespace

QList<ShortcutEntry> shortcutEntries(const QMainWindow* window) {
    Collector c;
    for (const QAction* top : window->menuBar()->actions())
        if (const QMenu* menu = top->menu())
            c.addMenu(menu, plainText(top));
    for (const QAction* a : window->actions())
        c.add(a, QObject::tr("Lab window"));
    for (const QAction* a : window->findChildren<QAction*>())
        c.add(a, groupOf(a));
    return c.entries;
}

ShortcutOverlay::ShortcutOverlay(QMainWindow* window) : QDialog(window), m_window(window) {
    setObjectName("shortcutOverlay");
    setWindowTitle(tr("Keyboard shortcuts"));
    auto* layout = new QVBoxLayout(this);
    auto* scroll = m_scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll);
    m_content = new QWidget(scroll);
    scroll->setWidget(m_content);
    new QHBoxLayout(m_content);
    refresh();
}

QSize ShortcutOverlay::sizeHint() const {
    const QMargins m = layout()->contentsMargins();
    const int bar = m_scroll->verticalScrollBar()->sizeHint().width();
    return m_content->sizeHint() + QSize(m.left() + m.right() + bar, m.top() + m.bottom());
}

void ShortcutOverlay::refresh() {
    m_entries = shortcutEntries(m_window);
    QStringList groups;
    for (const ShortcutEntry& e : m_entries)
        if (!groups.contains(e.group))
            groups << e.group;
    // Two columns of about equal length, groups kept whole.
    QString columns[2];
    int lines[2] = {0, 0};
    for (const QString& g : groups) {
        const int col = lines[0] <= lines[1] ? 0 : 1;
        columns[col] += groupTable(g, m_entries);
        lines[col] += 2 + static_cast<int>(
                              std::count_if(m_entries.begin(), m_entries.end(),
                                            [&](const ShortcutEntry& e) { return e.group == g; }));
    }
    columns[lines[0] <= lines[1] ? 0 : 1] += mouseTable();
    auto* row = static_cast<QHBoxLayout*>(m_content->layout());
    while (QLayoutItem* item = row->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QString& html : columns) {
        auto* label = new QLabel(html, m_content);
        label->setTextFormat(Qt::RichText);
        label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        row->addWidget(label, 0, Qt::AlignTop);
    }
}

}  // namespace ui
