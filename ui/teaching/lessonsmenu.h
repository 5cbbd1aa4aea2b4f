#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class QMenu;

namespace ui {

/// The name of the newcomer's lesson (a tour of the window on the bear network), first in the
/// Lessons menu.
inline const QString FirstLessonName = QStringLiteral("first-steps");

/// The bundled scenarios that carry a lesson of steps, in the Lessons menu's order: the
/// newcomer's lesson first, then the presets in their menu order.
QStringList lessonNames();

/// Fills `menu` with one entry per bundled lesson (its title and the paper's figure); choosing
/// one calls `open` with the preset's name.
void fillLessonsMenu(QMenu* menu, const std::function<void(const QString& name)>& open);

}  // namespace ui
