#include "ui/views/plasticityflash.h"

#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/views/networkview.h"

namespace ui {

QString changeText(double delta) {
    const QString number = shortNumber(delta, 2);
    return delta > 0 && number != QStringLiteral("0") ? QStringLiteral("+") + number : number;
}

void drawChangeFlashes(QPainter& p, const std::vector<SynapseChange>& changes, const Look& look,
                       double width) {
    QColor band = look.plasticityColor();
    band.setAlpha(look.isPresentation() ? 140 : 110);
    QPen pen(band, width);
    pen.setCapStyle(Qt::RoundCap);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(pen);
    for (const SynapseChange& c : changes)
        p.drawLine(c.line);
    p.restore();
}

namespace {

/// Whether `box` keeps clear of the circle of radius r around c.
bool clearOf(const QRectF& box, const QPointF& c, double r) {
    const double x = std::clamp(c.x(), box.left(), box.right());
    const double y = std::clamp(c.y(), box.top(), box.bottom());
    return std::hypot(c.x() - x, c.y() - y) > r;
}

}  // namespace

int drawChangeLabels(QPainter& p, const std::vector<SynapseChange>& changes, const Look& look,
                     const QFont& font, int most, double clearance) {
    const QFontMetricsF fm(font);
    std::vector<QRectF> taken;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setFont(font);
    for (const SynapseChange& c : changes) {
        if (int(taken.size()) >= most)
            break;
        const QString text = changeText(c.delta);
        const double w = fm.horizontalAdvance(text) + 6, h = fm.height() + 2;
        // A little past the middle where that keeps clear of the neurons, else nearer it.
        QRectF box;
        bool clear = false;
        for (double t : {0.62, 0.5, 0.4}) {
            const QPointF at = c.line.pointAt(t);
            box = QRectF(at.x() - w / 2, at.y() - h / 2, w, h);
            clear = clearOf(box, c.line.p1(), clearance) && clearOf(box, c.line.p2(), clearance);
            for (const QRectF& r : taken)
                clear = clear && !r.adjusted(-2, -2, 2, 2).intersects(box);
            if (clear)
                break;
        }
        if (!clear)
            continue;
        taken.push_back(box);
        p.setPen(QPen(look.plasticityColor(), look.stroke(1.0)));
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRoundedRect(box, 3, 3);
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.restore();
    return int(taken.size());
}

}  // namespace ui
