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
#include <QProgressDialog>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <cstring>
#include <map>
#include <set>
#include <sstream>

#include "app/recordcommand.h"
#include "engine/core/simulation.h"
#include "engine/scenario/presets.h"
#include "engine/scenario/scenario.h"
#include "engine/scenario/scenariofile.h"
#include "ui/lab/mainwindow.h"
#include "ui/media/export.h"
#include "ui/media/exportdialog.h"
#include "ui/media/gifwriter.h"
#include "ui/media/recorddialog.h"
#include "ui/media/recorder.h"
#include "ui/media/recording.h"
#include "ui/media/tracescsv.h"
#include "ui/media/videowriter.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/palette.h"
#include "waitfor.h"

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

QStringList leftovers(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

/// What an SVG file holds: the elements by name and the text of its <title> and <text>s.
struct SvgContents {
    QString error;  ///< "" when the file is well-formed XML with an <svg> root
    QString viewBox;
    QString title;
    QStringList texts;
    std::map<QString, int> elements;
    int count(const QString& element) const {
        const auto it = elements.find(element);
        return it == elements.end() ? 0 : it->second;
    }
};

SvgContents readSvg(const QString& path) {
    SvgContents svg;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        svg.error = "cannot open " + path;
        return svg;
    }
    QXmlStreamReader xml(&file);
    bool root = true;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QString name = xml.name().toString();
        if (root) {
            if (name != "svg")
                svg.error = "the root element is <" + name + ">, not <svg>";
            svg.viewBox = xml.attributes().value("viewBox").toString();
            root = false;
        }
        ++svg.elements[name];
        if (name == "title")
            svg.title = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        else if (name == "text")
            svg.texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
    }
    if (xml.hasError())
        svg.error = xml.errorString();
    return svg;
}

/// How many pixels of `image` have exactly the colour `colour`.
int pixelsOf(const QImage& image, const QColor& colour) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            n += QColor(image.pixel(x, y)).rgb() == colour.rgb();
    return n;
}

/// How many different shades of grey `image` has.
int greyLevels(const QImage& image) {
    std::set<int> levels;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c(image.pixel(x, y));
            if (c.red() == c.green() && c.green() == c.blue())
                levels.insert(c.red());
        }
    return int(levels.size());
}

std::shared_ptr<Recording> bearRecording(int trials, Granularity every) {
    auto r = std::make_shared<Recording>();
    EXPECT_EQ(simulateRecording(*engine::findPreset("bear"), trials, every, *r), QString());
    return r;
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
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString never = dir.filePath("never.mp4");
    VideoWriter w(VideoFormat::Mp4);
    EXPECT_NE(w.open(never, {65, 64}, 25).indexOf("even"), -1);
    EXPECT_FALSE(QFile::exists(never));
    EXPECT_TRUE(leftovers(dir.path()).isEmpty());
    if (!QFile::exists("/dev/full"))
        GTEST_SKIP() << "no /dev/full";
    VideoWriter full(VideoFormat::Mp4);
    const QString e = writeFrames(full, "/dev/full", {64, 64}, 25, 30);
    EXPECT_NE(e.indexOf("No space left"), -1) << e.toStdString();
    GifWriter gif;
    const QString g = writeFrames(gif, "/dev/full", {64, 64}, 25, 30);
    EXPECT_NE(g.indexOf("No space left"), -1) << g.toStdString();
}

TEST(FrameWriter, AFrameBeforeOpenOrOfTheWrongSizeIsRefused) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const VideoFormat format : {VideoFormat::Mp4, VideoFormat::Gif}) {
        const std::unique_ptr<FrameWriter> w = makeFrameWriter(format);
        const QString kind = format == VideoFormat::Gif ? "GIF" : "video";
        EXPECT_EQ(w->write(testFrame({64, 64}, 0)), QString("the %1 file is not open").arg(kind));
        const QString path = dir.filePath(format == VideoFormat::Gif ? "x.gif" : "x.mp4");
        ASSERT_EQ(w->open(path, {64, 48}, 10), QString());
        EXPECT_EQ(w->write(testFrame({64, 64}, 0)),
                  QString("frame of 64x64 in a 64x48 %1").arg(kind));
        EXPECT_EQ(w->frames(), 0);
    }
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

