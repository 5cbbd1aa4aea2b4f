#pragma once

#include <QScrollArea>

namespace ui {

/// A scroll area that asks for all of its widget's size: its window shows the whole content
/// where the screen has room, and it scrolls only where the screen is too small. (A plain
/// QScrollArea asks for at most about 36 by 24 lines of text.)
class ScrollBox : public QScrollArea {
    Q_OBJECT
public:
    explicit ScrollBox(QWidget* content, QWidget* parent = nullptr);

    QSize sizeHint() const override;
};

}  // namespace ui
