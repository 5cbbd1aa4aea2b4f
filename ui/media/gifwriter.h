#pragma once

#include <cstdint>
#include <vector>

#include "ui/media/framewriter.h"

struct GifFileType;

namespace ui {

/// A palette of at most 256 colours (0xRRGGBB) for one image, by median cut over the image's
/// exact colours: images with 256 colours or fewer keep every colour exactly, and each box of
/// colours is represented by its most frequent member, so the background and the line colours
/// stay exact while antialiasing shades share entries. Deterministic.
std::vector<std::uint32_t> medianCutPalette(const QImage& image, int maxColors = 256);

/// Index of the palette entry nearest to `rgb` (squared RGB distance, weighted 2:4:3).
int nearestIndex(const std::vector<std::uint32_t>& palette, std::uint32_t rgb);

/// Animated GIF89a through giflib: loops forever; each frame stores only the rectangle that
/// changed, with a local median-cut palette of its own; no dithering (dither noise defeats LZW and
/// blurs thin lines). Delays are in 1/100 s; frame k ends at round(100 (k + 1) / fps) cs, so the
/// average rate is exact even where 100 / fps is not a whole number. The file is created with mode
/// 0666 minus the umask.
class GifWriter : public FrameWriter {
public:
    GifWriter();
    ~GifWriter() override;
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    QString open(const QString& path, QSize size, int fps) override;
    QString write(const QImage& frame) override;
    QString finish() override;
    int frames() const override { return m_frames; }

    /// Delay of frame k (0-based) in 1/100 s at `fps`.
    static int delayCs(int k, int fps);

private:
    QString gifError(const char* what) const;

    GifFileType* m_gif = nullptr;
    QSize m_size;
    int m_fps = 25;
    int m_frames = 0;
    QString m_path;
    QImage m_previous;  // the last frame written, as RGB32
};

}  // namespace ui
