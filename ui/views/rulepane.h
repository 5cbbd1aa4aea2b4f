#pragma once

#include <QColor>
#include <QFrame>

#include <QStringList>

#include "ui/simulation/frame.h"
#include "ui/views/elidedlabel.h"
#include "ui/views/look.h"
#include "ui/views/palette.h"

class QLabel;
class QStackedWidget;
class QToolButton;

namespace ui {

class NetworkView;
class EnergyMachineView;

/// One side of the lab: the title of the rule, a one-line caption of what it is computing, and
/// its network view (PC: switchable with the energy machine).
class RulePane : public QFrame {
    Q_OBJECT
public:
    RulePane(engine::Rule rule, QWidget* parent = nullptr);

    NetworkView* networkView() const { return m_network; }
    EnergyMachineView* machineView() const { return m_machine; }
    /// A new run: the network's shape, the fixed colour ranges and the neurons' plain names,
    /// for the network view and the energy machine.
    void setNetwork(const engine::NetworkSpec& spec, const palette::ColourRanges& ranges,
                    const QStringList& inputNames, const QStringList& outputNames);
    void setFrame(const FramePtr& frame);
    /// PC only: show the energy machine instead of the network view.
    void setMachineShown(bool shown);
    bool machineShown() const;
    engine::Rule rule() const { return m_rule; }
    /// What the rule just computed (shortened with "…" when the pane is narrow).
    ElidedLabel* caption() const { return m_caption; }
    ElidedLabel* title() const { return m_title; }
    /// Text sizes, strokes and colours, for the pane and its views.
    void setLook(const Look& look);

private:
    void styleCaption();

    engine::Rule m_rule;
    Look m_look;
    ElidedLabel* m_title = nullptr;
    QLabel* m_swatch = nullptr;
    ElidedLabel* m_caption = nullptr;
    QStackedWidget* m_stack = nullptr;
    NetworkView* m_network = nullptr;
    EnergyMachineView* m_machine = nullptr;
    QToolButton* m_machineButton = nullptr;
    QColor m_tint;
};

}  // namespace ui
