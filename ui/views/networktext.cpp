#include "ui/views/networktext.h"

#include <QCoreApplication>
#include <QFontMetricsF>

#include "ui/views/networkview.h"

namespace ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("NetworkView", text);
}

}  // namespace

QString legendText(engine::Rule rule, const SynapsePlan& plan) {
    QStringList parts;
    if (rule == engine::Rule::PC)
        parts << tr("activity") << tr("outputs show μ") << tr("ring = error ε")
              << tr("dashed = negative");
    else
        parts << tr("activity") << tr("dashed = negative weight");
    if (!plan.fixedMarks.empty())
        parts << tr("bar = fixed");
    if (plan.drawn < plan.total)
        parts << tr("strongest %1 of %2 synapses").arg(plan.drawn).arg(plan.total);
    return parts.join(QStringLiteral(" · "));
}

QStringList wrapLegend(const QString& text, const QFontMetricsF& fm, double width, int lines) {
    const QString separator = QStringLiteral(" · ");
    const QStringList parts = text.split(separator);
    QStringList out;
    QString current;
    for (int k = 0; k < parts.size(); ++k) {
        const QString joined = current.isEmpty() ? parts[k] : current + separator + parts[k];
        if (fm.horizontalAdvance(joined) <= width || current.isEmpty()) {
            current = joined;
            continue;
        }
        out << current;
        current = parts[k];
        if (out.size() == lines - 1) {
            current = QStringList(parts.mid(k)).join(separator);
            break;
        }
    }
    out << current;
    for (QString& l : out)
        l = fm.elidedText(l, Qt::ElideRight, width);
    return out;
}

QString neuronTooltip(engine::Rule rule, const engine::Snapshot& s, const NeuronId& n) {
    const engine::LayerState& layer = s.layers[static_cast<size_t>(n.layer)];
    if (layer.x.rows() <= n.index || layer.x.cols() == 0)
        return {};
    QString t = tr("<b>Layer %1, neuron %2</b>").arg(n.layer).arg(n.index);
    t += tr("<br>activity x = %1").arg(shortNumber(layer.x(n.index, 0)));
    if (n.layer > 0) {
        t += tr("<br>prediction μ = %1").arg(shortNumber(layer.mu(n.index, 0)));
        t += tr("<br>error ε = %1").arg(shortNumber(layer.eps(n.index, 0)));
        if (rule == engine::Rule::BP && layer.delta.rows() > n.index)
            t += tr("<br>backprop error δ = %1").arg(shortNumber(layer.delta(n.index, 0)));
    }
    return t;
}

QString synapseTooltip(const engine::Snapshot& s, const SynapseId& syn) {
    const double w = s.weights[static_cast<size_t>(syn.layer)](syn.post, syn.pre);
    const double dw = s.weightChange[static_cast<size_t>(syn.layer)](syn.post, syn.pre);
    return tr("<b>W%1[%2,%3]</b> from layer %4 neuron %3 to layer %1 neuron %2<br>w = "
              "%5<br>last change Δw = %6")
        .arg(syn.layer)
        .arg(syn.post)
        .arg(syn.pre)
        .arg(syn.layer - 1)
        .arg(shortNumber(w), shortNumber(dw));
}

}  // namespace ui
