// The recorder when things go wrong: a write error part-way, cancel at any moment, a job that
// simulates its frames as it records, and bounded memory.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <csignal>
#include <limits>
#include <thread>

#include "engine/scenario/presets.h"
#include "ui/media/framefeed.h"
#include "ui/media/recorder.h"
#include "ui/media/recording.h"
#include "waitfor.h"

using namespace ui;

namespace {

std::shared_ptr<Recording> recordingOf(const char* preset, int trials, Granularity every) {
    auto r = std::make_shared<Recording>();
    EXPECT_EQ(simulateRecording(*engine::findPreset(preset), trials, every, *r), QString());
    return r;
}

QStringList filesIn(const QString& dir) {
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

/// Writes past `bytes` fail with EFBIG while it lives (RLIMIT_FSIZE), as on a full disk.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        std::signal(SIGXFSZ, SIG_IGN);  // a failed write, not a killed process
        getrlimit(RLIMIT_FSIZE, &m_old);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &m_old); }

private:
    rlimit m_old{};
};

}  // namespace

// The encoder thread fails while the GUI thread renders: its report once arrived inside a
// render (through the renderer's event processing) and freed the renderer in use.
TEST(RecorderFailures, AGifThatFailsPartWayEndsCleanlyEveryTime) {
    const auto recording = recordingOf("bear", 2, Granularity::Iteration);
    for (int attempt = 0; attempt < 8; ++attempt) {
        QTemporaryDir dir;
        Recorder recorder;
        QSignalSpy done(&recorder, &Recorder::finished);
        Recorder::Job job;
        job.recording = recording;
        job.last = recording->history.size() - 1;
        job.render.size = {320, 180};
        job.path = dir.filePath("v.gif");
        {
            const FileSizeLimit full(24 * 1024);
            ASSERT_EQ(recorder.start(job), QString());
            ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 60000));
        }
        EXPECT_FALSE(done.at(0).at(0).toBool());
        EXPECT_NE(done.at(0).at(1).toString().indexOf("cannot write"), -1)
            << done.at(0).at(1).toString().toStdString();
        EXPECT_TRUE(filesIn(dir.path()).isEmpty()) << filesIn(dir.path()).join(" ").toStdString();
        EXPECT_FALSE(recorder.busy());
    }
}

// A job that simulates its frames while they are drawn writes exactly the frames the run has,
// the same number a recording made first has.
TEST(RecorderSimulated, WritesEveryFrameOfTheRun) {
    const engine::Scenario bear = *engine::findPreset("bear");
    const auto made = recordingOf("bear", 3, Granularity::Phase);
    const RecordingPlan plan = planRecording(bear, 3, Granularity::Phase);
    ASSERT_EQ(plan.error, QString());
    EXPECT_EQ(plan.frames, made->history.size());
    QTemporaryDir dir;
    Recorder recorder;
    QSignalSpy done(&recorder, &Recorder::finished);
    Recorder::Job job;
    job.simulate = Resimulation{bear, 3, Granularity::Phase, 0};  // the feed counts them
    job.last = std::numeric_limits<std::size_t>::max();
    job.render.size = {160, 90};
    job.path = dir.filePath("v.gif");
    ASSERT_EQ(recorder.start(job), QString());
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 60000));
    EXPECT_TRUE(done.at(0).at(0).toBool()) << done.at(0).at(1).toString().toStdString();
    EXPECT_EQ(std::size_t(recorder.framesWritten()), plan.frames);
    EXPECT_EQ(filesIn(dir.path()), QStringList{"v.gif"});
}

// A cancel while the run is still being counted or simulated ends it, and leaves no file.
TEST(RecorderSimulated, ACancelDuringTheSimulationLeavesNoFile) {
    QTemporaryDir dir;
    Recorder recorder;
    QSignalSpy done(&recorder, &Recorder::finished);
    Recorder::Job job;
    // Far more than MaxRecordedFrames steps: only a cancel ends the counting early.
    job.simulate =
        Resimulation{*engine::findPreset("deep-tanh"), 100000, Granularity::Iteration, 0};
    job.last = std::numeric_limits<std::size_t>::max();
    job.render.size = {160, 90};
    job.path = dir.filePath("v.mp4");
    ASSERT_EQ(recorder.start(job), QString());
    EXPECT_TRUE(recorder.busy());
    recorder.cancel();
    ASSERT_TRUE(waitFor([&] { return done.count() == 1; }, 60000));
    EXPECT_FALSE(done.at(0).at(0).toBool());
    EXPECT_EQ(done.at(0).at(1).toString(), "cancelled");
    EXPECT_TRUE(filesIn(dir.path()).isEmpty()) << filesIn(dir.path()).join(" ").toStdString();
    EXPECT_FALSE(recorder.busy());
}

// The feed of a simulated recording keeps the trials and a few frames, not every frame: its
// memory does not grow with the run (each deep-tanh frame is large).
TEST(RecorderSimulated, TheFeedKeepsAFewFramesNotAll) {
    const engine::Scenario scenario = *engine::findPreset("deep-tanh");
    const RecordingPlan plan = planRecording(scenario, 40, Granularity::Iteration);
    ASSERT_EQ(plan.error, QString());
    auto feed = simulatedFeed(Resimulation{scenario, 40, Granularity::Iteration, plan.frames}, 0,
                              std::numeric_limits<std::size_t>::max());
    std::size_t taken = 0, frameBytes = 0;
    for (;;) {
        FramePtr frame;
        const FrameFeed::Next next = feed->next(frame);
        if (next == FrameFeed::Next::End)
            break;
        if (next == FrameFeed::Next::Wait) {
            std::this_thread::yield();
            continue;
        }
        ++taken;
        frameBytes = std::max(frameBytes, frame->bytes());
    }
    EXPECT_EQ(feed->error(), QString());
    EXPECT_EQ(taken, plan.frames);
    EXPECT_EQ(feed->total(), plan.frames);
    ASSERT_GT(frameBytes * plan.frames, std::size_t(16u << 20)) << "the run is too small to tell";
    EXPECT_LE(feed->history().frameBytes(), std::size_t(8u << 20) + frameBytes);
    EXPECT_LT(feed->history().size(), plan.frames);
}
