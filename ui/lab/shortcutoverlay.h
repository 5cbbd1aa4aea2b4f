#pragma once

#include <QDialog>

namespace ui {

/// The keyboard shortcuts of the lab window in a small non-modal dialog ("?" shows and hides
/// it).
class ShortcutOverlay : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutOverlay(QWidget* parent);
};

}  // namespace ui
