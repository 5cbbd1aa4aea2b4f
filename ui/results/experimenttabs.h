#pragma once

// The four tabs of the results window (science file, section 4, items 7-10), each a thin
// ExperimentTab: its settings with the command line's names and defaults, the batch of engine
// runs, and its plot. The aggregation is engine/learningsummaries.h, shared with the command line.

#include "ui/results/experimenttab.h"

class QCPAxisRect;
class QCheckBox;

namespace ui {

/// Rat fear conditioning: bars of fear to the noise per group for BP and PC, ± sd over seeds.
class FearTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit FearTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::FearSummary& summary, int seeds);
    QCPAxisRect* m_rect = nullptr;
};

/// Human reversal learning: the crossing plot, value at a punished trial and on the next trial,
/// stay vs switch, one panel per rule, ± s.e.m. over punished trials.
class ReversalTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit ReversalTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::ReversalSummary& summary, int summaryAfter, int bpSeeds,
              int pcSeeds);
    std::vector<QCPAxisRect*> m_rects;  // BP, PC
};

/// Human sensorimotor learning: bars of single-trial adaptation per exposure group, one panel
/// per rule, ± sd over seeds; normalised (each rule divided by its mean same-cue adaptation, one
/// scale) or raw (each panel its own scale), switched without running again.
class SensorimotorTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit SensorimotorTab(QWidget* parent = nullptr);

    /// Whether the plot shows the normalised values (the default) or the raw ones.
    bool normalised() const;
    void setNormalised(bool on);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::SensorimotorSummary& summary, int seeds);
    void setValueLabel();
    std::vector<QCPAxisRect*> m_rects;  // BP, PC
    QCheckBox* m_normalised = nullptr;
    std::optional<engine::experiments::SensorimotorSummary> m_last;
    int m_lastSeeds = 0;
};

/// Less erratic learning: path length against final distance, one point per seed and learning
/// rate, coloured by rule, with each rule's mean per learning rate.
class ErraticTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit ErraticTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::ErraticSummary& summary, int seeds,
              const std::vector<double>& alphasBp, const std::vector<double>& alphasPc);
    QCPAxisRect* m_rect = nullptr;
};

}  // namespace ui