TEST(GifWriter, StoresOnlyChangedRectanglesAndDecodesToTheSourceFrames) {
    // Frames with few colours (no antialiasing) must come back exactly, composited.
    std::vector<QImage> frames;
    for (int k = 0; k < 4; ++k) {
        QImage img(100, 70, QImage::Format_RGB32);
        img.fill(Qt::white);
        QPainter p(&img);
        p.fillRect(10, 10, 30, 20, QColor(200, 30, 40));
        p.fillRect(50 + 5 * k, 40, 10, 10, QColor(20, 90, 200));  // moves right
        frames.push_back(img);
    }
    frames.push_back(frames.back());  // unchanged frame
    QTemporaryDir dir;
    const QString path = dir.filePath("moves.gif");
    GifWriter w;
    ASSERT_EQ(w.open(path, {100, 70}, 10), QString());
    for (const QImage& f : frames)
        ASSERT_EQ(w.write(f), QString());
    ASSERT_EQ(w.finish(), QString());
    int error = 0;
    GifFileType* gif = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
    ASSERT_NE(gif, nullptr);
    ASSERT_EQ(DGifSlurp(gif), GIF_OK);
    ASSERT_EQ(gif->ImageCount, 5);
    QImage canvas(100, 70, QImage::Format_RGB32);
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage& im = gif->SavedImages[i];
        const GifImageDesc& d = im.ImageDesc;
        if (i > 0) {
            EXPECT_LT(d.Width * d.Height, 100 * 70 / 4) << "frame " << i;
        }
        const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
        ASSERT_NE(map, nullptr);
        for (int y = 0; y < d.Height; ++y)
            for (int x = 0; x < d.Width; ++x) {
                const GifColorType c = map->Colors[im.RasterBits[y * d.Width + x]];
                canvas.setPixel(d.Left + x, d.Top + y, qRgb(c.Red, c.Green, c.Blue));
            }
        EXPECT_EQ(canvas, frames[std::size_t(i)]) << "frame " << i;
    }
    DGifCloseFile(gif, &error);
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

TEST(Recording, SimulatesOneFramePerStepWithTrialRecords) {
    const auto byTrial = bearRecording(3, Granularity::Trial);
    EXPECT_EQ(byTrial->history.size(), 4u);  // initial state + 3 trials
    EXPECT_EQ(byTrial->history.trials().size(), 3u);
    EXPECT_EQ(byTrial->history.at(0)->pc->trial, 0);
    const auto byIteration = bearRecording(1, Granularity::Iteration);
    const engine::Scenario& bear = *engine::findPreset("bear");
    // Initial state, then PC's initialise and T iterations (BP's three steps run alongside).
    EXPECT_EQ(byIteration->history.size(), std::size_t(1 + 1 + bear.pc.iterations));
    EXPECT_TRUE(byIteration->history.latest()->pc->trialComplete);
    EXPECT_TRUE(byIteration->history.latest()->bp->trialComplete);
    // The last frame of a trial equals the frame of the trial-by-trial run.
    EXPECT_EQ(byIteration->history.latest()->pc->weights[1],
              byTrial->history.at(1)->pc->weights[1]);
}

TEST(Recording, PlaysTheScenarioAsTheWindowDoes) {
    // A one-pass scenario ends where its trials end, with a note, and no repeated frame.
    const engine::Scenario& fear = *engine::findPreset("fear-conditioning");
    Recording once;
    QString stopped;
    ASSERT_EQ(simulateRecording(fear, 80, Granularity::Trial, once, &stopped), QString());
    EXPECT_TRUE(stopped.isEmpty());
    EXPECT_EQ(once.trialsRun, 65);
    EXPECT_EQ(once.history.size(), 66u);  // initial state + 65 trials
    EXPECT_NE(once.note.indexOf("over after 65 trials"), -1) << once.note.toStdString();

    // The closed-loop task makes the trials: every recorded trial supervises only the option
    // the network chose, exactly as the engine's run of the same scenario.
    const engine::Scenario& reversal = *engine::findPreset("reversal-learning");
    Recording closed;
    ASSERT_EQ(simulateRecording(reversal, 12, Granularity::Trial, closed), QString());
    ASSERT_EQ(closed.history.size(), 13u);
    EXPECT_TRUE(closed.note.isEmpty());
    engine::Simulation sim(reversal.network(), reversal.pc);
    reversal.applyTrials(sim);
    for (std::size_t k = 1; k < closed.history.size(); ++k) {
        ASSERT_TRUE(sim.stepTrial());
        EXPECT_EQ(closed.history.at(k)->pc->weights[2], sim.network().weight(2)) << k;
        EXPECT_EQ(closed.history.at(k)->pc->mask, sim.targetMask()) << k;
    }
}

