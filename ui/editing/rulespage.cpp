#include "ui/editing/rulespage.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include "ui/editing/scenariodocument.h"
#include "ui/editing/tablecells.h"

namespace ui {

RulesPage::RulesPage(ScenarioDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
    auto* form = new QFormLayout(this);
    auto spin = [this](double lo, double hi, int decimals, double step) {
        auto* s = new QDoubleSpinBox(this);
        s->setRange(lo, hi);
        s->setDecimals(decimals);
        s->setSingleStep(step);
        s->setKeyboardTracking(false);
        return s;
    };
    m_bpAlpha = spin(0.0, 100.0, 5, 0.01);
    m_pcAlpha = spin(0.0, 100.0, 5, 0.01);
    m_gamma0 = spin(0.00001, 10.0, 5, 0.01);
    m_discount = spin(0.01, 1.0, 3, 0.05);
    m_T = new QSpinBox(this);
    m_T->setRange(1, 100000);
    m_T->setKeyboardTracking(false);
    m_bpAlpha->setObjectName("bpAlpha");
    m_pcAlpha->setObjectName("pcAlpha");
    m_T->setObjectName("pcT");
    form->addRow(tr("BP learning rate α"), m_bpAlpha);
    form->addRow(tr("PC learning rate α"), m_pcAlpha);
    form->addRow(tr("PC inference iterations T"), m_T);
    form->addRow(tr("PC step size γ₀"), m_gamma0);
    form->addRow(tr("PC step discount"), m_discount);
    auto* note = new QLabel(tr("These apply to the running simulations at once, without a "
                               "reset. Every other edit restarts the run from the edited "
                               "scenario."),
                            this);
    note->setWordWrap(true);
    form->addRow(note);
    for (QDoubleSpinBox* s : {m_bpAlpha, m_pcAlpha, m_gamma0, m_discount})
        connect(s, &QDoubleSpinBox::valueChanged, this, &RulesPage::apply);
    connect(m_T, &QSpinBox::valueChanged, this, &RulesPage::apply);
}

void RulesPage::rebuild() {
    const bool was = m_updating;
    m_updating = true;
    const engine::Scenario& s = m_doc->scenario();
    m_bpAlpha->setValue(s.bp.alpha);
    m_pcAlpha->setValue(s.pc.alpha);
    m_T->setValue(s.pc.iterations);
    m_gamma0->setValue(s.pc.gamma0);
    m_discount->setValue(s.pc.discount);
    m_updating = was;
}

void RulesPage::apply() {
    if (m_updating)
        return;
    const engine::Scenario& s = m_doc->scenario();
    // A box shows its value rounded to its decimals: only a box the user moved off that rounded
    // value replaces the scenario's (so PC's alpha 1.3969543147208123 survives a change of T).
    auto pick = [](QDoubleSpinBox* box, double current) {
        const double shown = QString::number(current, 'f', box->decimals()).toDouble();
        return box->value() == shown ? current : box->value();
    };
    engine::BpConfig bp = s.bp;
    engine::PcConfig pc = s.pc;
    bp.alpha = pick(m_bpAlpha, s.bp.alpha);
    pc.alpha = pick(m_pcAlpha, s.pc.alpha);
    pc.iterations = m_T->value();
    pc.gamma0 = pick(m_gamma0, s.pc.gamma0);
    pc.discount = pick(m_discount, s.pc.discount);
    QString what;
    if (bp.alpha != s.bp.alpha)
        what = tr("BP α = %1").arg(cells::number(bp.alpha));
    else if (pc.alpha != s.pc.alpha)
        what = tr("PC α = %1").arg(cells::number(pc.alpha));
    else if (pc.iterations != s.pc.iterations)
        what = tr("PC T = %1").arg(pc.iterations);
    else if (pc.gamma0 != s.pc.gamma0)
        what = tr("PC γ₀ = %1").arg(cells::number(pc.gamma0));
    else if (pc.discount != s.pc.discount)
        what = tr("PC discount = %1").arg(cells::number(pc.discount));
    else
        return;
    m_doc->apply(what, engine::edit::setConfigs(s, bp, pc), ChangeKind::Settings);
}

}  // namespace ui
