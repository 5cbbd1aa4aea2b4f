#include "ui/media/videowriter.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <QFile>

#include "ui/media/gifwriter.h"

namespace ui {

namespace {

QString avError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromLocal8Bit(text);
}

}  // namespace

VideoWriter::VideoWriter(VideoFormat format) : m_format(format) {}

VideoWriter::~VideoWriter() {
    release();
}

void VideoWriter::release() {
    if (m_fmt && m_fmt->pb)
        avio_closep(&m_fmt->pb);
    sws_freeContext(m_sws);
    m_sws = nullptr;
    av_frame_free(&m_frame);
    av_packet_free(&m_packet);
    avcodec_free_context(&m_enc);
    avformat_free_context(m_fmt);
    m_fmt = nullptr;
    m_stream = nullptr;
    m_headerWritten = false;
}

QString VideoWriter::open(const QString& path, QSize size, int fps) {
    release();
    m_frames = 0;
    if (size.width() < 2 || size.height() < 2 || size.width() % 2 || size.height() % 2)
        return QObject::tr("video frames must have an even width and height (got %1x%2)")
            .arg(size.width())
            .arg(size.height());
    if (fps < 1 || fps > 240)
        return QObject::tr("frame rate must be 1 to 240 (got %1)").arg(fps);
    m_size = size;
    av_log_set_level(AV_LOG_ERROR);  // x264 prints statistics to stderr otherwise
    const bool mp4 = m_format == VideoFormat::Mp4;
    const QByteArray file = QFile::encodeName(path);
    // The container is named explicitly: the recorder writes to a temporary name first.
    if (avformat_alloc_output_context2(&m_fmt, nullptr, mp4 ? "mp4" : "webm", file.constData()) <
            0 ||
        !m_fmt)
        return QObject::tr("FFmpeg has no %1 muxer").arg(mp4 ? "mp4" : "webm");
    const char* codecName = mp4 ? "libx264" : "libvpx-vp9";
    const AVCodec* codec = avcodec_find_encoder_by_name(codecName);
    if (!codec)
        return QObject::tr("FFmpeg has no %1 encoder (install libavcodec with it)").arg(codecName);
    m_stream = avformat_new_stream(m_fmt, nullptr);
    m_enc = avcodec_alloc_context3(codec);
    m_frame = av_frame_alloc();
    m_packet = av_packet_alloc();
    if (!m_stream || !m_enc || !m_frame || !m_packet)
        return QObject::tr("out of memory while setting up the video encoder");
    m_enc->width = size.width();
    m_enc->height = size.height();
    m_enc->pix_fmt = AV_PIX_FMT_YUV420P;
    m_enc->time_base = AVRational{1, fps};
    m_enc->framerate = AVRational{fps, 1};
    m_enc->gop_size = 2 * fps;
    if (mp4) {
        av_opt_set(m_enc->priv_data, "preset", "veryfast", 0);
        av_opt_set(m_enc->priv_data, "crf", "20", 0);
    } else {
        av_opt_set(m_enc->priv_data, "deadline", "realtime", 0);
        av_opt_set_int(m_enc->priv_data, "cpu-used", 8, 0);
        av_opt_set_int(m_enc->priv_data, "crf", 32, 0);
        m_enc->bit_rate = 0;
    }
    if (m_fmt->oformat->flags & AVFMT_GLOBALHEADER)
        m_enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (int e = avcodec_open2(m_enc, codec, nullptr); e < 0)
        return QObject::tr("cannot start the %1 encoder: %2").arg(codecName, avError(e));
    if (int e = avcodec_parameters_from_context(m_stream->codecpar, m_enc); e < 0)
        return avError(e);
    m_stream->time_base = m_enc->time_base;
    if (int e = avio_open(&m_fmt->pb, file.constData(), AVIO_FLAG_WRITE); e < 0)
        return QObject::tr("cannot write '%1': %2").arg(path, avError(e));
    AVDictionary* options = nullptr;
    if (mp4)
        av_dict_set(&options, "movflags", "+faststart", 0);  // playable while downloading
    const int e = avformat_write_header(m_fmt, &options);
    av_dict_free(&options);
    if (e < 0)
        return QObject::tr("cannot write '%1': %2").arg(path, avError(e));
    m_headerWritten = true;
    m_frame->format = m_enc->pix_fmt;
    m_frame->width = size.width();
    m_frame->height = size.height();
    if (av_frame_get_buffer(m_frame, 0) < 0)
        return QObject::tr("out of memory while setting up the video encoder");
    m_sws =
        sws_getContext(size.width(), size.height(), AV_PIX_FMT_RGBA, size.width(), size.height(),
                       AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr);
    if (!m_sws)
        return QObject::tr("cannot set up the colour conversion");
    return {};
}

