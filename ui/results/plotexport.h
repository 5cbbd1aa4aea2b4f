#pragma once

#include <QByteArray>
#include <QString>

class QCustomPlot;
class QWidget;

namespace engine::report {
struct TextTable;
}

namespace ui {

/// Writes bytes to `path` through QSaveFile: a failed write keeps the previous file. Returns an
/// error message, or empty on success.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

/// Writes the plot to `path` as PNG (at twice the pixels), or as PDF when the name ends in .pdf,
/// at a fixed size of `width` x `height`, atomically. Returns an error message, or empty.
QString savePlotFile(QCustomPlot* plot, const QString& path, int width, int height);

/// Writes a result's CSV table to `path` atomically; a table without a header (no result yet)
/// is refused. Returns an error message, or empty.
QString saveCsvTable(const engine::report::TextTable& csv, const QString& path);

/// Asks where to save a plot (PNG or PDF); a name without a suffix gets the one of the chosen
/// filter. Returns "" when cancelled.
QString askPlotPath(QWidget* parent);

/// Asks where to save a CSV table; a name without a suffix gets .csv. Returns "" when cancelled.
QString askCsvPath(QWidget* parent);

}  // namespace ui
