#include "ui/views/scrollbox.h"

#include <QScrollBar>

namespace ui {

ScrollBox::ScrollBox(QWidget* content, QWidget* parent) : QScrollArea(parent) {
    setWidget(content);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
}

QSize ScrollBox::sizeHint() const {
    const int frame = 2 * frameWidth();
    if (!widget())
        return QScrollArea::sizeHint();
    QSize s = widget()->sizeHint().expandedTo(widget()->minimumSizeHint());
    if (widget()->hasHeightForWidth())
        s.setHeight(std::max(s.height(), widget()->heightForWidth(s.width())));
    return s + QSize(frame, frame);
}

}  // namespace ui