TEST(Recording, TheSameFrameRendersToTheSameImage) {
    const auto r = bearRecording(1, Granularity::Phase);
    RenderSettings s;
    s.size = {320, 180};
    s.caption = true;
    s.title = "bear";
    FrameRenderer a(r->look, s);
    const QImage first = a.render(r->history, 2);
    EXPECT_EQ(first.size(), QSize(320, 180));
    EXPECT_EQ(a.render(r->history, 2), first);
    FrameRenderer b(r->look, s);
    EXPECT_EQ(b.render(r->history, 2), first);
    EXPECT_NE(a.render(r->history, 0), first);
    // Not blank: the background is white and the views draw dark pixels.
    int dark = 0;
    for (int y = 0; y < first.height(); ++y)
        for (int x = 0; x < first.width(); ++x)
            dark += qGray(first.pixel(x, y)) < 100;
    EXPECT_GT(dark, 200);
}

TEST(Recorder, RecordsAVideoAndLeavesNoTemporaryFile) {
    QTemporaryDir dir;
    Recorder recorder;
    QSignalSpy done(&recorder, &Recorder::finished);
    Recorder::Job job;
    job.recording = bearRecording(2, Granularity::Phase);
    job.last = job.recording->history.size() - 1;
    job.render.size = {160, 90};
    job.render.view = RecordView::Machine;
    job.fps = 10;
    job.path = dir.filePath("bear.mp4");
    ASSERT_EQ(recorder.start(job), QString());
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 30000));
    EXPECT_TRUE(done.at(0).at(0).toBool()) << done.at(0).at(1).toString().toStdString();
    const Decoded d = decode(job.path);
    EXPECT_EQ(d.frames, int(job.recording->history.size()));
    EXPECT_EQ(d.width, 160);
    EXPECT_EQ(leftovers(dir.path()), QStringList{"bear.mp4"});
}

TEST(Recorder, CancelLeavesNoFile) {
    QTemporaryDir dir;
    Recorder recorder;
    QSignalSpy done(&recorder, &Recorder::finished);
    Recorder::Job job;
    job.recording = bearRecording(4, Granularity::Iteration);
    job.last = job.recording->history.size() - 1;
    job.render.size = {128, 72};
    job.path = dir.filePath("bear.gif");
    ASSERT_EQ(recorder.start(job), QString());
    ASSERT_TRUE(waitFor([&] { return done.count() == 0 && recorder.busy(); }, 1000));
    recorder.cancel();
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 30000));
    EXPECT_FALSE(done.at(0).at(0).toBool());
    EXPECT_EQ(done.at(0).at(1).toString(), QString("cancelled"));
    EXPECT_TRUE(leftovers(dir.path()).isEmpty()) << leftovers(dir.path()).join(" ").toStdString();
}

TEST(Recorder, BadJobsAreRefusedWithAReason) {
    QTemporaryDir dir;
    Recorder recorder;
    Recorder::Job job;
    job.recording = bearRecording(1, Granularity::Trial);
    job.last = 1;
    job.render.size = {64, 64};
    job.path = dir.filePath("x.avi");
    EXPECT_NE(recorder.start(job).indexOf("unknown extension"), -1);
    job.path = dir.filePath("x.mp4");
    job.fps = 0;
    EXPECT_NE(recorder.start(job).indexOf("frame rate"), -1);
    job.fps = 30;
    job.render.size = {65, 64};
    EXPECT_NE(recorder.start(job).indexOf("even"), -1);
    job.render.size = {64, 64};
    job.last = 99;
    EXPECT_NE(recorder.start(job).indexOf("range"), -1);
    job.last = 1;
    job.path = dir.filePath("missing/x.mp4");
    EXPECT_NE(recorder.start(job).indexOf("does not exist"), -1);
    EXPECT_TRUE(leftovers(dir.path()).isEmpty());
    EXPECT_FALSE(recorder.busy());
}

