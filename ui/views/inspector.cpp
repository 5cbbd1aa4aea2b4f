#include "ui/views/inspector.h"

#include "engine/core/activation.h"
#include "engine/scenario/scenario.h"
#include "ui/views/networkview.h"
#include "ui/views/neuronnames.h"

namespace ui {

namespace {

using engine::Rule;

QString n(double v) {
    return shortNumber(v, 4);
}

NeuronNames namesOf(const RunSetup& setup) {
    return setup.scenario ? NeuronNames::of(*setup.scenario)
                          : NeuronNames::of(setup.network.spec(), {}, {});
}

QString synapseText(const SynapseId& syn, const Frame& frame, const RunSetup& setup) {
    const engine::Network& net = setup.network;
    const auto l = static_cast<engine::Index>(syn.layer);
    const NeuronNames names = namesOf(setup);
    QString t = QObject::tr("<h3>Synapse %1</h3><p>a weight of %2%3</p>")
                    .arg(names.synapse(syn.layer, syn.post, syn.pre).toHtmlEscaped(),
                         names.weights(syn.layer),
                         net.trainable(l) ? QString()
                                          : QObject::tr(" &mdash; <i>fixed, does not learn</i>"));
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const engine::Snapshot& s = frame.of(rule);
        // The synapse's own rate where the layer has per-synapse rates (fear conditioning).
        const double alpha = net.learningRate(l, syn.post, syn.pre,
                                              rule == Rule::BP ? setup.bp.alpha : setup.pc.alpha);
        const double w = s.weights[size_t(syn.layer)](syn.post, syn.pre);
        const double last = s.weightChange[size_t(syn.layer)](syn.post, syn.pre);
        const engine::LayerState& pre = s.layers[size_t(syn.layer - 1)];
        const engine::LayerState& post = s.layers[size_t(syn.layer)];
        t += QStringLiteral("<p><b>%1</b>: w = %2").arg(rule == Rule::BP ? "BP" : "PC", n(w));
        if (!net.trainable(l)) {
            t += QObject::tr("<br>fixed: this synapse never changes");
        } else if (pre.fx.cols() > 0 && post.eps.cols() > 0) {
            const double f = pre.fx(syn.pre, 0);
            if (rule == Rule::BP) {
                const double d = post.delta.cols() > 0 ? post.delta(syn.post, 0) : 0.0;
                t += QObject::tr(
                         "<br>Δw = α·δ<sub>post</sub>·f(a<sub>pre</sub>) = %1 × %2 × %3 = %4")
                         .arg(n(alpha), n(d), n(f), n(alpha * d * f));
                if (s.phase == engine::Phase::Forward)
                    t += QObject::tr(" <i>(δ comes with the backward phase)</i>");
            } else {
                const double e = post.eps(syn.post, 0);
                t += QObject::tr(
                         "<br>Δw = α·ε<sub>post</sub>·f(x<sub>pre</sub>) = %1 × %2 × %3 = %4")
                         .arg(n(alpha), n(e), n(f), n(alpha * e * f));
                t += QObject::tr(
                    "<br><i>at the current state; applied once, at the last inference "
                    "iteration</i>");
            }
            if (s.weights.size() > 1 && s.layers[0].x.cols() > 1)
                t += QObject::tr(" (the first sample of the batch)");
        }
        t += QObject::tr("<br>last applied change: %1</p>").arg(n(last));
    }
    if (frame.pc->step == 0)
        t += QObject::tr(
            "<p><i>To change its initial value: drag it up or down, turn the wheel over it, "
            "double-click it, or press ↑/↓. The run restarts from the edited network.</i></p>");
    else
        t += QObject::tr(
            "<p><i>To change it in both rules now (a live edit; the run goes on, Ctrl+Z undoes "
            "it): drag it up or down, turn the wheel over it, double-click it, or press "
            "↑/↓.</i></p>");
    return t;
}

QString neuronText(const NeuronId& id, const Frame& frame, const RunSetup& setup) {
    const engine::Network& net = setup.network;
    const int L = static_cast<int>(net.depth());
    const NeuronNames names = namesOf(setup);
    QString t = QObject::tr("<h3>Neuron %1</h3><p>%2, activation %3</p>")
                    .arg(names.neuron(id.layer, id.index).toHtmlEscaped(), names.layer(id.layer),
                         engine::activationName(net.activation(id.layer)));
    for (Rule rule : {Rule::BP, Rule::PC}) {
        const engine::Snapshot& s = frame.of(rule);
        const engine::LayerState& layer = s.layers[size_t(id.layer)];
        if (layer.x.cols() == 0)
            continue;
        const double x = layer.x(id.index, 0);
        t += QStringLiteral("<p><b>%1</b>: ").arg(rule == Rule::BP ? "BP" : "PC");
        if (id.layer == 0) {
            t += QObject::tr("x = %1 (the input, pinned)</p>").arg(n(x));
            continue;
        }
        const double mu = layer.mu(id.index, 0), e = layer.eps(id.index, 0);
        if (rule == Rule::BP) {
            t += QObject::tr("a = μ = %1").arg(n(mu));
            if (id.layer == L)
                t += QObject::tr("<br>δ = y − μ = %1").arg(n(e));
            else if (layer.delta.cols() > 0)
                t += QObject::tr("<br>δ = f′(a)·Σ<sub>k</sub> w(%1 → k) δ<sub>k</sub> = %2")
                         .arg(names.neuron(id.layer, id.index).toHtmlEscaped())
                         .arg(n(layer.delta(id.index, 0)));
        } else {
            t += QObject::tr("x = %1, μ = %2<br>ε = %3 = %4")
                     .arg(n(x), n(mu), id.layer == L ? QObject::tr("y − μ") : QObject::tr("x − μ"),
                          n(e));
            if (id.layer < L) {
                const engine::LayerState& next = s.layers[size_t(id.layer + 1)];
                double back = 0.0;
                const engine::Matrix& w = s.weights[size_t(id.layer + 1)];
                for (engine::Index k = 0; k < w.rows(); ++k)
                    back += w(k, id.index) * next.eps(k, 0);
                const double fp = engine::derivative(net.activation(id.layer), x);
                t += QObject::tr(
                         "<br>relaxation: dx = −ε + f′(x)·Σ<sub>k</sub> w(%1 → k) "
                         "ε<sub>k</sub> = %2 + %3 × %4 = %5")
                         .arg(names.neuron(id.layer, id.index).toHtmlEscaped())
                         .arg(n(-e), n(fp), n(back), n(-e + fp * back));
            } else {
                t += QObject::tr("<br>pinned at the target while learning");
            }
        }
        t += QStringLiteral("</p>");
    }
    if (id.layer == 0)
        t += QObject::tr(
            "<p><i>Drag it up or down (or double-click it) to set its input value "
            "in the trial on show. Right-click for neurons and layers.</i></p>");
    else if (id.layer == L)
        t += QObject::tr(
            "<p><i>Drag it up or down (or double-click it) to set its target in "
            "the trial on show; right-click for \"No target\".</i></p>");
    else
        t += QObject::tr(
            "<p><i>Right-click to add or remove neurons and layers, or to set "
            "the layer's activation and bias.</i></p>");
    return t;
}

}  // namespace

