#pragma once

#include <QRectF>
#include <QWidget>
#include <limits>
#include <vector>

#include "engine/core/network.h"
#include "ui/simulation/frame.h"
#include "ui/views/look.h"
#include "ui/views/networklayout.h"
#include "ui/views/neuronnames.h"
#include "ui/views/synapseplan.h"

class QPainter;

namespace ui {

/// The energy machine of Fig. 2, for the PC rule: each neuron is a bead sliding on a vertical
/// post (height = activity x), named under the post; its prediction mu is a bar on the same
/// post; the error is a spring between bead and bar (energy 1/2 eps^2); weights are rods,
/// coloured and labelled by their value, from a presynaptic bead to the postsynaptic bar. Input
/// beads are pinned, and so are supervised output beads during a trial (the bead on the target,
/// the bar where mu is). Before the first trial it shows that trial's feed-forward pass.
/// Relaxation: free beads slide until the springs balance. Plasticity: the changed rods flash
/// with their change printed on them, and the bars move onto the beads.
class EnergyMachineView : public QWidget {
    Q_OBJECT
public:
    explicit EnergyMachineView(QWidget* parent = nullptr);

    /// Network shape and the fixed ranges (symmetric): the vertical one in activity units, and
    /// the weights' for the rods' colours.
    void setNetwork(const engine::NetworkSpec& spec, double valueRange, double weightRange = 1.0);
    /// Plain names for input and output neurons (e.g. "river", "sound", "smell").
    void setNames(const QStringList& inputs, const QStringList& outputs);
    /// Shows the PC snapshot of a frame.
    void setFrame(const FramePtr& frame);

    /// Text sizes, strokes and colours (the window's zoom and presentation mode).
    void setLook(const Look& look);
    /// The font of its labels (its only text size).
    QFont labelFont() const { return m_look.font(Look::Text::Small); }

    /// One post as the next paint draws it.
    struct Post {
        NeuronId id;
        QString name;         ///< under the post
        double bead = 0.0;    ///< the value node x
        double bar = 0.0;     ///< the prediction mu (layers 1..L)
        bool pinned = false;  ///< inputs; supervised outputs inside a trial (bead on the target)
        /// Supervised outputs not yet pinned (step 0): the target, marked on the post (else NaN).
        double target = std::numeric_limits<double>::quiet_NaN();
    };
    /// Every post of the frame on show (empty before a frame or with nothing to show).
    std::vector<Post> posts() const;
    /// One rod: the weight it stands for, from the pre bead to the post bar.
    struct Rod {
        SynapseId id;
        QLineF line;
        double weight = 0.0;
    };
    std::vector<Rod> rods() const;
    /// The rods that flash with their change (the frame shows an update), largest first.
    std::vector<SynapseChange> rodChanges() const;
    /// Rods are labelled with their weight while there are at most this many.
    static constexpr int MaxRodLabels = 24;

    QSize minimumSizeHint() const override { return {m_look.px(150), m_look.px(110)}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    /// Where the posts stand: inside `area`, one column per layer.
    struct Geometry {
        QRectF area;
        double column;  ///< width of a layer's column
        double bead;    ///< radius of a bead
        const std::vector<int>& sizes;
        /// x of the post of neuron i of layer l.
        double postX(int l, int i) const;
    };
    Geometry geometry() const;
    /// The PC snapshot on show when it has something to draw.
    const engine::Snapshot* shown() const;
    double yOf(double value, const QRectF& area) const;
    void drawValueAxis(QPainter& p, const QRectF& area) const;
    void drawRods(QPainter& p, const std::vector<Rod>& rods) const;
    void drawRodLabels(QPainter& p, const std::vector<Rod>& rods) const;
    /// A neuron's post with its bead, and for l > 0 its prediction bar and error spring.
    void drawPost(QPainter& p, const engine::Snapshot& s, const Geometry& g,
                  const Post& post) const;
    /// Names under the posts, layer names under them, and the key.
    void drawLabels(QPainter& p, const Geometry& g, const std::vector<Post>& posts,
                    bool changes) const;

    engine::NetworkSpec m_spec;
    std::vector<int> m_sizes;
    FramePtr m_frame;
    double m_range = 1.0;
    double m_weightRange = 1.0;
    NeuronNames m_names;
    QStringList m_inputNames, m_outputNames;
    Look m_look;
};

}  // namespace ui