TEST(RecordCommand, WritesAGifAndChecksItsInput) {
    QTemporaryDir dir;
    const std::string gif = dir.filePath("bear.gif").toStdString();
    std::ostringstream out, err;
    EXPECT_EQ(app::recordCommand({"--preset", "bear", "--trials", "1", "--every", "phase", "--size",
                                  "120x80", "--fps", "10", "--caption", "--out", gif},
                                 out, err),
              0)
        << err.str();
    EXPECT_NE(out.str().find("Wrote " + gif), std::string::npos) << out.str();
    EXPECT_TRUE(QFile::exists(QString::fromStdString(gif)));
    auto code = [&](std::vector<std::string> args) {
        std::ostringstream o, e;
        return app::recordCommand(args, o, e);
    };
    const std::string mp4 = dir.filePath("x.mp4").toStdString();
    EXPECT_EQ(code({"--preset", "bear", "--out", mp4, "--view", "nope"}), 2);
    EXPECT_EQ(code({"--preset", "bear", "--out", mp4, "--size", "big"}), 2);
    EXPECT_EQ(code({"--preset", "bear", "--out", mp4, "--fps", "0", "--trials", "1"}), 2);
    EXPECT_EQ(code({"--preset", "bear", "--out", dir.filePath("x.mov").toStdString()}), 2);
    EXPECT_EQ(code({"--preset", "nobody", "--out", mp4}), 2);
    EXPECT_EQ(code({"--preset", "bear"}), 2);
    EXPECT_EQ(code({"--preset", "bear", "--trials", "1", "--every", "trial", "--size", "64x64",
                    "--out", "/nonexistent-dir/x.mp4"}),
              1);
    EXPECT_FALSE(QFile::exists(QString::fromStdString(mp4)));
}

TEST(Export, ImagesOfViewsAndPlots) {
    QTemporaryDir dir;
    std::ostringstream out, err;
    const QString png = dir.filePath("lab.png"), svg = dir.filePath("pc.svg"),
                  pdf = dir.filePath("loss.pdf"), plotSvg = dir.filePath("loss.svg");
    ASSERT_EQ(app::exportCommand({"--preset", "bear", "--trials", "3", "--size", "640x400", "--png",
                                  png.toStdString()},
                                 out, err),
              0)
        << err.str();
    EXPECT_EQ(QImage(png).size(), QSize(640, 400));
    ASSERT_EQ(app::exportCommand(
                  {"--preset", "bear", "--trials", "3", "--view", "pc", "--svg", svg.toStdString()},
                  out, err),
              0)
        << err.str();
    QFile s(svg);
    ASSERT_TRUE(s.open(QIODevice::ReadOnly));
    EXPECT_TRUE(s.readAll().contains("<svg"));
    ASSERT_EQ(app::exportCommand({"--preset", "bear", "--trials", "3", "--view", "loss", "--pdf",
                                  pdf.toStdString(), "--svg", plotSvg.toStdString()},
                                 out, err),
              0)
        << err.str();
    QFile p(pdf);
    ASSERT_TRUE(p.open(QIODevice::ReadOnly));
    EXPECT_TRUE(p.read(5) == "%PDF-");
    // The loss plot as SVG: well-formed, the default 1280 x 720, titled with the scenario, with
    // the plot's title and axis label as text and PC's three trials as circles (and its legend
    // entry's).
    const SvgContents loss = readSvg(plotSvg);
    ASSERT_EQ(loss.error, QString());
    EXPECT_EQ(loss.viewBox, "0 0 1280 720");
    EXPECT_EQ(loss.title, QString::fromStdString(engine::findPreset("bear")->title));
    EXPECT_TRUE(loss.texts.contains("Loss per trial")) << loss.texts.join("|").toStdString();
    EXPECT_TRUE(loss.texts.contains("trial")) << loss.texts.join("|").toStdString();
    EXPECT_GE(loss.count("circle"), 3);
    EXPECT_GE(loss.count("polyline"), 3);
    std::ostringstream e2;
    EXPECT_EQ(app::exportCommand(
                  {"--preset", "bear", "--pdf", dir.filePath("lab.pdf").toStdString()}, out, e2),
              2);
    EXPECT_NE(e2.str().find("single plots"), std::string::npos);
    EXPECT_EQ(app::exportCommand({"--preset", "bear", "--png", dir.filePath("x.jpg").toStdString()},
                                 out, e2),
              2);
    EXPECT_EQ(app::exportCommand({"--preset", "bear", "--png", "/nonexistent-dir/x.png"}, out, e2),
              1);
    EXPECT_EQ(app::exportCommand({"--preset", "trajectories-122", "--view", "landscape", "--png",
                                  dir.filePath("land.png").toStdString()},
                                 out, e2),
              0)
        << e2.str();
    // The landscape: the default size, the loss as bands of grey, and both rules' paths drawn
    // in their colours (a blank picture has none of these).
    const QImage land(dir.filePath("land.png"));
    EXPECT_EQ(land.size(), QSize(1280, 720));
    EXPECT_GE(greyLevels(land), 10);
    EXPECT_GT(pixelsOf(land, palette::ruleColor(0)), 100);
    EXPECT_GT(pixelsOf(land, palette::ruleColor(1)), 100);
    EXPECT_EQ(app::exportCommand({"--preset", "bear", "--view", "landscape", "--png",
                                  dir.filePath("land2.png").toStdString()},
                                 out, e2),
              2);
    EXPECT_FALSE(QFile::exists(dir.filePath("land2.png")));
    const QStringList files = leftovers(dir.path());
    EXPECT_EQ(files.filter(".part").size(), 0) << files.join(" ").toStdString();
}

