#pragma once

#include <QPushButton>
#include <QString>
#include <cmath>
#include <optional>

namespace ui::cells {

/// A value as the editor's tables show it: up to 10 significant digits.
inline QString number(double v) {
    return QString::number(v, 'g', 10);
}

/// Parses a cell: a finite number, or std::nullopt (with `blank` set when the text is empty).
inline std::optional<double> parse(const QString& text, bool* blank = nullptr) {
    const QString t = text.trimmed();
    if (blank)
        *blank = t.isEmpty();
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

/// A push button that Return in a table does not press.
inline QPushButton* button(const QString& text, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setAutoDefault(false);
    return b;
}

}  // namespace ui::cells
