#include "ui/views/neuronnames.h"

#include <QCoreApplication>

#include "engine/scenario/scenario.h"

namespace ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("NeuronNames", text);
}

QStringList qt(const std::vector<std::string>& names) {
    QStringList out;
    for (const std::string& n : names)
        out << QString::fromStdString(n);
    return out;
}

}  // namespace

NeuronNames::NeuronNames(std::vector<int> sizes, QStringList inputs, QStringList outputs)
    : m_sizes(std::move(sizes)), m_inputs(std::move(inputs)), m_outputs(std::move(outputs)) {}

NeuronNames NeuronNames::of(const engine::NetworkSpec& spec, const QStringList& inputs,
                            const QStringList& outputs) {
    std::vector<int> sizes;
    for (auto n : spec.sizes)
        sizes.push_back(static_cast<int>(n));
    return NeuronNames(std::move(sizes), inputs, outputs);
}

NeuronNames NeuronNames::of(const engine::Scenario& scenario) {
    return of(scenario.spec, qt(scenario.inputNames), qt(scenario.outputNames));
}

QString NeuronNames::neuron(int layer, int index) const {
    const int L = depth();
    if (layer == 0 && index < m_inputs.size() && !m_inputs[index].isEmpty())
        return m_inputs[index];
    if (layer == L && L > 0 && index < m_outputs.size() && !m_outputs[index].isEmpty())
        return m_outputs[index];
    const QString number = QString::number(index + 1);
    if (layer == 0)
        return QStringLiteral("in") + number;
    if (layer == L)
        return QStringLiteral("out") + number;
    return L > 2 ? QStringLiteral("h%1.%2").arg(layer).arg(number) : QStringLiteral("h") + number;
}

QString NeuronNames::synapse(int layer, int post, int pre) const {
    return QStringLiteral("%1 → %2").arg(neuron(layer - 1, pre), neuron(layer, post));
}

QString NeuronNames::layer(int layer) const {
    if (layer == 0)
        return tr("input");
    if (layer == depth())
        return tr("output");
    return depth() > 2 ? tr("hidden layer %1").arg(layer) : tr("hidden");
}

QString NeuronNames::weights(int l) const {
    return tr("W%1 (%2 → %3)").arg(l).arg(layer(l - 1), layer(l));
}

}  // namespace ui
