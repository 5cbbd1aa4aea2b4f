#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "ui/media/framewriter.h"
#include "ui/media/recording.h"

namespace ui {

/// Renders frames of a recording and encodes them into a video or GIF file. Frames are drawn
/// on the GUI thread in short time-boxed batches (a 0 ms timer), so the window stays
/// responsive, and encoded on a thread of the recorder's own, through a short queue. The file
/// is written under a temporary name in the target's folder and renamed into place only when
/// it is complete: a cancelled or failed recording leaves nothing under the chosen name.
class Recorder : public QObject {
    Q_OBJECT
public:
    /// One recording to make.
    struct Job {
        std::shared_ptr<const Recording> recording;
        std::size_t first = 0;  ///< First frame of recording->history to record.
        std::size_t last = 0;   ///< Last frame (inclusive).
        RenderSettings render;
        int fps = 30;
        QString path;  ///< .mp4, .webm or .gif
    };

    explicit Recorder(QObject* parent = nullptr);
    ~Recorder() override;

    /// Checks the job (format, size, frame rate, range, folder) and starts it. Returns "" when
    /// started, else the problem (nothing started, nothing written).
    QString start(const Job& job);
    /// Stops as soon as possible; finished(false, ...) follows and no file is left behind.
    void cancel();
    bool busy() const { return m_busy; }

    /// Frames encoded by the last recording, and seconds it took (wall clock, rendering
    /// included) and seconds the encoder was busy (excluding waits for rendered frames).
    int framesWritten() const { return m_written; }
    double seconds() const { return m_seconds; }
    double encoderSeconds() const { return m_encoderSeconds; }

    /// How many frames a queue of rendered frames may hold.
    static constexpr std::size_t QueueCapacity = 6;
    /// Longest time one rendering batch may take on the GUI thread.
    static constexpr int BatchBudgetMs = 25;

signals:
    /// `done` of `total` frames are rendered.
    void progress(int done, int total);
    /// The recording ended: `ok` with a summary, or not with the reason ("cancelled", an error).
    void finished(bool ok, QString message);

private:
    void renderBatch();
    void encodeLoop();
    void complete(const QString& encoderError);
    void stopThread();

    Job m_job;
    std::unique_ptr<FrameRenderer> m_renderer;
    std::unique_ptr<FrameWriter> m_writer;
    QString m_temp;
    QTimer m_timer;
    std::size_t m_next = 0;
    bool m_busy = false;
    int m_written = 0;
    double m_seconds = 0.0, m_encoderSeconds = 0.0;
    qint64 m_startNs = 0;

    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QImage> m_queue;
    bool m_endOfFrames = false;
    std::atomic<bool> m_cancel{false};
};

}  // namespace ui
