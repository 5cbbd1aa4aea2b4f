// Recording and export: encode and decode back, GIF frames and delays, deterministic frames,
// cancel and write errors, the record/export commands and the CSV of traces.
#include <gtest/gtest.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}
#include <gif_lib.h>
#include <sys/stat.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <cstring>

#include "ui/gifwriter.h"
#include "ui/videowriter.h"

using namespace ui;

namespace {

struct Decoded {
    int frames = 0;
    int width = 0, height = 0;
    AVCodecID codec = AV_CODEC_ID_NONE;
    double seconds = 0.0;
    QString error;
};

// Decodes every frame of a video file with libavformat/libavcodec.
Decoded decode(const QString& path) {
    Decoded d;
    AVFormatContext* fmt = nullptr;
    if (avformat_open_input(&fmt, QFile::encodeName(path).constData(), nullptr, nullptr) < 0) {
        d.error = "cannot open";
        return d;
    }
    avformat_find_stream_info(fmt, nullptr);
    const int s = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (s < 0) {
        avformat_close_input(&fmt);
        d.error = "no video stream";
        return d;
    }
    AVStream* stream = fmt->streams[s];
    d.codec = stream->codecpar->codec_id;
    d.width = stream->codecpar->width;
    d.height = stream->codecpar->height;
    if (fmt->duration > 0)
        d.seconds = double(fmt->duration) / AV_TIME_BASE;
    const AVCodec* codec = avcodec_find_decoder(d.codec);
    AVCodecContext* dec = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(dec, stream->codecpar);
    avcodec_open2(dec, codec, nullptr);
    AVPacket* pkt = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    auto drain = [&] {
        while (avcodec_receive_frame(dec, frame) >= 0)
            ++d.frames;
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == s && avcodec_send_packet(dec, pkt) >= 0)
            drain();
        av_packet_unref(pkt);
    }
    avcodec_send_packet(dec, nullptr);
    drain();
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    return d;
}

QImage testFrame(QSize size, int k) {
    QImage img(size, QImage::Format_RGB32);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(40 * k % 255, 90, 200));
    p.drawEllipse(QPointF(size.width() / 2.0, size.height() / 2.0), 4.0 + k, 4.0 + k);
    return img;
}

QString writeFrames(FrameWriter& w, const QString& path, QSize size, int fps, int n) {
    if (QString e = w.open(path, size, fps); !e.isEmpty())
        return e;
    for (int k = 0; k < n; ++k)
        if (QString e = w.write(testFrame(size, k)); !e.isEmpty())
            return e;
    return w.finish();
}

}  // namespace

TEST(VideoWriter, Mp4DecodesBackWithEveryFrameSizeAndCodec) {
    QTemporaryDir dir;
    const QString path = dir.filePath("clip.mp4");
    VideoWriter w(VideoFormat::Mp4);
    ASSERT_EQ(writeFrames(w, path, {96, 64}, 25, 12), QString());
    const Decoded d = decode(path);
    EXPECT_EQ(d.error, QString());
    EXPECT_EQ(d.frames, 12);
    EXPECT_EQ(d.width, 96);
    EXPECT_EQ(d.height, 64);
    EXPECT_EQ(d.codec, AV_CODEC_ID_H264);
    EXPECT_NEAR(d.seconds, 12.0 / 25.0, 0.05);
}

TEST(VideoWriter, WebmIsVp9) {
    QTemporaryDir dir;
    const QString path = dir.filePath("clip.webm");
    VideoWriter w(VideoFormat::WebM);
    ASSERT_EQ(writeFrames(w, path, {64, 64}, 10, 5), QString());
    const Decoded d = decode(path);
    EXPECT_EQ(d.frames, 5);
    EXPECT_EQ(d.codec, AV_CODEC_ID_VP9);
}

