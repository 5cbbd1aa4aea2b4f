#pragma once

#include <QWidget>

class QTabWidget;
class QTableWidget;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QPushButton;

namespace ui {

class ScenarioDocument;

/// The scenario as tables: layers (size, activation, bias, learning, own learning rate), the
/// weight matrix of each layer, the trial list, and both rules' hyper-parameters. Every change
/// goes to the document as an undoable edit; the tables follow the document.
class ScenarioEditor : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioEditor(ScenarioDocument* doc, QWidget* parent = nullptr);

    /// Shows the weight matrix of layer l (1..L).
    void showWeights(int layer);
    QTableWidget* layerTable() const { return m_layers; }
    QTableWidget* weightTable() const { return m_weights; }
    QTableWidget* trialTable() const { return m_trials; }
    QTabWidget* tabs() const { return m_tabs; }
    QSize sizeHint() const override { return {340, 400}; }

protected:
    /// Keys typed into the tables and boxes are text, not the window's one-key shortcuts.
    bool event(QEvent* event) override;

private:
    void rebuild();
    void rebuildLayers();
    void rebuildWeights();
    void rebuildTrials();
    void rebuildRules();
    void applyRules();
    int selectedLayer() const;
    int selectedTrial() const;

    ScenarioDocument* m_doc;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_layers = nullptr;
    QComboBox* m_weightLayer = nullptr;
    QTableWidget* m_weights = nullptr;
    QTableWidget* m_trials = nullptr;
    QComboBox* m_order = nullptr;
    QDoubleSpinBox* m_bpAlpha = nullptr;
    QDoubleSpinBox* m_pcAlpha = nullptr;
    QSpinBox* m_T = nullptr;
    QDoubleSpinBox* m_gamma0 = nullptr;
    QDoubleSpinBox* m_discount = nullptr;
    bool m_updating = false;
};

}  // namespace ui
