#include "ui/media/framefeed.h"

#include <atomic>
#include <mutex>
#include <new>
#include <thread>

#include "ui/media/handoffqueue.h"

namespace ui {

namespace {

class HistoryFeed : public FrameFeed {
public:
    HistoryFeed(std::shared_ptr<const Recording> recording, std::size_t first, std::size_t last)
        : m_recording(std::move(recording)), m_next(first), m_first(first), m_last(last) {}

    Next next(FramePtr& frame) override {
        if (m_next > m_last || m_next >= m_recording->history.size())
            return Next::End;
        frame = m_recording->history.at(m_next++);
        return Next::Frame;
    }
    const History& history() const override { return m_recording->history; }
    std::size_t total() const override { return m_last - m_first + 1; }

private:
    std::shared_ptr<const Recording> m_recording;
    std::size_t m_next, m_first, m_last;
};

class SimulatedFeed : public FrameFeed {
public:
    SimulatedFeed(Resimulation run, std::size_t first, std::size_t last)
        : m_run(std::move(run)),
          m_first(first),
          m_last(last),
          m_queue(FeedAheadFrames, FeedAheadBytes, [](const FramePtr& f) { return f->bytes(); }) {
        m_thread = std::thread([this] { produce(); });
    }
    ~SimulatedFeed() override {
        m_queue.cancel();
        m_thread.join();
    }

    Next next(FramePtr& frame) override {
        for (;;) {
            if (m_taken > m_last)
                return Next::End;
            std::optional<FramePtr> item = m_queue.tryPop();
            if (!item)
                return m_queue.finished() || m_queue.cancelled() ? Next::End : Next::Wait;
            // Every frame joins the history (the plots need the trials before `first` too).
            m_history.append(*item);
            if (m_taken++ < m_first)
                continue;
            frame = std::move(*item);
            return Next::Frame;
        }
    }
    const History& history() const override { return m_history; }
    std::size_t total() const override { return m_total.load(); }
    QString error() const override {
        std::lock_guard lock(m_errorMutex);
        return m_error;
    }
    void cancel() override {
        m_stop = true;
        m_queue.cancel();
    }

private:
    void fail(const QString& error) {
        std::lock_guard lock(m_errorMutex);
        m_error = error;
    }

    // The simulation thread: counts the frames when not told, then makes them one by one.
    // Nothing escapes it: a failure becomes error().
    void produce() {
        try {
            std::size_t frames = m_run.frames;
            if (frames == 0) {
                const RecordingPlan plan =
                    planRecording(m_run.scenario, m_run.trials, m_run.every, &m_stop);
                if (!plan.error.isEmpty())
                    fail(plan.error);
                frames = plan.frames;
            }
            if (frames > 0 && m_first >= frames)
                fail(QObject::tr("the range starts at step %1, but the run has %2 steps")
                         .arg(m_first)
                         .arg(frames));
            if (frames > 0 && m_first < frames && error().isEmpty()) {
                m_total = std::min(m_last, frames - 1) - m_first + 1;
                RecordingRun run(m_run.scenario, m_run.trials, m_run.every);
                bool more = m_queue.push(run.frame());
                for (std::size_t index = 1; more && index <= m_last && run.advance(); ++index)
                    more = m_queue.push(run.frame());
            }
        } catch (const std::bad_alloc&) {
            fail(QObject::tr("out of memory while simulating the recording"));
        } catch (const std::exception& e) {
            fail(QObject::tr("the simulation failed: %1").arg(QString::fromLocal8Bit(e.what())));
        } catch (...) {
            fail(QObject::tr("the simulation failed"));
        }
        m_queue.close();
    }

    const Resimulation m_run;
    const std::size_t m_first, m_last;
    HandoffQueue<FramePtr> m_queue;
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_total{0};
    mutable std::mutex m_errorMutex;
    QString m_error;
    // GUI side: the trials and a few frames (the first always), thinned past the budget.
    History m_history{8u << 20, 20000};
    std::size_t m_taken = 0;
    std::thread m_thread;  // last: starts once everything above exists
};

}  // namespace

std::unique_ptr<FrameFeed> historyFeed(std::shared_ptr<const Recording> recording,
                                       std::size_t first, std::size_t last) {
    return std::make_unique<HistoryFeed>(std::move(recording), first, last);
}

std::unique_ptr<FrameFeed> simulatedFeed(Resimulation run, std::size_t first, std::size_t last) {
    return std::make_unique<SimulatedFeed>(std::move(run), first, last);
}

}  // namespace ui
