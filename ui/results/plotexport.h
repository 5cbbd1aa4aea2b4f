#pragma once

#include <QByteArray>
#include <QString>

class QCustomPlot;

namespace ui {

/// Writes bytes to `path` through QSaveFile: a failed write keeps the previous file. Returns an
/// error message, or empty on success.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

/// Writes the plot to `path` as PNG (at twice the pixels), or as PDF when the name ends in .pdf,
/// at a fixed size of `width` x `height`, atomically. Returns an error message, or empty.
QString savePlotFile(QCustomPlot* plot, const QString& path, int width, int height);

}  // namespace ui
