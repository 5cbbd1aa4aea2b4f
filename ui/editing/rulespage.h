#pragma once

#include <QWidget>

class QDoubleSpinBox;
class QSpinBox;

namespace ui {

class ScenarioDocument;

/// The scenario editor's Rules tab: both rules' hyper-parameters, which the running simulations
/// take at once (ChangeKind::Settings), without a reset.
class RulesPage : public QWidget {
    Q_OBJECT
public:
    explicit RulesPage(ScenarioDocument* doc, QWidget* parent = nullptr);

    /// Shows the document's values.
    void rebuild();

private:
    /// Applies what the user changed in the boxes as one edit.
    void apply();

    ScenarioDocument* m_doc;
    QDoubleSpinBox* m_bpAlpha = nullptr;
    QDoubleSpinBox* m_pcAlpha = nullptr;
    QSpinBox* m_T = nullptr;
    QDoubleSpinBox* m_gamma0 = nullptr;
    QDoubleSpinBox* m_discount = nullptr;
    bool m_updating = false;
};

}  // namespace ui
