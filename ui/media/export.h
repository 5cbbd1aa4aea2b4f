#pragma once

#include <QString>
#include <string>

#include "ui/media/recording.h"
#include "ui/simulation/history.h"

namespace ui {

/// Image formats of an export, from the file name's extension.
enum class ImageFormat { Png, Svg, Pdf };
std::optional<ImageFormat> imageFormatFor(const QString& path);

/// Draws frame `index` of `history` as `settings` say into `path`: PNG (any view, at
/// settings.size pixels, drawn at the render scale so text stays crisp on high-DPI), SVG (any
/// view; network views and single plots as vectors, the plots inside the lab and "plots"
/// views as embedded images) or PDF (single plots only, QCustomPlot's vector export). The file
/// appears complete or not at all. Returns "" or the error.
QString exportImage(const RunLook& look, const History& history, std::size_t index,
                    const RenderSettings& settings, const QString& path);

/// Every trace of a recorded run as one tidy CSV table (RFC 4180, header row, one observation
/// per row): columns rule,trial,iteration,quantity,value. Per trial and rule: loss, output_i,
/// target_i (NaN-free: outputs without a target are left out), the tracked weights wL_i_j and
/// target_alignment, with an empty iteration; per PC inference iteration of each recorded
/// trial: energy_total and energy_l for every layer. Numbers round-trip exactly.
std::string tracesCsv(const History& history, const RunLook& look, int* rows = nullptr);

/// Writes tracesCsv() atomically to `path`; returns "" or the error.
QString exportCsv(const History& history, const RunLook& look, const QString& path,
                  int* rows = nullptr);

}  // namespace ui
