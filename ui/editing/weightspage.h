#pragma once

#include <QWidget>

class QComboBox;
class QTableWidget;

namespace ui {

class ScenarioDocument;

/// The scenario editor's Weights tab: the weight matrix of one layer (row = receiving neuron,
/// column = sending neuron); absent synapses of a mask show a dash and cannot be edited.
class WeightsPage : public QWidget {
    Q_OBJECT
public:
    explicit WeightsPage(ScenarioDocument* doc, QWidget* parent = nullptr);

    /// Refills the layer list and the table from the document.
    void rebuild();
    /// Shows the weights arriving at layer `layer` (1..L).
    void showLayer(int layer);
    int layerCount() const;
    QTableWidget* table() const { return m_table; }

private:
    void onCellEdited(int row, int column, const QString& text);

    ScenarioDocument* m_doc;
    QComboBox* m_layer = nullptr;
    QTableWidget* m_table = nullptr;
    bool m_updating = false;
};

}  // namespace ui
