#pragma once

#include <QWidget>

class QComboBox;
class QTableWidget;
class QVBoxLayout;

namespace ui {

class ScenarioDocument;

/// The scenario editor's Trials tab: one row per trial with its inputs and targets (a blank
/// target: that output gets no error), buttons to duplicate, remove and move trials, and the
/// order they are given in.
class TrialsPage : public QWidget {
    Q_OBJECT
public:
    explicit TrialsPage(ScenarioDocument* doc, QWidget* parent = nullptr);

    /// Refills the table and the order from the document.
    void rebuild();
    QTableWidget* table() const { return m_table; }
    /// The selected row (trial), or -1.
    int selectedTrial() const;

private:
    void addButtons(QVBoxLayout* column);
    void moveSelected(int by);
    void onCellEdited(int row, int column, const QString& text);
    void fillHeader();

    ScenarioDocument* m_doc;
    QTableWidget* m_table = nullptr;
    QComboBox* m_order = nullptr;
    bool m_updating = false;
};

}  // namespace ui
