#include "ui/views/elidedlabel.h"

#include <QEvent>
#include <QFontMetrics>

namespace ui {

ElidedLabel::ElidedLabel(QWidget* parent) : QLabel(parent) {
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void ElidedLabel::setTexts(const QStringList& longestFirst) {
    if (longestFirst == m_texts)
        return;
    m_texts = longestFirst;
    // Only a change of the wanted width concerns the layout.
    if (sizePolicy().horizontalPolicy() != QSizePolicy::Ignored &&
        sizeHint().width() != m_hintWidth) {
        m_hintWidth = sizeHint().width();
        updateGeometry();
    }
    refit();
}

void ElidedLabel::setOwnToolTip(const QString& tip) {
    m_ownToolTip = tip;
    refit();
}

QSize ElidedLabel::sizeHint() const {
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    const int extra = m.left() + m.right() + 2 * margin() + indent() * (indent() > 0);
    return {fm.horizontalAdvance(fullText()) + extra,
            std::max(fm.height(), QLabel::minimumSizeHint().height()) + m.top() + m.bottom()};
}

QSize ElidedLabel::minimumSizeHint() const {
    // Room for a few characters and the ellipsis: the label may be squeezed that far.
    const QFontMetrics fm(font());
    const QMargins m = contentsMargins();
    return {fm.horizontalAdvance(QStringLiteral("Mm…")) + m.left() + m.right() + 2 * margin(),
            sizeHint().height()};
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
    QLabel::resizeEvent(event);
    refit();
}

void ElidedLabel::changeEvent(QEvent* event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateGeometry();
        refit();
    }
}

void ElidedLabel::refit() {
    const int room = contentsRect().width() - 2 * margin();
    const QFontMetrics fm(font());
    QString shown;
    for (const QString& t : m_texts)
        if (fm.horizontalAdvance(t) <= room) {
            shown = t;
            break;
        }
    if (shown.isNull() && !m_texts.isEmpty())
        shown = fm.elidedText(m_texts.back(), Qt::ElideRight, std::max(room, 0));
    if (shown != text())
        QLabel::setText(shown);
    const QString tip = shown == fullText() ? m_ownToolTip : fullText();
    if (toolTip() != tip)
        setToolTip(tip);
}

}  // namespace ui
