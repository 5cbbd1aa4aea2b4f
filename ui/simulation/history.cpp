#include "ui/simulation/history.h"

#include <algorithm>

namespace ui {

void History::append(const FramePtr& frame) {
    // The trial records move into trials(); the timeline keeps the frame without them (a copy
    // of two shared snapshots), so nothing is stored twice.
    FramePtr kept = frame;
    if (!frame->newTrials.empty()) {
        auto stripped = std::make_shared<Frame>();
        stripped->bp = frame->bp;
        stripped->pc = frame->pc;
        stripped->serial = frame->serial;
        stripped->generation = frame->generation;
        stripped->stepsPerSecond = frame->stepsPerSecond;
        stripped->running = frame->running;
        stripped->edit = frame->edit;
        kept = std::move(stripped);
    }
    const std::size_t size = kept->bytes();
    m_frames.push_back(kept);
    m_frameSizes.push_back(size);
    m_bytes += size;
    if (!frame->edit.isEmpty())
        m_edits.push_back({frame->serial, frame->pc->step, frame->pc->trial, frame->edit});
    for (const TrialRecord& r : frame->newTrials)
        m_trials.push_back(r);
    while (m_bytes > m_frameBudget && m_frames.size() > 16)
        thinFrames();
    while (m_trials.size() > m_maxTrials)
        thinTrials();
}

std::size_t History::indexAtOrBefore(std::int64_t serial) const {
    const auto it =
        std::upper_bound(m_frames.begin(), m_frames.end(), serial,
                         [](std::int64_t s, const FramePtr& f) { return s < f->serial; });
    return it == m_frames.begin() ? 0 : std::size_t(it - m_frames.begin()) - 1;
}

std::size_t History::indexAtOrBeforeStep(std::int64_t step) const {
    const auto it =
        std::upper_bound(m_frames.begin(), m_frames.end(), step,
                         [](std::int64_t s, const FramePtr& f) { return s < f->pc->step; });
    return it == m_frames.begin() ? 0 : std::size_t(it - m_frames.begin()) - 1;
}

void History::clear() {
    m_edits.clear();
    m_frames.clear();
    m_frameSizes.clear();
    m_trials.clear();
    m_bytes = 0;
}

History::Tail History::cutAfter(std::size_t index) {
    Tail tail;
    if (index + 1 >= m_frames.size())
        return tail;
    const auto from = std::ptrdiff_t(index + 1);
    tail.frames.assign(m_frames.begin() + from, m_frames.end());
    tail.sizes.assign(m_frameSizes.begin() + from, m_frameSizes.end());
    for (std::size_t size : tail.sizes)
        m_bytes -= size;
    m_frames.resize(index + 1);
    m_frameSizes.resize(index + 1);
    // The frame's snapshots say how many trials had finished by then.
    const Frame& last = *m_frames.back();
    const std::int64_t lastTrial =
        std::min(last.bp->trialComplete ? last.bp->trial : last.bp->trial - 1,
                 last.pc->trialComplete ? last.pc->trial : last.pc->trial - 1);
    const auto later =
        std::stable_partition(m_trials.begin(), m_trials.end(),
                              [lastTrial](const TrialRecord& r) { return r.trial <= lastTrial; });
    tail.trials.assign(later, m_trials.end());
    m_trials.erase(later, m_trials.end());
    const auto laterEdits =
        std::stable_partition(m_edits.begin(), m_edits.end(),
                              [&last](const EditMark& e) { return e.serial <= last.serial; });
    tail.edits.assign(laterEdits, m_edits.end());
    m_edits.erase(laterEdits, m_edits.end());
    return tail;
}

void History::appendTail(Tail tail) {
    for (std::size_t i = 0; i < tail.frames.size(); ++i) {
        m_frames.push_back(std::move(tail.frames[i]));
        m_frameSizes.push_back(tail.sizes[i]);
        m_bytes += tail.sizes[i];
    }
    for (TrialRecord& r : tail.trials)
        m_trials.push_back(std::move(r));
    for (EditMark& e : tail.edits)
        m_edits.push_back(std::move(e));
}

void History::thinFrames() {
    // Drop every other frame of the older half; the newest half stays complete.
    const std::size_t half = m_frames.size() / 2;
    std::vector<FramePtr> frames;
    std::vector<std::size_t> sizes;
    frames.reserve(m_frames.size());
    sizes.reserve(m_frames.size());
    for (std::size_t i = 0; i < m_frames.size(); ++i) {
        if (i < half && i % 2 == 1) {
            m_bytes -= m_frameSizes[i];
            continue;
        }
        frames.push_back(std::move(m_frames[i]));
        sizes.push_back(m_frameSizes[i]);
    }
    m_frames = std::move(frames);
    m_frameSizes = std::move(sizes);
    ++m_frameThinnings;
}

void History::thinTrials() {
    const std::size_t half = m_trials.size() / 2;
    std::vector<TrialRecord> kept;
    kept.reserve(m_trials.size());
    for (std::size_t i = 0; i < m_trials.size(); ++i)
        if (!(i < half && i % 2 == 1))
            kept.push_back(std::move(m_trials[i]));
    m_trials = std::move(kept);
    ++m_trialThinnings;
}

}  // namespace ui