QString inspectorText(const Selection& selection, const Frame& frame, const RunSetup& setup) {
    if (selection.synapse)
        return synapseText(*selection.synapse, frame, setup);
    if (selection.neuron)
        return neuronText(*selection.neuron, frame, setup);
    return inspectorHelpText();
}

QString inspectorHelpText() {
    return QObject::tr(
        "<p><b>Inspector.</b> Click a neuron or a synapse in either pane to see its values "
        "and its update formula with the current numbers plugged in.</p>"
        "<p><b>Editing.</b> Drag a synapse, an input or an output up or down to change its "
        "weight, value or target. Right-click a neuron to add or remove neurons and layers or "
        "to set the activation; F4 opens the scenario editor. Ctrl+Z undoes.</p>");
}

Inspector::Inspector(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setAlignment(Qt::AlignTop | Qt::AlignLeft);
    setTextFormat(Qt::RichText);
    setMargin(8);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void Inspector::setSetup(std::shared_ptr<const RunSetup> setup) {
    m_setup = std::move(setup);
    m_selection = {};
    m_frame.reset();  // the previous run's frame does not fit the new network
    refresh();
}

void Inspector::setLesson(const QString& title, const QString& text) {
    m_lesson = text.isEmpty() ? QString()
                              : QStringLiteral("<h3>%1</h3><p>%2</p><hr>")
                                    .arg(title.toHtmlEscaped(), text.toHtmlEscaped());
    refresh();
}

void Inspector::setSelection(const Selection& selection) {
    m_selection = selection;
    refresh();
}

void Inspector::setFrame(const FramePtr& frame) {
    m_frame = frame;
    refresh();
}

void Inspector::refresh() {
    if (!m_frame || !m_setup || m_selection.empty())
        setText(m_lesson + inspectorHelpText());
    else
        setText(inspectorText(m_selection, *m_frame, *m_setup));
}

}  // namespace ui
