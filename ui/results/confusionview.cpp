#include "ui/results/confusionview.h"

#include <QPainter>
#include <algorithm>

#include "ui/views/palette.h"

namespace ui {

namespace {

constexpr int TitleHeightPx = 16;
constexpr int LabelWidthPx = 26;  // the row labels: class numbers
constexpr int GapPx = 16;

}  // namespace

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 170);
}

QSize ConfusionView::sizeHint() const {
    return {460, 230};
}

void ConfusionView::setMatrix(int rule, std::vector<std::int64_t> counts, QStringList names,
                              QString title) {
    // A matrix that does not fit its names (a run that ended before its first test) is none.
    if (counts.size() != static_cast<size_t>(names.size()) * static_cast<size_t>(names.size()))
        names.clear();
    m_matrices[rule] = {std::move(counts), std::move(names), std::move(title)};
    update();
}

void ConfusionView::clear() {
    m_matrices[0] = {};
    m_matrices[1] = {};
    update();
}

std::int64_t ConfusionView::count(int rule, int row, int col) const {
    const Matrix& m = m_matrices[rule];
    return m.counts[static_cast<size_t>(row * m.names.size() + col)];
}

void ConfusionView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
    p.setFont(small);
    const int half = (width() - GapPx) / 2;
    for (int rule = 0; rule < 2; ++rule)
        paintMatrix(p, QRect(rule * (half + GapPx), 0, half, height()), m_matrices[rule], rule);
}

void ConfusionView::paintMatrix(QPainter& p, const QRect& area, const Matrix& m, int rule) const {
    p.setPen(palette().color(QPalette::WindowText));
    const QString name = rule == 0 ? QStringLiteral("BP") : QStringLiteral("PC");
    p.drawText(QRect(area.left(), area.top(), area.width(), TitleHeightPx),
               Qt::AlignLeft | Qt::AlignVCenter, m.title.isEmpty() ? name : m.title);
    const int n = static_cast<int>(m.names.size());
    if (n == 0)
        return;
    const int side = std::max(
        4, std::min((area.width() - LabelWidthPx) / n, (area.height() - TitleHeightPx - 14) / n));
    const QPoint origin(area.left() + LabelWidthPx, area.top() + TitleHeightPx + 12);
    const QColor ink = palette::ruleColor(rule);
    for (int row = 0; row < n; ++row) {
        // Shade by the share of the row's images: a right classifier is a dark diagonal.
        std::int64_t total = 0;
        for (int col = 0; col < n; ++col)
            total += std::max<std::int64_t>(0, count(rule, row, col));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(area.left(), origin.y() + row * side, LabelWidthPx - 3, side),
                   Qt::AlignRight | Qt::AlignVCenter, QString::number(row));
        for (int col = 0; col < n; ++col) {
            const std::int64_t c = count(rule, row, col);
            const QRect cell(origin.x() + col * side, origin.y() + row * side, side, side);
            if (c < 0)
                continue;
            QColor fill = ink;
            fill.setAlphaF(total > 0 ? static_cast<float>(0.08 + 0.92 * static_cast<double>(c) /
                                                                     static_cast<double>(total))
                                     : 0.0f);
            p.fillRect(cell, fill);
            p.setPen(QColor(0, 0, 0, 40));
            p.drawRect(cell.adjusted(0, 0, -1, -1));
            if (c > 0 && side >= 16) {
                p.setPen(palette::textOn(fill.alphaF() > 0.5 ? ink : Qt::white));
                p.drawText(cell, Qt::AlignCenter, QString::number(c));
            }
        }
    }
    // Column numbers above; the names are in the tooltip and the strip.
    p.setPen(palette().color(QPalette::WindowText));
    for (int col = 0; col < n; ++col)
        p.drawText(QRect(origin.x() + col * side, origin.y() - 12, side, 12), Qt::AlignCenter,
                   QString::number(col));
}

}  // namespace ui
