#pragma once

#include <QWidget>

class QTabWidget;
class QTableWidget;

namespace ui {

class ScenarioDocument;
class LayersPage;
class WeightsPage;
class TrialsPage;
class RulesPage;

/// The scenario as tables, one tab each: layers (size, activation, bias, learning, own learning
/// rate), the weight matrix of each layer, the trial list, and both rules' hyper-parameters.
/// Every change goes to the document as an undoable edit; the tables follow the document.
class ScenarioEditor : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioEditor(ScenarioDocument* doc, QWidget* parent = nullptr);

    /// Shows the weight matrix of layer l (1..L).
    void showWeights(int layer);
    QTableWidget* layerTable() const;
    QTableWidget* weightTable() const;
    QTableWidget* trialTable() const;
    QTabWidget* tabs() const { return m_tabs; }
    QSize sizeHint() const override { return {340, 400}; }

protected:
    /// Keys typed into the tables and boxes are text, not the window's one-key shortcuts.
    bool event(QEvent* event) override;

private:
    void rebuild();

    ScenarioDocument* m_doc;
    QTabWidget* m_tabs = nullptr;
    LayersPage* m_layers = nullptr;
    WeightsPage* m_weights = nullptr;
    TrialsPage* m_trials = nullptr;
    RulesPage* m_rules = nullptr;
};

}  // namespace ui
