#pragma once

// The tabs of the paper's small figures (science file, section 4, items 1-4 and 6), each a thin
// ExperimentTab like the learning experiments' (experimenttabs.h): the command line's options,
// the batch of engine runs, and the plot laid out like the paper's panel. The aggregation is
// engine/experiments/figuresummaries.h, shared with the command line.

#include "ui/results/experimenttab.h"

#include "engine/experiments/figuresummaries.h"

class QCPAxisRect;
class QCPColorMap;
class QCPColorScale;
class QCheckBox;

namespace ui {

/// Fig. 1 / 3a: the bear net's predictions before each trial as a path in output space (sound
/// across, smell up), from (1, 1) toward the target (0, 1); BP bends down (interference), PC
/// heads almost straight left.
class InterferenceTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit InterferenceTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::BearRuns& runs);
    QCPAxisRect* m_rect = nullptr;
};

/// Fig. 3d: the same output-space paths at every learning rate, each rule in shades of its
/// colour (dark = the first rate given). Like the paper's panel it leaves out the rates of 0.5
/// and more (they run, and the summary and the CSV have them) unless asked to show them.
class LrSweepTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit LrSweepTab(QWidget* parent = nullptr);

    /// Whether the paths of α >= 0.5 are left out of the plot (the default, as the paper).
    bool leavesOutLargeRates() const;
    void setLeavesOutLargeRates(bool on);

    /// The smallest learning rate the paper's panel leaves out.
    static constexpr double LargeRate = 0.5;

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::BearRuns& runs, int trials);
    QCPAxisRect* m_rect = nullptr;
    QCheckBox* m_leaveOut = nullptr;
    std::optional<engine::experiments::BearRuns> m_last;
    int m_lastTrials = 0;
};

/// Fig. 3e: target alignment of one step against the number of weight layers, each rule's mean
/// over seeds with a band of ± 1 sd.
class TargetAlignmentTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit TargetAlignmentTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::TargetAlignmentSummary& summary, int seeds);
    /// Before the first result: alignment 0 .. 1.02 and depth 0.5 .. the deepest listed + 0.5
    /// (left as it is while the depths field does not read).
    void showEmptyAxes();
    QCPAxisRect* m_rect = nullptr;
};

/// The 1-2-2 net's weights (w1, w2) before each trial, both rules' paths over the loss
/// landscape, with a colour scale for the loss.
class TrajectoryTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit TrajectoryTab(QWidget* parent = nullptr);

    /// The loss landscape under the paths (null before the first result).
    QCPColorMap* landscape() const { return m_map; }
    QCPColorScale* colorScale() const { return m_scale; }

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::TrajectorySummary& summary);
    void drawLandscape(double w1Lo, double w1Hi, double w2Lo, double w2Hi);
    QCPAxisRect* m_rect = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
};

/// PC's prospective index in every layer of a deep net: mean ± sd over seeds per layer.
class ProspectiveIndexTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit ProspectiveIndexTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::ProspectiveIndexSummary& summary, int seeds);
    QCPAxisRect* m_rect = nullptr;
};

}  // namespace ui
