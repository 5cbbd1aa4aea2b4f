#include "ui/media/recorder.h"

#include <fcntl.h>
#include <unistd.h>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace ui {

namespace {

qint64 nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

/// Creates an empty, unused file next to `path` (same folder, so the final rename is atomic):
/// ".NAME.part-PID-N". Returns its path, or "" with `error` set.
QString createTemporaryNextTo(const QString& path, QString& error) {
    const QFileInfo info(path);
    static std::atomic<int> counter{0};
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString temp = info.dir().filePath(
            QStringLiteral(".%1.part-%2-%3").arg(info.fileName()).arg(::getpid()).arg(counter++));
        const int fd =
            ::open(QFile::encodeName(temp).constData(), O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd >= 0) {
            ::close(fd);
            return temp;
        }
        if (errno != EEXIST) {
            error = QObject::tr("cannot write in '%1': %2")
                        .arg(QDir::toNativeSeparators(info.absolutePath()),
                             QString::fromLocal8Bit(std::strerror(errno)));
            return {};
        }
    }
    error = QObject::tr("cannot find a free temporary name next to '%1'").arg(path);
    return {};
}

}  // namespace

Recorder::Recorder(QObject* parent) : QObject(parent) {
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &Recorder::renderBatch);
}

Recorder::~Recorder() {
    m_timer.stop();
    stopThread();
    if (!m_temp.isEmpty())
        QFile::remove(m_temp);
}

QString Recorder::start(const Job& job) {
    if (m_busy)
        return tr("a recording is already running");
    const auto format = videoFormatFor(job.path);
    if (!format)
        return tr("'%1': unknown extension; use .mp4, .webm or .gif").arg(job.path);
    if (!job.recording || job.recording->history.empty())
        return tr("nothing recorded yet");
    if (job.first > job.last || job.last >= job.recording->history.size())
        return tr("the range of steps %1 to %2 is not within the %3 recorded steps")
            .arg(job.first)
            .arg(job.last)
            .arg(job.recording->history.size());
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
    const QFileInfo target(job.path);
    if (target.isDir())
        return tr("'%1' is a folder").arg(job.path);
    if (!target.dir().exists())
        return tr("the folder '%1' does not exist").arg(target.dir().path());

    QString error;
    const QString temp = createTemporaryNextTo(job.path, error);
    if (temp.isEmpty())
        return error;
    m_job = job;
    m_temp = temp;
    m_writer = makeFrameWriter(*format);
    if (QString e = m_writer->open(m_temp, size, job.fps); !e.isEmpty()) {
        m_writer.reset();
        QFile::remove(m_temp);
        m_temp.clear();
        return e;
    }
    m_renderer = std::make_unique<FrameRenderer>(job.recording->look, job.render);
    m_next = job.first;
    m_written = 0;
    m_seconds = m_encoderSeconds = 0.0;
    m_startNs = nowNs();
    m_queue.clear();
    m_endOfFrames = false;
    m_cancel = false;
    m_busy = true;
    m_thread = std::thread([this] { encodeLoop(); });
    m_timer.start();
    return {};
}

void Recorder::cancel() {
    if (!m_busy)
        return;
    m_cancel = true;
    m_changed.notify_all();
}

void Recorder::renderBatch() {
    if (m_cancel) {
        m_timer.stop();  // the encoder thread notices too and reports through complete()
        return;
    }
    const qint64 start = nowNs();
    const int total = int(m_job.last - m_job.first + 1);
    while (m_next <= m_job.last) {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (m_queue.size() >= QueueCapacity)
                break;  // the encoder is behind: come back on the next timer tick
        }
        QImage image = m_renderer->render(m_job.recording->history, m_next);
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_queue.push_back(std::move(image));
        }
        m_changed.notify_all();
        ++m_next;
        if (nowNs() - start > qint64(BatchBudgetMs) * 1000000)
            break;
    }
    emit progress(int(m_next - m_job.first), total);
    if (m_next > m_job.last) {
        m_timer.stop();
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_endOfFrames = true;
        }
        m_changed.notify_all();
        return;
    }
    // Queue full: poll gently instead of spinning.
    std::lock_guard<std::mutex> lock(m_mutex);
    m_timer.setInterval(m_queue.size() >= QueueCapacity ? 2 : 0);
}

void Recorder::encodeLoop() {
    QString error;
    double busy = 0.0;
    for (;;) {
        QImage image;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_changed.wait(lock, [this] { return m_cancel || !m_queue.empty() || m_endOfFrames; });
            if (m_cancel)
                break;
            if (m_queue.empty() && m_endOfFrames) {
                const qint64 t0 = nowNs();
                error = m_writer->finish();
                busy += double(nowNs() - t0) * 1e-9;
                break;
            }
            image = std::move(m_queue.front());
            m_queue.pop_front();
        }
        const qint64 t0 = nowNs();
        error = m_writer->write(image);
        busy += double(nowNs() - t0) * 1e-9;
        if (!error.isEmpty())
            break;
    }
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
    m_cancel = true;
    m_changed.notify_all();
    m_thread.join();
}

void Recorder::complete(const QString& encoderError) {
    m_timer.stop();
    const bool cancelled = m_cancel;
    if (m_thread.joinable())
        m_thread.join();
    m_writer.reset();  // closes the file
    m_renderer.reset();
    m_queue.clear();
    m_seconds = double(nowNs() - m_startNs) * 1e-9;
    m_busy = false;
    QString error = encoderError;
    if (error.isEmpty() && cancelled)
        error = tr("cancelled");
    if (error.isEmpty()) {
        // Complete: the permissions of a new file (0666 minus the umask), then into place.
        if (std::rename(QFile::encodeName(m_temp).constData(),
                        QFile::encodeName(m_job.path).constData()) != 0)
            error = tr("cannot write '%1': %2")
                        .arg(m_job.path, QString::fromLocal8Bit(std::strerror(errno)));
    }
    if (!error.isEmpty()) {
        QFile::remove(m_temp);
        m_temp.clear();
        emit finished(false, error);
        return;
    }
    m_temp.clear();
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
