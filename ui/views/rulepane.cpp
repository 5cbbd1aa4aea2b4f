#include "ui/views/rulepane.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/views/captions.h"
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
    auto* title = new QLabel(pc ? tr("<b>Prospective configuration (PC)</b> &mdash; activity first")
                                : tr("<b>Backpropagation (BP)</b> &mdash; weights first"),
                             this);
    title->setObjectName(pc ? "pcTitle" : "bpTitle");
    title->setMinimumWidth(1);  // may be cut on narrow windows rather than widen them
    auto* swatch = new QLabel(this);
    swatch->setText(
        pc ? QStringLiteral("<span style='color:%1'>━━ ●</span>").arg(palette::ruleColor(1).name())
           : QStringLiteral("<span style='color:%1'>╍╍ ✕</span>")
                 .arg(palette::ruleColor(0).name()));
    swatch->setToolTip(tr("How this rule is drawn in the plots"));
    header->addWidget(title);
    header->addWidget(swatch);
    header->addStretch();
    if (pc) {
        m_machineButton = new QToolButton(this);
        m_machineButton->setText(tr("Energy machine"));
        m_machineButton->setCheckable(true);
        m_machineButton->setToolTip(tr("Show PC as beads on posts, predictions and springs (M)"));
        header->addWidget(m_machineButton);
    }
    column->addLayout(header);
    m_caption = new QLabel(this);
    m_caption->setObjectName(pc ? "pcCaption" : "bpCaption");
    m_caption->setWordWrap(false);
    // Long captions must not force the pane (and the window) wider; they are cut at the edge.
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_caption->setMinimumWidth(1);
    m_caption->setStyleSheet(
        QStringLiteral("color: palette(text); padding: 2px; border-left: 4px solid %1;")
            .arg(palette::ruleColor(pc ? 1 : 0).name()));
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
}

void RulePane::setNetwork(const engine::NetworkSpec& spec, const palette::ColourRanges& ranges,
                          const QStringList& inputNames, const QStringList& outputNames) {
    m_network->setNetwork(spec, ranges.activity, ranges.weight);
    m_network->setNames(inputNames, outputNames);
    if (m_machine)
        m_machine->setNetwork(spec, ranges.activity);
}

void RulePane::setFrame(const FramePtr& frame) {
    m_network->setFrame(frame);
    if (m_machine)
        m_machine->setFrame(frame);
    if (!frame)
        return;
    const engine::Snapshot& s = frame->of(m_rule);
    m_caption->setText(phaseCaption(s));
    // The part being computed, tinted: forward / relax / backward / update each have a colour,
    // so in slow motion the eye can follow the phases without reading.
    const QColor tint = palette::phaseColor(s.phase);
    if (tint != m_tint) {
        m_tint = tint;
        m_caption->setStyleSheet(
            QStringLiteral("color: palette(text); padding: 2px; border-left: 6px solid %1; "
                           "background: %2;")
                .arg(palette::ruleColor(m_rule == engine::Rule::PC ? 1 : 0).name(), tint.name()));
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
