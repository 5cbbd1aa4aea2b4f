#include "ui/views/wrappedlabel.h"

#include <QEvent>
#include <algorithm>

namespace ui {

WrappedLabel::WrappedLabel(const QString& text, QWidget* parent) : QLabel(text, parent) {
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
}

void WrappedLabel::setWrappedText(const QString& text, bool problem) {
    QPalette p = palette();
    p.setColor(QPalette::WindowText, problem ? QColor(0xb0, 0x00, 0x20)
                                     : parentWidget()
                                         ? parentWidget()->palette().color(QPalette::WindowText)
                                         : QPalette().color(QPalette::WindowText));
    setPalette(p);
    setText(text);
    keepHeight();
}

void WrappedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    keepHeight();
}

void WrappedLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        keepHeight();
}

void WrappedLabel::keepHeight() {
    // Measured directly: QLabel::heightForWidth() would count the minimum set here.
    const QMargins m = contentsMargins();
    const int room = std::max(1, width() - m.left() - m.right() - 2 * margin());
    const int text = this->text().isEmpty() ? 0
                                            : fontMetrics()
                                                  .boundingRect(QRect(0, 0, room, 1 << 20),
                                                                Qt::TextWordWrap, this->text())
                                                  .height();
    const int needed = text == 0 ? 0 : text + m.top() + m.bottom() + 2 * margin();
    if (needed != minimumHeight())
        setMinimumHeight(needed);
}

}  // namespace ui
