#include "ui/views/gripsplitter.h"

#include <QPainter>
#include <QSplitterHandle>
#include <algorithm>

namespace ui {

namespace {

class GripHandle : public QSplitterHandle {
public:
    GripHandle(Qt::Orientation orientation, QSplitter* parent)
        : QSplitterHandle(orientation, parent) {
        setAttribute(Qt::WA_Hover);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        const bool hover = underMouse();
        p.fillRect(rect(), hover ? QColor(150, 150, 150) : QColor(200, 200, 200));
        // A grip of three dots across the middle.
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(hover ? QColor(40, 40, 40) : QColor(95, 95, 95));
        const bool across = orientation() == Qt::Horizontal;  // a vertical bar between columns
        const double thickness = across ? width() : height();
        const double dot = std::max(1.5, thickness * 0.22);
        const QPointF centre = QRectF(rect()).center();
        for (int k = -1; k <= 1; ++k) {
            const QPointF offset = across ? QPointF(0, k * 4 * dot) : QPointF(k * 4 * dot, 0);
            p.drawEllipse(centre + offset, dot, dot);
        }
    }
};

}  // namespace

GripSplitter::GripSplitter(Qt::Orientation orientation, QWidget* parent)
    : QSplitter(orientation, parent) {}

QSplitterHandle* GripSplitter::createHandle() {
    return new GripHandle(orientation(), this);
}

}  // namespace ui
