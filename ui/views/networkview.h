#pragma once

#include <QFont>
#include <QStringList>
#include <QWidget>

#include "engine/core/network.h"
#include "ui/simulation/frame.h"
#include "ui/views/look.h"
#include "ui/views/networklayout.h"
#include "ui/views/neuronnames.h"
#include "ui/views/synapseplan.h"

class QPainter;

namespace ui {

/// One rule's network: neurons as circles filled by their activity (value printed inside),
/// synapses as lines whose width follows |w| and whose colour and dash give the sign (solid =
/// positive, dashed = negative). PC neurons also show their prediction mu and error eps; PC's
/// supervised outputs show their value node, pinned at the target, with a pin. Before the first
/// trial it shows that trial's feed-forward pass; at an update every changed synapse flashes
/// with its change printed beside it. Hover shows the numbers; a click selects a neuron or
/// synapse.
class NetworkView : public QWidget {
    Q_OBJECT
public:
    explicit NetworkView(engine::Rule rule, QWidget* parent = nullptr);
    /// The rule whose network it shows.
    engine::Rule rule() const { return m_rule; }

    /// The network shape (sizes, masks) of a new run, and the fixed colour ranges.
    void setNetwork(const engine::NetworkSpec& spec, double activityRange, double weightRange);
    /// Plain names for input and output neurons (e.g. "river", "sound", "smell").
    void setNames(const QStringList& inputs, const QStringList& outputs);
    /// How the neurons are named (tooltips), after setNetwork() and setNames().
    const NeuronNames& names() const { return m_names; }
    /// Shows a frame (the snapshot of this view's rule).
    void setFrame(const FramePtr& frame);
    /// Highlights a selection (shared by both panes).
    void setSelection(const Selection& selection);
    /// Prints values inside neurons.
    void setShowValues(bool show);
    bool showValues() const { return m_showValues; }
    const NetworkLayout& layout() const { return m_layout; }
    /// The synapses the next paint draws, and how (empty before the first frame).
    SynapsePlan synapsePlan() const;
    /// The synapses flashed with their change: those the update on show changed (empty unless
    /// the frame shows an update).
    std::vector<SynapseChange> synapseChanges() const;
    /// At most this many changes are printed beside their synapses (the largest).
    static constexpr int MaxChangeLabels = 12;
    /// Text sizes, strokes and colours (the window's zoom and presentation mode).
    void setLook(const Look& look);
    const Look& look() const { return m_look; }
    /// The smallest font any text of the view is drawn in (labels, legend, values inside the
    /// neurons, which are left out rather than drawn smaller).
    QFont smallestFont() const { return labelFonts().tiny; }

    QSize minimumSizeHint() const override;

    /// Pixels of vertical drag per unit of value (Shift: ten times finer).
    static constexpr double PixelsPerUnit = 100.0;
    /// PC's error ring is at most this many radii wide.
    static constexpr double RingFactor = 0.35;

signals:
    void selectionChanged(const ui::Selection& selection);
    /// A vertical drag on a synapse (its weight), an input neuron (its value) or an output
    /// neuron (its target): `delta` is the change since the press; `finished` on release.
    void dragEdit(const ui::Selection& target, double delta, bool finished);
    /// The mouse wheel over a synapse, input or output: `delta` in value units.
    void wheelEdit(const ui::Selection& target, double delta);
    /// A double click on something with a value: ask the user for it.
    void valueEditRequested(const ui::Selection& target);
    /// A right click: what is under the mouse (may be empty) and where.
    void contextRequested(const ui::Selection& target, const QPoint& globalPos);

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Fonts {
        QFont small;  ///< values inside neurons
        QFont tiny;   ///< labels and the legend
    };
    Fonts labelFonts() const;
    void drawSynapses(QPainter& p, const SynapsePlan& plan) const;
    /// The value a neuron's colour shows: its value node x.
    double shownValue(const engine::Snapshot& s, const NeuronId& n) const;
    /// A PC output pinned at its target (supervised, inside a trial).
    bool pinned(const engine::Snapshot& s, int layer, int index) const;
    /// The circle (a rounded square for inputs), PC's error ring and the value inside.
    void drawNeuron(QPainter& p, const engine::Snapshot& s, const NeuronId& n,
                    const QFont& font) const;
    /// PC's mu and eps under a neuron, targets beside outputs, names under inputs.
    void drawNeuronLabels(QPainter& p, const engine::Snapshot& s, const NeuronId& n,
                          const QFont& tiny) const;
    void drawLegend(QPainter& p, const SynapsePlan& plan, bool changes, const QFont& tiny) const;
    /// PC's supervised outputs, pinned at the target: a pin on top of the circle.
    void drawPin(QPainter& p, const QPointF& centre) const;
    /// Lines of PC's mu and eps under a neuron: 1 where the columns are wide enough, else 2.
    int pcLabelLines() const;
    /// The radius of a neuron with PC's widest error ring around it.
    double outerRadius() const;
    /// The largest radius that leaves room for PC's mu and eps between the rows (very large
    /// where no useful radius does).
    double radiusForLabels(double line) const;
    /// Whether PC's mu and eps fit under the neurons of a layer of several (`line` = a line of
    /// label text).
    bool pcLabelsFit(double line) const;
    /// Height of the strip under the network that holds the legend.
    double legendHeight() const;
    /// Width to the right of the outputs for their names and targets.
    double targetLabelWidth() const;
    void relayout();
    QString tooltipAt(const QPoint& p) const;
    /// The synapse under p, unless the mask says it is absent.
    std::optional<SynapseId> presentSynapseAt(const QPointF& p) const;
    /// What is under p (neuron first, then a present synapse).
    Selection itemAt(const QPointF& p) const;
    /// True for things with an editable value: synapses, input and output neurons.
    bool editable(const Selection& s) const;

    engine::Rule m_rule;
    Look m_look;
    std::vector<int> m_sizes;
    engine::NetworkSpec m_spec;
    FramePtr m_frame;
    NetworkLayout m_layout;
    Selection m_selection;
    double m_activityRange = 1.0;
    double m_weightRange = 1.0;
    bool m_showValues = true;
    QStringList m_inputNames, m_outputNames;
    NeuronNames m_names;
    Selection m_dragTarget;  // what a press on an editable item may drag
    double m_pressY = 0.0;
    bool m_dragging = false;
};

/// Text of a number for drawing: `digits` significant digits, minus sign as U+2212.
QString shortNumber(double v, int digits = 3);

}  // namespace ui
