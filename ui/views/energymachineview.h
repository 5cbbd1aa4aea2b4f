#pragma once

#include <QRectF>
#include <QWidget>
#include <vector>

#include "engine/core/network.h"
#include "ui/simulation/frame.h"
#include "ui/views/look.h"

class QPainter;

namespace ui {

/// The energy machine of Fig. 2, for the PC rule: each neuron is a bead sliding on a vertical
/// post (height = activity x); its prediction mu is a mark on the same post; the error is a
/// spring between bead and mark (energy 1/2 eps^2); weights are rods from a presynaptic bead to
/// the postsynaptic mark. Input beads are pinned, and so are supervised output beads (at the
/// target). Relaxation: free beads slide until the springs balance. Plasticity: the rods change
/// and the marks move onto the beads.
class EnergyMachineView : public QWidget {
    Q_OBJECT
public:
    explicit EnergyMachineView(QWidget* parent = nullptr);

    /// Network shape and the fixed vertical range (symmetric, in activity units).
    void setNetwork(const engine::NetworkSpec& spec, double valueRange);
    /// Shows the PC snapshot of a frame.
    void setFrame(const FramePtr& frame);

    /// Text sizes, strokes and colours (the window's zoom and presentation mode).
    void setLook(const Look& look);
    /// The font of its labels (its only text size).
    QFont labelFont() const { return m_look.font(Look::Text::Small); }

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
    double yOf(double value, const QRectF& area) const;
    void drawValueAxis(QPainter& p, const QRectF& area) const;
    void drawRods(QPainter& p, const engine::Snapshot& s, const Geometry& g) const;
    /// A neuron's post with its bead, and for l > 0 its prediction mark and error spring.
    void drawPost(QPainter& p, const engine::Snapshot& s, const Geometry& g, int l, int i) const;

    engine::NetworkSpec m_spec;
    std::vector<int> m_sizes;
    FramePtr m_frame;
    double m_range = 1.0;
    Look m_look;
};

}  // namespace ui
