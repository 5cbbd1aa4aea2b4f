#pragma once

#include "ui/media/framewriter.h"

struct AVFormatContext;
struct AVCodecContext;
struct AVStream;
struct AVFrame;
struct AVPacket;
struct SwsContext;

namespace ui {

/// MP4 (H.264, libx264, crf 20, yuv420p) or WebM (VP9, libvpx, realtime) through FFmpeg's
/// libraries. Frame sizes must be even (yuv420p halves the chroma planes).
class VideoWriter : public FrameWriter {
public:
    explicit VideoWriter(VideoFormat format);
    ~VideoWriter() override;
    VideoWriter(const VideoWriter&) = delete;
    VideoWriter& operator=(const VideoWriter&) = delete;

    QString open(const QString& path, QSize size, int fps) override;
    QString write(const QImage& frame) override;
    QString finish() override;
    int frames() const override { return m_frames; }

private:
    /// Sends `frame` (nullptr = flush) and writes every packet the encoder returns.
    QString encode(AVFrame* frame);
    void release();

    VideoFormat m_format;
    QSize m_size;
    AVFormatContext* m_fmt = nullptr;
    AVCodecContext* m_enc = nullptr;
    AVStream* m_stream = nullptr;
    AVFrame* m_frame = nullptr;
    AVPacket* m_packet = nullptr;
    SwsContext* m_sws = nullptr;
    bool m_headerWritten = false;
    int m_frames = 0;
};

}  // namespace ui
