#pragma once

#include <QImage>
#include <QObject>
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
/// success; after an error the file is incomplete: destroy the writer (which closes it) and
/// discard the file.
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

protected:
    /// Why write() cannot take a frame of `frame` pixels into an `open` file of `size` pixels
    /// ("" = it can); `kind` names the file ("video", "GIF").
    static QString frameProblem(bool open, QSize frame, QSize size, const QString& kind) {
        if (!open)
            return QObject::tr("the %1 file is not open").arg(kind);
        if (frame != size)
            return QObject::tr("frame of %1x%2 in a %3x%4 %5")
                .arg(frame.width())
                .arg(frame.height())
                .arg(size.width())
                .arg(size.height())
                .arg(kind);
        return {};
    }
};

/// A writer for `format`.
std::unique_ptr<FrameWriter> makeFrameWriter(VideoFormat format);

}  // namespace ui
