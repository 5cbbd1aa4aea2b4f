#include "ui/views/networktext.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <cmath>

#include "ui/views/networkview.h"

namespace ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("NetworkView", text);
}

}  // namespace

QString shortNumber(double v, int digits) {
    if (!std::isfinite(v))
        return std::isnan(v) ? QStringLiteral("NaN")
                             : (v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞"));
    // Values that are zero up to rounding (relaxed errors reach 1e-300) read as 0.
    QString s = std::abs(v) < 1e-12 ? QStringLiteral("0") : QString::number(v, 'g', digits);
    if (s == QStringLiteral("-0"))
        s = QStringLiteral("0");
    s.replace('-', QChar(0x2212));
    return s;
}

QString legendText(engine::Rule rule, const SynapsePlan& plan, bool changes) {
    QStringList parts;
    if (rule == engine::Rule::PC)
        parts << tr("activity") << tr("pin = output held at its target") << tr("ring = error ε")
              << tr("dashed = negative");
    else
        parts << tr("activity") << tr("dashed = negative weight");
    if (changes)
        parts << tr("pink = changed by this update (Δw)");
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

QString neuronTooltip(engine::Rule rule, const engine::Snapshot& s, const NeuronId& n,
                      const NeuronNames& names) {
    const engine::LayerState& layer = s.layers[static_cast<size_t>(n.layer)];
    if (layer.x.rows() <= n.index || layer.x.cols() == 0)
        return {};
    QString t = tr("<b>%1</b> (%2)")
                    .arg(names.neuron(n.layer, n.index).toHtmlEscaped(), names.layer(n.layer));
    t += tr("<br>activity x = %1").arg(shortNumber(layer.x(n.index, 0)));
    if (n.layer > 0) {
        t += tr("<br>prediction μ = %1").arg(shortNumber(layer.mu(n.index, 0)));
        t += tr("<br>error ε = %1").arg(shortNumber(layer.eps(n.index, 0)));
        if (rule == engine::Rule::BP && layer.delta.rows() > n.index)
            t += tr("<br>backprop error δ = %1").arg(shortNumber(layer.delta(n.index, 0)));
    }
    return t;
}

QString synapseTooltip(const engine::Snapshot& s, const SynapseId& syn, const NeuronNames& names) {
    const double w = s.weights[static_cast<size_t>(syn.layer)](syn.post, syn.pre);
    const double dw = s.weightChange[static_cast<size_t>(syn.layer)](syn.post, syn.pre);
    return tr("<b>%1</b> (W%2)<br>w = %3<br>last change Δw = %4")
        .arg(names.synapse(syn.layer, syn.post, syn.pre).toHtmlEscaped())
        .arg(syn.layer)
        .arg(shortNumber(w), shortNumber(dw));
}

}  // namespace ui
