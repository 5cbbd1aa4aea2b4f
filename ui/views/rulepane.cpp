#include "ui/views/rulepane.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/views/captions.h"
#include "ui/views/elidedlabel.h"
#include "ui/views/energymachineview.h"
#include "ui/views/networkview.h"
#include "ui/views/palette.h"

namespace ui {

RulePane::RulePane(engine::Rule rule, QWidget* parent) : QFrame(parent), m_rule(rule) {
    setFrameShape(QFrame::StyledPanel);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(6, 4, 6, 4);
    column->setSpacing(2);
    auto* header = new QHBoxLayout;
    const bool pc = rule == engine::Rule::PC;
    // The full title where there is room, shorter forms where there is not.
    m_title = new ElidedLabel(this);
    m_title->setObjectName(pc ? "pcTitle" : "bpTitle");
    m_title->setTexts(
        pc ? QStringList{tr("Prospective configuration (PC) — activity first"),
                         tr("Prospective configuration (PC)"), tr("PC — activity first"), tr("PC")}
           : QStringList{tr("Backpropagation (BP) — weights first"), tr("Backpropagation (BP)"),
                         tr("BP — weights first"), tr("BP")});
    m_swatch = new QLabel(this);
    m_swatch->setToolTip(tr("How this rule is drawn in the plots"));
    header->addWidget(m_title, 1);
    header->addWidget(m_swatch);
    if (pc) {
        m_machineButton = new QToolButton(this);
        m_machineButton->setText(tr("Energy machine"));
        m_machineButton->setCheckable(true);
        m_machineButton->setToolTip(tr("Show PC as beads on posts, predictions and springs (M)"));
        header->addWidget(m_machineButton);
    }
    column->addLayout(header);
    // Long captions must not force the pane (and the window) wider: shortened with "…", the
    // full text in the tooltip.
    m_caption = new ElidedLabel(this);
    m_caption->setObjectName(pc ? "pcCaption" : "bpCaption");
    column->addWidget(m_caption);
    m_stack = new QStackedWidget(this);
    m_network = new NetworkView(rule, this);
    m_stack->addWidget(m_network);
    if (pc) {
        m_machine = new EnergyMachineView(this);
        m_stack->addWidget(m_machine);
        connect(m_machineButton, &QToolButton::toggled, this, &RulePane::setMachineShown);
    }
    column->addWidget(m_stack, 1);
    setLook(m_look);
}

void RulePane::setLook(const Look& look) {
    m_look = look;
    QFont bold = look.font(Look::Text::Body);
    bold.setBold(true);
    m_title->setFont(bold);
    // Explicit, because a widget with a style sheet stops following its parent's font.
    m_caption->setFont(look.font(Look::Text::Body));
    const bool pc = m_rule == engine::Rule::PC;
    m_swatch->setText(
        pc ? QStringLiteral("<span style='color:%1'>━━ ●</span>").arg(look.ruleColor(1).name())
           : QStringLiteral("<span style='color:%1'>╍╍ ✕</span>").arg(look.ruleColor(0).name()));
    styleCaption();
    m_network->setLook(look);
    if (m_machine)
        m_machine->setLook(look);
}

void RulePane::styleCaption() {
    // The part being computed, tinted: forward / relax / backward / update each have a colour,
    // so in slow motion the eye can follow the phases without reading.
    m_caption->setStyleSheet(
        QStringLiteral("color: palette(text); padding: %1px; border-left: %2px solid %3; "
                       "background: %4;")
            .arg(m_look.px(2))
            .arg(m_look.px(6))
            .arg(m_look.ruleColor(m_rule == engine::Rule::PC ? 1 : 0).name(),
                 m_tint.isValid() ? m_tint.name() : QStringLiteral("transparent")));
}

void RulePane::setNetwork(const engine::NetworkSpec& spec, const palette::ColourRanges& ranges,
                          const QStringList& inputNames, const QStringList& outputNames) {
    m_network->setNetwork(spec, ranges.activity, ranges.weight);
    m_network->setNames(inputNames, outputNames);
    if (m_machine) {
        m_machine->setNetwork(spec, ranges.activity, ranges.weight);
        m_machine->setNames(inputNames, outputNames);
    }
}

void RulePane::setFrame(const FramePtr& frame) {
    m_network->setFrame(frame);
    if (m_machine)
        m_machine->setFrame(frame);
    if (!frame)
        return;
    const engine::Snapshot& s = frame->of(m_rule);
    m_caption->setFullText(phaseCaption(s));
    const QColor tint = palette::phaseColor(s.phase);
    if (tint != m_tint) {
        m_tint = tint;
        styleCaption();
    }
}

void RulePane::setMachineShown(bool shown) {
    if (!m_machine)
        return;
    m_stack->setCurrentIndex(shown ? 1 : 0);
    if (m_machineButton->isChecked() != shown)
        m_machineButton->setChecked(shown);
}

bool RulePane::machineShown() const {
    return m_machine && m_stack->currentIndex() == 1;
}

}  // namespace ui
