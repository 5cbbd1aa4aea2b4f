#pragma once

#include <QImage>
#include <QSize>
#include <QString>
#include <memory>
#include <optional>

namespace ui {

/// File formats of a recording.
enum class VideoFormat {
    Mp4,   ///< H.264 (libx264) in MP4: plays everywhere.
    WebM,  ///< VP9 (libvpx) in WebM: royalty-free.
    Gif,   ///< GIF89a through giflib, looping, one median-cut palette per frame.
};

/// The format a file name asks for by its extension (.mp4, .webm, .gif; any case), or none.
std::optional<VideoFormat> videoFormatFor(const QString& path);
/// "H.264 / MP4", "VP9 / WebM" or "GIF".
QString videoFormatName(VideoFormat format);

/// Encodes a sequence of equally sized frames into a file. Not thread-affine: one writer may be
/// used from any single thread at a time. Every function returns an error message, or "" on
/// success; after an error the writer only accepts abort() (or destruction).
class FrameWriter {
public:
    virtual ~FrameWriter() = default;
    /// Creates `path` (overwriting it) for frames of `size` pixels at `fps` frames per second.
    virtual QString open(const QString& path, QSize size, int fps) = 0;
    /// Appends one frame (converted as needed; it must have the size given to open()).
    virtual QString write(const QImage& frame) = 0;
    /// Flushes the encoder and writes the trailer; the file is complete afterwards.
    virtual QString finish() = 0;
    /// Frames appended so far.
    virtual int frames() const = 0;
};

/// A writer for `format`.
std::unique_ptr<FrameWriter> makeFrameWriter(VideoFormat format);

}  // namespace ui
