#include "ui/results/imagestrip.h"

#include <QPainter>
#include <QPalette>

namespace ui {

namespace {

constexpr int ImagePx = 56;      // a 28 x 28 image at twice its size
constexpr int CellWidthPx = 78;  // room for a class name under each image
constexpr int LineHeightPx = 14;
constexpr int CaptionHeightPx = 16;

const QColor RightColour(0x1b, 0x7f, 0x3b);
const QColor WrongColour(0xb0, 0x00, 0x20);

}  // namespace

ImageStrip::ImageStrip(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(sizeHint().height());
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize ImageStrip::sizeHint() const {
    return {CellWidthPx * std::max(1, imageCount()),
            CaptionHeightPx + ImagePx + 4 + 3 * LineHeightPx + 4};
}

void ImageStrip::setImages(std::vector<QImage> images, QStringList truths) {
    m_images = std::move(images);
    m_truths = std::move(truths);
    clearPredictions();
    updateGeometry();
}

void ImageStrip::setPredictions(int rule, QStringList predicted, std::vector<bool> correct,
                                QString caption) {
    m_rows[rule] = {std::move(predicted), std::move(correct), std::move(caption)};
    update();
}

void ImageStrip::clearPredictions() {
    m_rows[0] = {};
    m_rows[1] = {};
    update();
}

void ImageStrip::paintEvent(QPaintEvent*) {
    QPainter p(this);
    QFont small = font();
    small.setPointSizeF(std::max(6.5, small.pointSizeF() * 0.85));
    p.setFont(small);
    // The captions: which run each rule's predictions come from.
    const QString caption =
        QStringLiteral("%1    %2")
            .arg(m_rows[0].caption.isEmpty() ? tr("BP: no epoch yet") : m_rows[0].caption,
                 m_rows[1].caption.isEmpty() ? tr("PC: no epoch yet") : m_rows[1].caption);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRect(0, 0, width(), CaptionHeightPx), Qt::AlignLeft | Qt::AlignVCenter, caption);
    for (int i = 0; i < imageCount(); ++i) {
        const int x = i * CellWidthPx;
        const QRect image(x + (CellWidthPx - ImagePx) / 2, CaptionHeightPx, ImagePx, ImagePx);
        p.drawImage(image, m_images[static_cast<size_t>(i)]);
        int y = image.bottom() + 4;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(x, y, CellWidthPx, LineHeightPx), Qt::AlignCenter,
                   i < m_truths.size() ? m_truths[i] : QString());
        for (int rule = 0; rule < 2; ++rule) {
            y += LineHeightPx;
            const Row& row = m_rows[rule];
            if (i >= row.predicted.size())
                continue;
            const bool right =
                static_cast<size_t>(i) < row.correct.size() && row.correct[static_cast<size_t>(i)];
            p.setPen(right ? RightColour : WrongColour);
            p.drawText(QRect(x, y, CellWidthPx, LineHeightPx), Qt::AlignCenter,
                       QStringLiteral("%1 %2%3").arg(
                           rule == 0 ? QStringLiteral("BP") : QStringLiteral("PC"),
                           row.predicted[i], right ? QString() : QStringLiteral(" ✗")));
        }
    }
}

}  // namespace ui
