#pragma once

#include <QLabel>
#include <QStringList>

namespace ui {

/// A one-line label that neither widens its layout nor cuts its text off at the edge: it shows
/// the longest of its texts that fits (the first is the full text, the others shorter forms of
/// it), or else the last one elided with "…". Whenever it shows less than the full text, its
/// tooltip gives the full text. With a horizontal size policy of Ignored (a label whose text
/// changes every frame), new texts never ask the layout for room.
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget* parent = nullptr);

    /// The full text and, optionally, shorter forms of it, longest first.
    void setTexts(const QStringList& longestFirst);
    void setFullText(const QString& text) { setTexts({text}); }
    QString fullText() const { return m_texts.value(0); }
    /// Whether the label shows less than the full text.
    bool isShortened() const { return text() != fullText(); }
    /// The tooltip while the full text is shown (the full text replaces it otherwise).
    void setOwnToolTip(const QString& tip);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refit();
    QStringList m_texts;
    QString m_ownToolTip;
    int m_hintWidth = -1;  // the width sizeHint() last announced
};

}  // namespace ui
