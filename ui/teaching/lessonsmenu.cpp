#include "ui/teaching/lessonsmenu.h"

#include <QAction>
#include <QMenu>

#include "engine/scenario/presets.h"

namespace ui {

QStringList lessonNames() {
    QStringList names;
    for (const engine::Scenario& p : engine::presets())
        if (!p.lesson.empty())
            names.push_back(QString::fromStdString(p.name));
    if (names.removeOne(FirstLessonName))
        names.prepend(FirstLessonName);
    return names;
}

void fillLessonsMenu(QMenu* menu, const std::function<void(const QString& name)>& open) {
    for (const QString& name : lessonNames()) {
        const engine::Scenario* p = engine::findPreset(name.toStdString());
        const engine::Lesson& lesson = p->lesson;
        QString text = QString::fromStdString(lesson.title.empty() ? p->title : lesson.title);
        if (!lesson.figure.empty())
            text += QStringLiteral(" (%1)").arg(QString::fromStdString(lesson.figure));
        QAction* a = menu->addAction(text, menu, [open, name] { open(name); });
        a->setObjectName(QStringLiteral("lesson-%1").arg(name));
        a->setToolTip(QString::fromStdString(lesson.summary()));
    }
    menu->setToolTipsVisible(true);
}

}  // namespace ui
