#pragma once

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <optional>
#include <thread>

#include "engine/report/outputfile.h"
#include "ui/media/framefeed.h"
#include "ui/media/framewriter.h"
#include "ui/media/handoffqueue.h"
#include "ui/media/recording.h"

namespace ui {

/// Renders frames of a recording and encodes them into a video or GIF file. The frames come
/// from a recording already made (the window's history) or from a scenario simulated on a
/// thread of its own while they are drawn. They are drawn on the GUI thread in short
/// time-boxed batches (a 0 ms timer), so the window stays responsive, and encoded on a thread
/// of the recorder's own, through a short queue. Memory does not grow with the length of the
/// recording. The file is written under a unique temporary name next to the target and
/// renamed into place only when it is complete (engine/report/outputfile.h): a cancelled or
/// failed recording, or one ended by a signal, leaves nothing under the chosen name.
class Recorder : public QObject {
    Q_OBJECT
public:
    /// One recording to make: `recording` (frames `first`..`last`), or `simulate` (frames
    /// `first`..`last` of the run; a `last` past the end records to the end).
    struct Job {
        std::shared_ptr<const Recording> recording;
        std::optional<Resimulation> simulate;
        std::size_t first = 0;
        std::size_t last = 0;  ///< Inclusive.
        RenderSettings render;
        int fps = 30;
        QString path;  ///< .mp4, .webm or .gif
    };

    explicit Recorder(QObject* parent = nullptr);
    ~Recorder() override;

    /// Checks the job (format, size, frame rate, range, scenario, file) and starts it. Returns
    /// "" when started, else the problem (nothing started, nothing written).
    QString start(const Job& job);
    /// Stops as soon as possible; finished(false, "cancelled") follows and no file is left.
    void cancel();
    bool busy() const { return m_busy; }

    /// Frames encoded by the last recording, and seconds it took (wall clock, rendering
    /// included) and seconds the encoder was busy (excluding waits for rendered frames).
    int framesWritten() const { return m_written; }
    double seconds() const { return m_seconds; }
    double encoderSeconds() const { return m_encoderSeconds; }

    /// How many rendered frames may wait for the encoder.
    static constexpr std::size_t QueueCapacity = 6;
    /// Longest time one rendering batch may take on the GUI thread.
    static constexpr int BatchBudgetMs = 25;

signals:
    /// `done` of `total` frames are rendered (`total` is 0 while a simulation counts them).
    void progress(int done, int total);
    /// The recording ended: `ok` with a summary, or not with the reason ("cancelled", an error).
    void finished(bool ok, QString message);

private:
    QString check(const Job& job) const;
    void renderBatch();
    void endOfFrames();
    void encodeLoop();
    void complete(const QString& encoderError);
    void stopThread();
    QString finalError(QString error);

    Job m_job;
    std::unique_ptr<FrameFeed> m_feed;
    std::unique_ptr<FrameRenderer> m_renderer;
    std::unique_ptr<FrameWriter> m_writer;
    engine::report::OutputFile m_output;
    QTimer m_timer;
    int m_rendered = 0;
    bool m_busy = false;
    bool m_cancelled = false;
    // The encoder's report can arrive while a frame is being drawn (a widget may process
    // events); it is then taken once the drawing is over.
    bool m_rendering = false;
    std::optional<QString> m_pendingCompletion;
    int m_written = 0;
    double m_seconds = 0.0, m_encoderSeconds = 0.0;
    qint64 m_startNs = 0;

    std::thread m_thread;
    std::unique_ptr<HandoffQueue<QImage>> m_images;
};

}  // namespace ui