TEST(Export, CsvHasTheTidyColumnsAndOneRowPerObservation) {
    const auto r = bearRecording(2, Granularity::Trial);
    int rows = 0;
    const std::string csv = tracesCsv(r->history, r->look, &rows);
    std::istringstream in(csv);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "rule,trial,iteration,quantity,value");
    int lines = 0, energy = 0, loss = 0, commas = 0;
    while (std::getline(in, line)) {
        ++lines;
        commas += int(std::count(line.begin(), line.end(), ',')) == 4;
        energy += line.find("energy_total") != std::string::npos;
        loss += line.find(",loss,") != std::string::npos;
    }
    EXPECT_EQ(lines, rows);
    EXPECT_EQ(commas, rows);
    EXPECT_EQ(loss, 4);  // 2 trials x 2 rules
    // The bear net: 3 tracked weights, 2 outputs with targets. Per trial and rule: loss, 2
    // outputs, 2 targets, 3 weights, alignment = 9 rows; per PC iteration: total + 2 layers.
    const engine::Scenario& bear = *engine::findPreset("bear");
    const int iterations = int(r->history.latest()->pc->energyTrace.rows());
    EXPECT_EQ(energy, 2 * iterations);
    EXPECT_GE(iterations, bear.pc.iterations);
    EXPECT_EQ(rows, 2 * 2 * 9 + 2 * iterations * 3);
    EXPECT_NE(csv.find("BP,1,,loss,"), std::string::npos);
    EXPECT_NE(csv.find("PC,1,0,energy_total,"), std::string::npos);
}

// `prospect export --csv` streams: the rows of the frames fed one by one are the whole
// history's, byte for byte, and the writer never holds more than the trial being run and the
// one before it (it held every frame of the run before).
TEST(Export, StreamedCsvIsTheHistorysCsvAndHoldsAtMostTwoTrials) {
    engine::Scenario diverging = *engine::findPreset("bear");
    diverging.bp.alpha = 50;
    diverging.pc.alpha = 50;
    std::vector<std::pair<std::string, engine::Scenario>> cases{
        {"bear", *engine::findPreset("bear")},
        {"deep-tanh", *engine::findPreset("deep-tanh")},
        {"reversal-learning", *engine::findPreset("reversal-learning")},
        {"fear-conditioning", *engine::findPreset("fear-conditioning")},  // over after 65
        {"diverging bear", diverging}};
    for (const auto& [name, scenario] : cases) {
        SCOPED_TRACE(name);
        const std::int64_t trials = 70;
        Recording whole;
        QString stopped;
        ASSERT_EQ(simulateRecording(scenario, trials, Granularity::Trial, whole, &stopped),
                  QString());
        EXPECT_EQ(!stopped.isEmpty(), name == "diverging bear");
        int rows = 0;
        const std::string expected = tracesCsv(whole.history, whole.look, &rows);

        RecordingRun run(scenario, trials, Granularity::Trial);
        std::string streamed;
        TracesCsvWriter writer(run.look(), [&](std::string_view piece) { streamed += piece; });
        std::size_t mostHeld = 0;
        writer.addFrame(run.frame());
        while (run.advance()) {
            writer.addFrame(run.frame());
            mostHeld = std::max(mostHeld, writer.heldTrials());
        }
        writer.finish();
        EXPECT_EQ(writer.heldTrials(), 0u);
        EXPECT_LE(mostHeld, 2u);
        EXPECT_EQ(writer.rows(), rows);
        EXPECT_GT(rows, 0);
        EXPECT_TRUE(streamed == expected)
            << "first difference at byte "
            << std::mismatch(streamed.begin(), streamed.end(), expected.begin(), expected.end())
                       .first -
                   streamed.begin();
    }
}