TEST(VideoWriter, OddSizesAndAFullDiskAreErrors) {
    VideoWriter w(VideoFormat::Mp4);
    EXPECT_NE(w.open("/tmp/never.mp4", {65, 64}, 25).indexOf("even"), -1);
    EXPECT_FALSE(QFile::exists("/tmp/never.mp4"));
    if (!QFile::exists("/dev/full"))
        GTEST_SKIP() << "no /dev/full";
    VideoWriter full(VideoFormat::Mp4);
    const QString e = writeFrames(full, "/dev/full", {64, 64}, 25, 30);
    EXPECT_NE(e.indexOf("No space left"), -1) << e.toStdString();
    GifWriter gif;
    const QString g = writeFrames(gif, "/dev/full", {64, 64}, 25, 30);
    EXPECT_NE(g.indexOf("No space left"), -1) << g.toStdString();
}

TEST(GifWriter, FrameCountDelaysLoopAndMode) {
    QTemporaryDir dir;
    const QString path = dir.filePath("clip.gif");
    GifWriter w;
    ASSERT_EQ(writeFrames(w, path, {80, 60}, 30, 7), QString());
    int error = 0;
    GifFileType* gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
    ASSERT_NE(gif, nullptr);
    ASSERT_EQ(DGifSlurp(gif), GIF_OK);
    EXPECT_EQ(gif->ImageCount, 7);
    EXPECT_EQ(gif->SWidth, 80);
    EXPECT_EQ(gif->SHeight, 60);
    int total = 0;
    for (int i = 0; i < gif->ImageCount; ++i) {
        GraphicsControlBlock gcb;
        ASSERT_EQ(DGifSavedExtensionToGCB(gif, i, &gcb), GIF_OK);
        EXPECT_TRUE(gcb.DelayTime == 3 || gcb.DelayTime == 4) << gcb.DelayTime;
        total += gcb.DelayTime;
    }
    EXPECT_EQ(total, 23);  // 7 frames at 30 fps = 23.3 cs: the average rate stays exact
    // giflib attaches the extensions before the first image to that image.
    bool loops = false;
    const SavedImage& first = gif->SavedImages[0];
    for (int i = 0; i + 1 < first.ExtensionBlockCount; ++i)
        loops = loops || (first.ExtensionBlocks[i].Function == APPLICATION_EXT_FUNC_CODE &&
                          first.ExtensionBlocks[i].ByteCount == 11 &&
                          std::memcmp(first.ExtensionBlocks[i].Bytes, "NETSCAPE2.0", 11) == 0 &&
                          first.ExtensionBlocks[i + 1].ByteCount == 3 &&
                          first.ExtensionBlocks[i + 1].Bytes[1] == 0 &&
                          first.ExtensionBlocks[i + 1].Bytes[2] == 0);
    EXPECT_TRUE(loops);
    DGifCloseFile(gif, &error);
    struct stat st {};
    ASSERT_EQ(::stat(QFile::encodeName(path).constData(), &st), 0);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);
}

TEST(GifWriter, MedianCutKeepsFewColoursExactAndDominantColoursOfMany) {
    QImage few(32, 32, QImage::Format_RGB32);
    few.fill(QColor(12, 34, 56));
    few.setPixelColor(3, 3, QColor(200, 1, 2));
    auto p = medianCutPalette(few);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0], 0x0c2238u);
    // 4096 colours on a white background: 256 entries, white kept exactly.
    QImage many(256, 256, QImage::Format_RGB32);
    many.fill(Qt::white);
    for (int i = 0; i < 4096; ++i)
        many.setPixel(i % 64, i / 64, qRgb(i % 16 * 16, i / 16 % 16 * 16, i / 256 * 16));
    p = medianCutPalette(many);
    EXPECT_EQ(p.size(), 256u);
    EXPECT_NE(std::find(p.begin(), p.end(), 0xffffffu), p.end());
    EXPECT_EQ(p[std::size_t(nearestIndex(p, 0xffffffu))], 0xffffffu);
}

