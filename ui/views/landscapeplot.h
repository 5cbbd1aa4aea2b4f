#pragma once

#include <QCoreApplication>
#include <optional>
#include <utility>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/trial.h"
#include "ui/simulation/frame.h"
#include "ui/views/look.h"
#include "ui/views/neuronnames.h"

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPCurve;

namespace ui {

/// The loss landscape plot of PlotPanel: for a network with exactly two trainable weights and
/// no bias, the loss of the first trial over a grid of both weights (log scale, in bands of
/// grey, with a colour scale), and each rule's path through it (BP dashed with crosses, PC
/// solid with circles).
class LandscapePlot {
    Q_DECLARE_TR_FUNCTIONS(LandscapePlot)
public:
    /// Adds the colour scale to `plot` (a plotfit::makePlot plot).
    explicit LandscapePlot(QCustomPlot* plot);

    /// A new run, after the plot's plottables were cleared: the map and the paths, or nothing
    /// when the network has no 2-D landscape. Returns whether it has one.
    bool setRun(const engine::Network& initial, const engine::Trial& trial,
                const NeuronNames& names);
    bool has() const { return m_weights.has_value(); }
    /// Each rule's path from the weights of `first` (a frame before any update) through the
    /// trial records `picked` of `trials`.
    void showPaths(const Frame& first, const std::vector<TrialRecord>& trials,
                   const std::vector<size_t>& picked);
    /// Pens and gradient of a look; markers only while the paths have at most `markerLimit`
    /// points.
    void style(const Look& look, int markerLimit);
    QCPColorScale* colourScale() const { return m_scale; }

private:
    /// A trainable weight (layer, post, pre).
    struct WeightIndex {
        int layer, post, pre;
    };

    QCustomPlot* m_plot;
    QCPColorScale* m_scale = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPCurve* m_paths[2] = {nullptr, nullptr};
    std::optional<std::pair<WeightIndex, WeightIndex>> m_weights;
};

}  // namespace ui
