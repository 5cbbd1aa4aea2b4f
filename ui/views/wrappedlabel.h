#pragma once

#include <QLabel>

namespace ui {

/// A word-wrapped label that keeps the height its text needs at its width as its minimum, so
/// that layouts which do not ask for height-for-width (QFormLayout rows, dialogs sized before
/// a note grew) give it room instead of squeezing it under the next row.
class WrappedLabel : public QLabel {
    Q_OBJECT
public:
    explicit WrappedLabel(const QString& text = {}, QWidget* parent = nullptr);
    /// Sets the text and the height it needs; a problem is shown in red. (The colour goes
    /// through the palette: a style sheet would stop the label following the window's font.)
    void setWrappedText(const QString& text, bool problem = false);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void keepHeight();
};

}  // namespace ui
