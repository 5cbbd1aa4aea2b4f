#pragma once

#include <cstddef>
#include <vector>

#include "ui/simulation/frame.h"

namespace ui {

/// Everything recorded of a run, with bounded memory: the published frames (the timeline) and
/// the finished trials (the per-trial plots). When either grows past its budget, the older half
/// is thinned (every other entry dropped), so the recent past stays dense and growth never ends
/// in a crash. No Qt widgets: tested on its own.
class History {
public:
    /// A live edit on the timeline: kept apart from the frames, so thinning never drops it.
    struct EditMark {
        std::int64_t serial = 0;  ///< Of the frame published just after the edit.
        std::int64_t step = 0;    ///< PC's micro-step count at the edit.
        std::int64_t trial = 0;   ///< PC's trial at the edit.
        QString text;
    };
    /// What a branch cut off (cutAfter) and undo puts back (appendTail): the later frames, their
    /// trial records and edit marks.
    struct Tail {
        std::vector<FramePtr> frames;
        std::vector<std::size_t> sizes;
        std::vector<TrialRecord> trials;
        std::vector<EditMark> edits;
    };

    /// Budgets: bytes of frames kept, and trial records kept.
    explicit History(std::size_t frameBudgetBytes = 128u << 20, std::size_t maxTrials = 20000)
        : m_frameBudget(frameBudgetBytes), m_maxTrials(maxTrials) {}

    /// Appends a frame and its trial records; thins when over budget.
    void append(const FramePtr& frame);
    /// Forgets everything (new run).
    void clear();
    /// Drops every frame after `index` and every trial after that frame's trial (branching).
    void truncateAfter(std::size_t index) { cutAfter(index); }
    /// truncateAfter(), returning what was dropped.
    Tail cutAfter(std::size_t index);
    /// Appends frames cut off before (newer serials than every kept frame), without thinning.
    void appendTail(Tail tail);

    /// Number of frames kept.
    std::size_t size() const { return m_frames.size(); }
    bool empty() const { return m_frames.empty(); }
    /// Frame `i` (0 = oldest kept).
    const FramePtr& at(std::size_t i) const { return m_frames[i]; }
    /// Index of the frame with this serial, or of the newest earlier one (0 if none). Serials
    /// increase along the history.
    std::size_t indexAtOrBefore(std::int64_t serial) const;
    /// Index of the newest frame whose PC micro-step count is at most `step` (0 if none). Steps
    /// never decrease along the history.
    std::size_t indexAtOrBeforeStep(std::int64_t step) const;
    /// The live edits, oldest first.
    const std::vector<EditMark>& edits() const { return m_edits; }
    /// The newest frame (history must not be empty).
    const FramePtr& latest() const { return m_frames.back(); }
    /// Finished trials, oldest first (thinned like the frames).
    const std::vector<TrialRecord>& trials() const { return m_trials; }
    /// Bytes held by the frames.
    std::size_t frameBytes() const { return m_bytes; }
    /// Times the frames / trials were thinned.
    int frameThinnings() const { return m_frameThinnings; }
    int trialThinnings() const { return m_trialThinnings; }

private:
    void thinFrames();
    void thinTrials();

    std::vector<FramePtr> m_frames;
    std::vector<std::size_t> m_frameSizes;
    std::vector<TrialRecord> m_trials;
    std::vector<EditMark> m_edits;
    std::size_t m_bytes = 0;
    std::size_t m_frameBudget;
    std::size_t m_maxTrials;
    int m_frameThinnings = 0;
    int m_trialThinnings = 0;
};

}  // namespace ui
