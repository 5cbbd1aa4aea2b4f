#pragma once

#include <QString>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "engine/scenario/scenario.h"
#include "ui/media/recording.h"

namespace ui {

/// The frames a recording draws, in order, each with the history its plots read: the window's
/// recorded steps, or a scenario simulated on a thread of the feed's own while the frames are
/// drawn. Used on the GUI thread.
class FrameFeed {
public:
    virtual ~FrameFeed() = default;

    /// What next() found.
    enum class Next { Frame, Wait, End };

    /// The next frame into `frame` (Frame); Wait when it is not ready yet (come back later); End
    /// after the last one, or when the feed failed (error()).
    virtual Next next(FramePtr& frame) = 0;
    /// The history the current frame's plots read (its trials, and the run's first frame).
    virtual const History& history() const = 0;
    /// How many frames it gives in all; 0 while that is not known yet.
    virtual std::size_t total() const = 0;
    /// Why the feed ended before its last frame ("" when it did not).
    virtual QString error() const { return {}; }
    /// Stops a simulation in progress (the feed then ends).
    virtual void cancel() {}
};

/// Frames `first`..`last` of a recording already made (the window's history).
std::unique_ptr<FrameFeed> historyFeed(std::shared_ptr<const Recording> recording,
                                       std::size_t first, std::size_t last);

/// What a simulated feed runs.
struct Resimulation {
    engine::Scenario scenario;  ///< Must be valid.
    std::int64_t trials = 1;
    Granularity every = Granularity::Iteration;
    /// The frames the run has (planRecording()), or 0: the feed counts them first, on its own
    /// thread (more than MaxRecordedFrames is then its error()).
    std::size_t frames = 0;
};

/// Frames `first`..`last` (`last` past the end: to the end) of `run`, simulated on a thread of
/// the feed's own, a few frames ahead of the renderer (a count and a byte budget bound them).
/// The feed keeps the trial records and a few frames (History's thinning), so memory does not
/// grow with the run.
std::unique_ptr<FrameFeed> simulatedFeed(Resimulation run, std::size_t first, std::size_t last);

/// Frames simulated ahead of the renderer at most, and their bytes at most (at least one frame
/// is always allowed, however large).
constexpr std::size_t FeedAheadFrames = 16;
constexpr std::size_t FeedAheadBytes = 64u << 20;

}  // namespace ui