// The command writes that CSV and, for a diverging run, keeps the rows so far and exits 1.
TEST(Export, CsvCommandWritesTheStreamedRowsAndADivergenceFails) {
    QTemporaryDir dir;
    const std::string path = dir.filePath("t.csv").toStdString();
    std::ostringstream out, err;
    ASSERT_EQ(
        app::exportCommand({"--preset", "deep-tanh", "--trials", "5", "--csv", path}, out, err), 0)
        << err.str();
    Recording whole;
    ASSERT_EQ(simulateRecording(*engine::findPreset("deep-tanh"), 5, Granularity::Trial, whole),
              QString());
    QFile file(QString::fromStdString(path));
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.readAll().toStdString() == tracesCsv(whole.history, whole.look));

    const std::string scenarioPath = dir.filePath("diverging.json").toStdString();
    {
        engine::Scenario diverging = *engine::findPreset("bear");
        diverging.bp.alpha = 50;
        diverging.pc.alpha = 50;
        QFile copy(QString::fromStdString(scenarioPath));
        ASSERT_TRUE(copy.open(QIODevice::WriteOnly));
        copy.write(QByteArray::fromStdString(engine::scenarioToJson(diverging)));
    }
    std::ostringstream out2, err2;
    EXPECT_EQ(app::exportCommand({scenarioPath, "--trials", "64", "--csv", path}, out2, err2), 1);
    EXPECT_NE(err2.str().find("prospect export: the run stopped early: BP, trial"),
              std::string::npos)
        << err2.str();
    EXPECT_NE(out2.str().find("Wrote "), std::string::npos) << out2.str();
}

TEST(RecordDialog, RecordsTheWindowsHistoryAndAResimulation) {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    ASSERT_TRUE(w.loadPreset("bear"));
    ASSERT_TRUE(waitFor([&] { return w.controller()->current() != nullptr; }));
    w.controller()->step(Granularity::Phase, 1);
    w.controller()->step(Granularity::Phase, 1);
    w.controller()->step(Granularity::Trial, 1);
    ASSERT_TRUE(waitFor([&] { return w.controller()->history().size() >= 4; }));
    QTemporaryDir dir;
    auto* dialog = qobject_cast<RecordDialog*>(w.showRecordDialog());
    ASSERT_NE(dialog, nullptr);
    QSignalSpy done(dialog, &RecordDialog::recordingFinished);
    dialog->setPath(dir.filePath("history.gif"));
    dialog->setView(RecordView::Bp);
    dialog->setFrameSize({120, 90});
    dialog->setFps(10);
    dialog->setRange(1, 3);
    ASSERT_EQ(dialog->startRecording(), QString());
    // While it runs, its progress is a dialog with a title (a window manager shows it).
    if (done.count() == 0) {
        auto* progress = dialog->findChild<QProgressDialog*>("recordingProgress");
        ASSERT_NE(progress, nullptr);
        EXPECT_EQ(progress->windowTitle(), QStringLiteral("Recording"));
    }
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }));
    EXPECT_TRUE(done.at(0).at(0).toBool()) << done.at(0).at(1).toString().toStdString();
    EXPECT_EQ(decode(dir.filePath("history.gif")).frames, 3);
    dialog->setFromHistory(false);
    dialog->setResimulation(1, Granularity::Phase);
    dialog->setPath(dir.filePath("again.mp4"));
    ASSERT_EQ(dialog->startRecording(), QString());
    ASSERT_TRUE(waitFor([&] { return done.count() == 2; }));
    EXPECT_TRUE(done.at(1).at(0).toBool()) << done.at(1).at(1).toString().toStdString();
    // Initial state, then the phases of one trial (PC: initialise, relax, update).
    EXPECT_EQ(decode(dir.filePath("again.mp4")).frames,
              int(bearRecording(1, Granularity::Phase)->history.size()));
    dialog->close();

    auto* exporter = qobject_cast<ExportDialog*>(w.showExportDialog());
    ASSERT_NE(exporter, nullptr);
    exporter->setPath(dir.filePath("traces.csv"));
    EXPECT_EQ(exporter->exportNow(), QString());
    EXPECT_TRUE(QFile::exists(dir.filePath("traces.csv")));
    exporter->setPath(dir.filePath("pc.png"));
    exporter->setView(RecordView::Pc);
    exporter->setFrameSize({300, 200});
    exporter->setScale(2.0);
    EXPECT_EQ(exporter->exportNow(), QString());
    EXPECT_EQ(QImage(dir.filePath("pc.png")).size(), QSize(300, 200));
    exporter->setPath(dir.filePath("pc.pdf"));
    EXPECT_NE(exporter->exportNow().indexOf("single plots"), -1);
    exporter->close();
}
