#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>
#include <memory>

#include "engine/core/network.h"
#include "engine/core/trial.h"
#include "ui/simulation/frame.h"
#include "ui/simulation/history.h"
#include "ui/views/look.h"
#include "ui/views/neuronnames.h"

class QCustomPlot;
class QHBoxLayout;
class QTabWidget;
class QCPColorScale;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;

namespace ui {

class LandscapePlot;

/// The plots under the panes: energy per layer during the current PC trial, every output per
/// trial with its target (both rules: the interference picture), and a tab with loss per trial,
/// tracked weights per trial, target alignment per trial and, for nets with exactly two
/// trainable weights, the loss landscape with both weight trajectories.
/// BP is orange and dashed with crosses, PC blue and solid with circles; in the outputs plot the
/// rules keep their colours and dashes and each output has its own marker (and its name in the
/// legend). Other series (layers, weights) use colours that are neither. Legends sit in a strip
/// above the data; the
/// landscape has a colour scale; the tab in front gets more width when it is the landscape or
/// the weights.
class PlotPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlotPanel(QWidget* parent = nullptr);
    ~PlotPanel() override;

    /// A new run: network, its first trial (for the landscape) and which tab to show first
    /// ("loss", "weights", "alignment" or "landscape"); the neurons' names for the legends
    /// (default: the network's, with `outputNames` for the outputs).
    void setRun(const engine::Network& initial, const engine::Trial& trial,
                const QString& preferredTab, const QStringList& outputNames = {},
                const NeuronNames& names = {});
    /// The tracked weights' names, in the weights plot's order ("river → h1").
    const QStringList& weightNames() const { return m_weightNames; }
    /// Shows the state of `frame`, with per-trial series up to its trial.
    void showFrame(const FramePtr& frame, const History& history);
    /// Every plot, for tests and export.
    QList<QCustomPlot*> plots() const;
    /// Name of the tab in front ("loss", "weights", "alignment" or "landscape").
    QString currentTab() const;
    /// Brings the tab `name` to the front; false (and nothing changes) for an unknown name or
    /// the landscape of a run without one.
    bool showTab(const QString& name);
    /// Whether the run has a loss landscape tab: exactly two trainable weights and no bias.
    bool hasLandscape() const;
    /// Text sizes, strokes and colours (the window's zoom and presentation mode).
    void setLook(const Look& look);
    const Look& look() const { return m_look; }
    /// The landscape's colour scale.
    QCPColorScale* colourScale() const;

private:
    /// The trial records up to a frame's trial, downsampled to at most MaxPlotPoints (every
    /// k-th, always the last): `picked` indexes `trials`, `xs` holds their trial numbers.
    struct TrialSeries {
        TrialSeries(const Frame& frame, const History& history);
        int points() const { return static_cast<int>(picked.size()); }
        /// get(record) of every picked record.
        template <class Get>
        QVector<double> values(Get get) const {
            QVector<double> ys;
            ys.reserve(points());
            for (size_t i : picked)
                ys << get(trials[i]);
            return ys;
        }
        const std::vector<TrialRecord>& trials;
        std::vector<size_t> picked;
        QVector<double> xs;
    };

    /// Pens and markers of every graph for the look; markers only with few `points`.
    void styleGraphs(int points);
    void styleRule(QCPGraph* g, int rule, const QColor& color, int points) const;
    /// Legend-only entries: the rules' line styles, what each colour stands for (`colours`,
    /// in series order) and, with `target`, the targets' dotted line.
    void addStyleEntries(QCustomPlot* plot, const QStringList& colours, bool target);
    /// The outputs plot's legend: the rules in their colours, each output's marker, the target.
    void addOutputEntries(const QStringList& outputs);
    /// The outputs plot's lines: colour and dash = rule, marker = output.
    void styleOutputs(int points);
    /// The tab in front takes more of the row when it needs room.
    void updateStretch();
    void showEnergy(const Frame& frame);
    void showOutputs(const TrialSeries& series);
    void showWeights(const TrialSeries& series);
    /// Both axes of the per-trial plots to their data.
    void fitRanges(const TrialSeries& series);

    QCustomPlot* m_energy = nullptr;
    QCustomPlot* m_outputs = nullptr;
    QCustomPlot* m_loss = nullptr;
    QCustomPlot* m_weights = nullptr;
    QCustomPlot* m_alignment = nullptr;
    QCustomPlot* m_landscape = nullptr;
    QCPItemStraightLine* m_updateMark = nullptr;
    QCPItemText* m_updateLabel = nullptr;
    std::unique_ptr<LandscapePlot> m_land;
    QTabWidget* m_tabs = nullptr;
    QHBoxLayout* m_row = nullptr;
    Look m_look;
    int m_points = 0;
    int m_tracked = 0;  // weights in the weights plot (two graphs each)
    int m_outputsCount = 0;
    QStringList m_weightNames;  // "river → h1" for each tracked weight
    int m_layers = 0;
};

}  // namespace ui
