#pragma once

// The four tabs of the results window (science file, section 4, items 7-10), each a thin
// ExperimentTab: its settings with the command line's names and defaults, the batch of engine
// runs, and its plot. The aggregation is engine/learningsummaries.h, shared with the command line.

#include "ui/results/experimenttab.h"

class QCPAxisRect;

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
/// per rule with its own scale, ± sd over seeds.
class SensorimotorTab : public ExperimentTab {
    Q_OBJECT
public:
    explicit SensorimotorTab(QWidget* parent = nullptr);

protected:
    std::optional<Batch> prepare() override;

private:
    void draw(const engine::experiments::SensorimotorSummary& summary, int seeds);
    std::vector<QCPAxisRect*> m_rects;  // BP, PC
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
