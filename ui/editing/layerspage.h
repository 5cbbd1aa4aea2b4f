#pragma once

#include <QWidget>

#include "engine/core/types.h"

class QTableWidget;

namespace ui {

class ScenarioDocument;

/// The scenario editor's Layers tab: one row per layer with its size, activation, and the bias,
/// learning and own learning rate of the weights arriving at it; insert and remove buttons.
class LayersPage : public QWidget {
    Q_OBJECT
public:
    explicit LayersPage(ScenarioDocument* doc, QWidget* parent = nullptr);

    /// Refills the table from the document.
    void rebuild();
    QTableWidget* table() const { return m_table; }
    /// The selected row (layer), or -1.
    int selectedLayer() const;

private:
    void addRow(engine::Index l);
    QWidget* sizeBox(engine::Index l);
    QWidget* activationBox(engine::Index l);
    QWidget* biasBox(engine::Index l);
    QWidget* learnsBox(engine::Index l);
    QWidget* rateEdit(engine::Index l);

    ScenarioDocument* m_doc;
    QTableWidget* m_table = nullptr;
};

}  // namespace ui