QString VideoWriter::encode(AVFrame* frame) {
    if (int e = avcodec_send_frame(m_enc, frame); e < 0)
        return QObject::tr("the encoder refused a frame: %1").arg(avError(e));
    for (;;) {
        const int e = avcodec_receive_packet(m_enc, m_packet);
        if (e == AVERROR(EAGAIN) || e == AVERROR_EOF)
            return {};
        if (e < 0)
            return QObject::tr("encoding failed: %1").arg(avError(e));
        if (m_packet->duration == 0)
            m_packet->duration = 1;  // else the last frame lasts 0 s
        av_packet_rescale_ts(m_packet, m_enc->time_base, m_stream->time_base);
        m_packet->stream_index = m_stream->index;
        const int w = av_interleaved_write_frame(m_fmt, m_packet);  // unrefs the packet
        if (w < 0)
            return QObject::tr("cannot write the video: %1").arg(avError(w));
    }
}

QString VideoWriter::write(const QImage& image) {
    if (QString problem = frameProblem(m_sws != nullptr, image.size(), m_size, "video");
        !problem.isEmpty())
        return problem;
    // RGBA8888 is the byte order R, G, B, A on every platform, as AV_PIX_FMT_RGBA expects.
    const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888);
    if (av_frame_make_writable(m_frame) < 0)
        return QObject::tr("out of memory while encoding");
    const uint8_t* planes[1] = {rgba.constBits()};
    const int strides[1] = {int(rgba.bytesPerLine())};
    sws_scale(m_sws, planes, strides, 0, m_size.height(), m_frame->data, m_frame->linesize);
    m_frame->pts = m_frames;
    const QString error = encode(m_frame);
    if (error.isEmpty())
        ++m_frames;
    return error;
}

QString VideoWriter::finish() {
    if (!m_headerWritten)
        return QObject::tr("the video file is not open");
    QString error = encode(nullptr);  // drains the encoder's look-ahead
    if (error.isEmpty())
        if (int e = av_write_trailer(m_fmt); e < 0)
            error = QObject::tr("cannot finish the video: %1").arg(avError(e));
    // Write errors of buffered data (a full disk) show up when the file is flushed and closed.
    if (error.isEmpty() && m_fmt->pb && m_fmt->pb->error < 0)
        error = QObject::tr("cannot write the video: %1").arg(avError(m_fmt->pb->error));
    if (m_fmt->pb) {
        avio_flush(m_fmt->pb);
        if (error.isEmpty() && m_fmt->pb->error < 0)
            error = QObject::tr("cannot write the video: %1").arg(avError(m_fmt->pb->error));
        if (int e = avio_closep(&m_fmt->pb); e < 0 && error.isEmpty())
            error = QObject::tr("cannot close the video: %1").arg(avError(e));
    }
    release();
    return error;
}

std::optional<VideoFormat> videoFormatFor(const QString& path) {
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".mp4")))
        return VideoFormat::Mp4;
    if (lower.endsWith(QLatin1String(".webm")))
        return VideoFormat::WebM;
    if (lower.endsWith(QLatin1String(".gif")))
        return VideoFormat::Gif;
    return std::nullopt;
}

QString videoFormatName(VideoFormat format) {
    switch (format) {
        case VideoFormat::Mp4:
            return QStringLiteral("H.264 / MP4");
        case VideoFormat::WebM:
            return QStringLiteral("VP9 / WebM");
        case VideoFormat::Gif:
            return QStringLiteral("GIF");
    }
    return {};
}

std::unique_ptr<FrameWriter> makeFrameWriter(VideoFormat format) {
    if (format == VideoFormat::Gif)
        return std::make_unique<GifWriter>();
    return std::make_unique<VideoWriter>(format);
}

}  // namespace ui
