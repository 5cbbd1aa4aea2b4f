#include "ui/media/recorder.h"

#include <QFile>
#include <chrono>
#include <exception>
#include <new>

namespace ui {

namespace {

qint64 nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

Recorder::Recorder(QObject* parent) : QObject(parent) {
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &Recorder::renderBatch);
}

Recorder::~Recorder() {
    m_timer.stop();
    if (m_feed)
        m_feed->cancel();
    stopThread();
    m_feed.reset();
    m_writer.reset();
    m_output.discard();
}

QString Recorder::check(const Job& job) const {
    const auto format = videoFormatFor(job.path);
    if (!format)
        return tr("'%1': unknown extension; use .mp4, .webm or .gif").arg(job.path);
    if (job.simulate) {
        if (const auto problems = job.simulate->scenario.validate(); !problems.empty())
            return QString::fromStdString(problems.front());
        if (job.simulate->trials < 1)
            return tr("the number of trials must be at least 1");
        if (job.first > job.last)
            return tr("the range of steps %1 to %2 is empty").arg(job.first).arg(job.last);
    } else {
        if (!job.recording || job.recording->history.empty())
            return tr("nothing recorded yet");
        if (job.first > job.last || job.last >= job.recording->history.size())
            return tr("the range of steps %1 to %2 is not within the %3 recorded steps")
                .arg(job.first)
                .arg(job.last)
                .arg(job.recording->history.size());
    }
    const QSize size = job.render.size;
    if (size.width() < 16 || size.height() < 16 || size.width() > 7680 || size.height() > 4320)
        return tr("frame size %1x%2 is outside 16x16 to 7680x4320")
            .arg(size.width())
            .arg(size.height());
    if (*format != VideoFormat::Gif && (size.width() % 2 || size.height() % 2))
        return tr("%1 needs an even width and height (got %2x%3)")
            .arg(videoFormatName(*format))
            .arg(size.width())
            .arg(size.height());
    const int maxFps = *format == VideoFormat::Gif ? 50 : 120;
    if (job.fps < 1 || job.fps > maxFps)
        return tr("frame rate must be 1 to %1 for %2 (got %3)")
            .arg(maxFps)
            .arg(videoFormatName(*format))
            .arg(job.fps);
    return {};
}

QString Recorder::start(const Job& job) {
    if (m_busy)
        return tr("a recording is already running");
    if (QString e = check(job); !e.isEmpty())
        return e;
    m_job = job;
    if (auto e = m_output.open(QFile::encodeName(job.path).toStdString()))
        return QString::fromLocal8Bit(e->c_str());
    m_writer = makeFrameWriter(*videoFormatFor(job.path));
    if (QString e = m_writer->open(QFile::decodeName(m_output.writePath().c_str()), job.render.size,
                                   job.fps);
        !e.isEmpty()) {
        e = finalError(e);
        m_writer.reset();
        m_output.discard();
        return e;
    }
    const RunLook look = job.simulate ? RunLook::from(job.simulate->scenario) : job.recording->look;
    m_feed = job.simulate ? simulatedFeed(*job.simulate, job.first, job.last)
                          : historyFeed(job.recording, job.first, job.last);
    m_renderer = std::make_unique<FrameRenderer>(look, job.render);
    m_rendered = m_written = 0;
    m_seconds = m_encoderSeconds = 0.0;
    m_startNs = nowNs();
    m_cancelled = false;
    m_pendingCompletion.reset();
    m_images = std::make_unique<HandoffQueue<QImage>>(QueueCapacity);
    m_busy = true;
    m_thread = std::thread([this] { encodeLoop(); });
    m_timer.setInterval(0);
    m_timer.start();
    return {};
}

void Recorder::cancel() {
    if (!m_busy)
        return;
    m_cancelled = true;
    m_feed->cancel();
    m_images->cancel();  // under the queue's lock: the encoder cannot miss it
}

void Recorder::renderBatch() {
    if (!m_busy || m_images->cancelled()) {
        m_timer.stop();  // the encoder thread notices too and reports through complete()
        return;
    }
    const qint64 start = nowNs();
    bool waiting = false, ended = false;
    m_rendering = true;
    while (!m_images->full()) {
        FramePtr frame;
        const FrameFeed::Next next = m_feed->next(frame);
        if (next != FrameFeed::Next::Frame) {
            waiting = next == FrameFeed::Next::Wait;
            ended = !waiting;
            break;
        }
        QImage image = m_renderer->render(frame, m_feed->history());
        if (!m_images->tryPush(image))
            break;  // cancelled meanwhile
        ++m_rendered;
        if (nowNs() - start > qint64(BatchBudgetMs) * 1000000)
            break;
    }
    m_rendering = false;
    emit progress(m_rendered, int(m_feed->total()));
    if (m_pendingCompletion) {
        const QString error = *m_pendingCompletion;
        m_pendingCompletion.reset();
        complete(error);
        return;
    }
    if (ended) {
        endOfFrames();
        return;
    }
    // Frames not simulated yet, or the encoder is behind: poll gently instead of spinning.
    m_timer.setInterval(waiting || m_images->full() ? 2 : 0);
}

void Recorder::endOfFrames() {
    m_timer.stop();
    if (!m_feed->error().isEmpty())
        m_images->cancel();  // the encoder stops; complete() reports the feed's error
    else
        m_images->close();
}

void Recorder::encodeLoop() {
    QString error;
    double busy = 0.0;
    // Nothing escapes this thread: whatever is thrown becomes the recording's error.
    try {
        for (bool more = true; more;) {
            QImage image;
            const auto taken = m_images->pop(image);
            const qint64 t0 = nowNs();
            if (taken == HandoffQueue<QImage>::Taken::Item)
                error = m_writer->write(image);
            else if (taken == HandoffQueue<QImage>::Taken::End)
                error = m_writer->finish();
            busy += double(nowNs() - t0) * 1e-9;
            more = taken == HandoffQueue<QImage>::Taken::Item && error.isEmpty();
        }
    } catch (const std::bad_alloc&) {
        error = tr("out of memory while encoding");
    } catch (const std::exception& e) {
        error = tr("encoding failed: %1").arg(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        error = tr("encoding failed");
    }
    if (!error.isEmpty())
        m_images->cancel();  // the renderer stops too
    const int written = m_writer->frames();
    QMetaObject::invokeMethod(
        this,
        [this, error, busy, written] {
            m_encoderSeconds = busy;
            m_written = written;
            complete(error);
        },
        Qt::QueuedConnection);
}

void Recorder::stopThread() {
    if (!m_thread.joinable())
        return;
    m_images->cancel();
    m_thread.join();
}

QString Recorder::finalError(QString error) {
    // The writers name the file they write: the temporary. The user knows the target.
    const QString temporary = QFile::decodeName(m_output.writePath().c_str());
    if (!temporary.isEmpty() && temporary != m_job.path)
        error.replace(temporary, m_job.path);
    return error;
}

void Recorder::complete(const QString& encoderError) {
    if (m_rendering) {
        m_pendingCompletion = encoderError;  // taken when the frame being drawn is done
        return;
    }
    m_timer.stop();
    if (m_thread.joinable())
        m_thread.join();
    QString error = encoderError;
    if (error.isEmpty())
        error = m_feed->error();
    if (error.isEmpty() && m_cancelled)
        error = tr("cancelled");
    m_writer.reset();  // closes the file
    m_feed.reset();    // stops and joins a simulation
    m_renderer.reset();
    m_images.reset();
    m_seconds = double(nowNs() - m_startNs) * 1e-9;
    m_busy = false;
    if (error.isEmpty())
        if (auto e = m_output.commit())  // the old file's mode (or a new file's), into place
            error = QString::fromLocal8Bit(e->c_str());
    if (!error.isEmpty()) {
        error = finalError(error);
        m_output.discard();
        emit finished(false, error);
        return;
    }
    const QString format = videoFormatName(*videoFormatFor(m_job.path));
    emit finished(true, tr("Wrote %1 (%2, %3x%4, %5 frames at %6 fps, %7 s)")
                            .arg(m_job.path, format)
                            .arg(m_job.render.size.width())
                            .arg(m_job.render.size.height())
                            .arg(m_written)
                            .arg(m_job.fps)
                            .arg(double(m_written) / m_job.fps, 0, 'f', 1));
}

}  // namespace ui
