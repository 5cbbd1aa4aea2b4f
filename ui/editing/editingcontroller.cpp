#include "ui/editing/editingcontroller.h"

#include <QAction>
#include <QInputDialog>
#include <QKeySequence>
#include <QMenu>
#include <cmath>

#include "ui/editing/scenariodocument.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/networkview.h"
#include "ui/views/neuronnames.h"

namespace ui {

namespace edit = engine::edit;

namespace {

/// What a merge key says about the edited item: drags, wheel turns and nudges of one item
/// merge into one undo step.
QString keyOf(const Selection& s) {
    if (s.synapse)
        return QStringLiteral("w%1,%2,%3")
            .arg(s.synapse->layer)
            .arg(s.synapse->post)
            .arg(s.synapse->pre);
    if (s.neuron)
        return QStringLiteral("n%1,%2").arg(s.neuron->layer).arg(s.neuron->index);
    return {};
}

/// Drags and the wheel move values on a 0.01 grid (typed values are kept as typed).
double onGrid(double v) {
    return std::round(v * 100.0) / 100.0;
}

}  // namespace

EditingController::EditingController(ScenarioDocument* doc, const SimulationController* run,
                                     QWidget* parent)
    : QObject(parent), m_doc(doc), m_run(run), m_parent(parent) {}

void EditingController::attach(NetworkView* view) {
    view->setFocusPolicy(Qt::ClickFocus);
    connect(view, &NetworkView::dragEdit, this, &EditingController::drag);
    connect(view, &NetworkView::wheelEdit, this, &EditingController::wheel);
    connect(view, &NetworkView::valueEditRequested, this, &EditingController::askValue);
    connect(view, &NetworkView::contextRequested, this, &EditingController::showContextMenu);
    // Up/Down nudge the selected value while the view has the focus.
    auto addNudge = [this, view](const QKeySequence& key, double delta) {
        auto* a = new QAction(
            tr("Nudge the selected value by %1")
                .arg(delta > 0 ? QStringLiteral("+%1").arg(delta) : QString::number(delta)),
            view);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetShortcut);
        connect(a, &QAction::triggered, this, [this, view, delta] {
            m_nudgeRule = view->rule();
            nudge(delta);
        });
        view->addAction(a);
    };
    addNudge(QKeySequence(Qt::Key_Up), 0.05);
    addNudge(QKeySequence(Qt::Key_Down), -0.05);
    addNudge(QKeySequence(Qt::SHIFT | Qt::Key_Up), 0.5);
    addNudge(QKeySequence(Qt::SHIFT | Qt::Key_Down), -0.5);
}

std::size_t EditingController::editedTrial() const {
    const FramePtr frame = m_run->current();
    if (!frame)
        return 0;
    const std::int64_t trial = frame->of(engine::Rule::PC).trial;
    return trial < 1 ? 0 : m_doc->scenario().trialIndex(trial - 1);
}

bool EditingController::editsAreLive() const {
    return m_run->pastStart();
}

engine::Rule EditingController::senderRule() const {
    const auto* view = qobject_cast<const NetworkView*>(sender());
    return view ? view->rule() : engine::Rule::PC;
}

QString EditingController::neuronName(int layer, int index) const {
    return NeuronNames::of(m_doc->scenario()).neuron(layer, index);
}

double EditingController::valueOf(const Selection& target, engine::Rule rule) const {
    const engine::Scenario& s = m_doc->scenario();
    const FramePtr frame = m_run->current();
    if (target.synapse && editsAreLive() && frame) {
        if (keyOf(target) == m_liveKey && frame->serial == m_liveSerial)
            return m_liveValue;  // sent to the run, not back in a frame yet
        const auto& w = frame->of(rule).weights;
        const auto l = std::size_t(target.synapse->layer);
        if (l < w.size() && target.synapse->post < w[l].rows() && target.synapse->pre < w[l].cols())
            return w[l](target.synapse->post, target.synapse->pre);
    }
    if (target.synapse) {
        const engine::Network net = s.network();
        return net.weight(target.synapse->layer)(target.synapse->post, target.synapse->pre);
    }
    if (target.neuron) {
        const engine::Trial& t = s.trials[editedTrial()];
        if (target.neuron->layer == 0)
            return t.input(target.neuron->index, 0);
        const double v = t.target(target.neuron->index, 0);
        return std::isfinite(v) ? v : 0.0;
    }
    return 0.0;
}

QString EditingController::nameOf(const NeuronId& n) const {
    return neuronName(n.layer, n.index);
}

bool EditingController::setValue(const Selection& target, double value, const QString& mergeKey) {
    if (editsAreLive())
        return setLiveValue(target, value, mergeKey);
    const engine::Scenario& s = m_doc->scenario();
    const QString v = QString::number(value, 'g', 10);
    if (target.synapse) {
        const SynapseId& w = *target.synapse;
        return m_doc->apply(
            tr("Set weight %1 = %2").arg(NeuronNames::of(s).synapse(w.layer, w.post, w.pre), v),
            edit::setWeight(s, w.layer, w.post, w.pre, value), ChangeKind::Run, mergeKey);
    }
    if (target.neuron && target.neuron->layer == 0) {
        const std::size_t k = editedTrial();
        return m_doc->apply(
            tr("Set input %1 of trial %2 = %3").arg(nameOf(*target.neuron)).arg(k + 1).arg(v),
            edit::setInput(s, k, target.neuron->index, value), ChangeKind::Run, mergeKey);
    }
    if (target.neuron && target.neuron->layer == s.spec.depth()) {
        const std::size_t k = editedTrial();
        return m_doc->apply(
            tr("Set target %1 of trial %2 = %3").arg(nameOf(*target.neuron)).arg(k + 1).arg(v),
            edit::setTarget(s, k, target.neuron->index, value), ChangeKind::Run, mergeKey);
    }
    return false;
}

bool EditingController::setLiveValue(const Selection& target, double value,
                                     const QString& mergeKey) {
    if (!m_run->live()) {
        emit message(tr("A past step is on show: go to the newest step (End) or Resume from here "
                        "to edit the run."),
                     true);
        return false;
    }
    const engine::Scenario& s = m_doc->scenario();
    const QString v = QString::number(value, 'g', 10);
    if (target.synapse) {
        const SynapseId& w = *target.synapse;
        LiveEdit e;
        e.kind = LiveEdit::Kind::Weight;
        e.layer = w.layer;
        e.post = w.post;
        e.pre = w.pre;
        e.value = value;
        e.text =
            QStringLiteral("%1 = %2").arg(NeuronNames::of(s).synapse(w.layer, w.post, w.pre), v);
        // The scenario's starting weights stay; the edit only checks that the weight exists.
        edit::Result checked = edit::setWeight(s, w.layer, w.post, w.pre, value);
        if (checked.scenario)
            checked.scenario = s;
        if (!m_doc->applyLive(tr("Live edit %1").arg(e.text), checked, e, mergeKey))
            return false;
        m_liveKey = keyOf(target);
        m_liveValue = value;
        m_liveSerial = m_run->current() ? m_run->current()->serial : -1;
        return true;
    }
    const std::size_t k = editedTrial();
    const int i = target.neuron ? target.neuron->index : 0;
    if (target.neuron && target.neuron->layer == 0)
        return trialEdit(tr("input %1 = %2").arg(neuronName(0, i), v),
                         edit::setInput(s, k, i, value), k, mergeKey);
    if (target.neuron && target.neuron->layer == s.spec.depth())
        return trialEdit(tr("target %1 = %2").arg(neuronName(target.neuron->layer, i), v),
                         edit::setTarget(s, k, i, value), k, mergeKey);
    return false;
}

bool EditingController::trialEdit(const QString& what, const edit::Result& result, std::size_t k,
                                  const QString& mergeKey) {
    if (!editsAreLive())
        return m_doc->apply(tr("Set %1 of trial %2").arg(what).arg(k + 1), result, ChangeKind::Run,
                            mergeKey);
    if (!m_run->live()) {
        emit message(tr("A past step is on show: go to the newest step (End) or Resume from here "
                        "to edit the run."),
                     true);
        return false;
    }
    LiveEdit e;
    e.kind = LiveEdit::Kind::Trial;
    e.trialIndex = k;
    e.text = what;
    return m_doc->applyLive(tr("Live edit %1 (trial %2 of the list)").arg(what).arg(k + 1), result,
                            e, mergeKey);
}

void EditingController::drag(const Selection& target, double delta, bool finished) {
    if (!m_dragActive) {
        m_dragActive = true;
        m_dragBase = valueOf(target, senderRule());
    }
    setValue(target, onGrid(m_dragBase + delta), QStringLiteral("drag ") + keyOf(target));
    if (finished) {
        m_dragActive = false;
        m_doc->endMerge();
    }
}

void EditingController::wheel(const Selection& target, double delta) {
    setValue(target, onGrid(valueOf(target, senderRule()) + delta),
             QStringLiteral("wheel ") + keyOf(target));
}

void EditingController::nudge(double delta) {
    if (m_selection.empty())
        return;
    setValue(m_selection, onGrid(valueOf(m_selection, m_nudgeRule) + delta),
             QStringLiteral("nudge ") + keyOf(m_selection));
}

QString EditingController::valueLabel(const Selection& target) const {
    if (target.synapse)
        return tr("Weight %1:")
            .arg(NeuronNames::of(m_doc->scenario())
                     .synapse(target.synapse->layer, target.synapse->post, target.synapse->pre));
    if (target.neuron && target.neuron->layer == 0)
        return tr("Input %1 (trial %2):").arg(nameOf(*target.neuron)).arg(editedTrial() + 1);
    if (target.neuron && target.neuron->layer == m_doc->scenario().spec.depth())
        return tr("Target of output %1 (trial %2):")
            .arg(nameOf(*target.neuron))
            .arg(editedTrial() + 1);
    return {};
}

void EditingController::askValue(const Selection& target) {
    const QString label = valueLabel(target);
    if (label.isEmpty())
        return;
    bool ok = false;
    const double v = QInputDialog::getDouble(m_parent, tr("Set value"), label, valueOf(target),
                                             -1e6, 1e6, 4, &ok, Qt::WindowFlags(), 0.05);
    if (ok)
        setValue(target, v);
}

void EditingController::reseed() {
    const std::uint64_t seed = m_doc->scenario().seed + 1;
    m_doc->apply(tr("Re-randomise (seed %1)").arg(seed), edit::setSeed(m_doc->scenario(), seed),
                 ChangeKind::Run);
}

void EditingController::run(const QString& text, const edit::Result& result) {
    m_doc->apply(text, result, ChangeKind::Run);
}

void EditingController::showContextMenu(const Selection& target, const QPoint& globalPos) {
    QMenu menu(m_parent);
    fillContextMenu(menu, target);
    menu.exec(globalPos);
}

void EditingController::fillContextMenu(QMenu& menu, const Selection& target) {
    if (target.synapse) {
        fillSynapseMenu(menu, *target.synapse);
    } else if (target.neuron) {
        fillNeuronMenu(menu, *target.neuron);
    } else {
        const engine::Index L = m_doc->scenario().spec.depth();
        menu.addAction(tr("Add a hidden layer before the output"), this, [this, L] {
            run(tr("Insert layer before layer %1").arg(L), edit::insertLayer(m_doc->scenario(), L));
        });
        if (m_editorAction)
            menu.addAction(m_editorAction);
    }
}

void EditingController::fillSynapseMenu(QMenu& menu, const SynapseId& w) {
    const Selection target{std::nullopt, w};
    menu.addAction(tr("Set weight %1…")
                       .arg(NeuronNames::of(m_doc->scenario()).synapse(w.layer, w.post, w.pre)),
                   this, [this, target] { askValue(target); });
    menu.addAction(tr("Edit all weights of W%1…").arg(w.layer), this,
                   [this, w] { emit weightsRequested(w.layer); });
    QAction* fixed = menu.addAction(tr("W%1 fixed (does not learn)").arg(w.layer));
    fixed->setCheckable(true);
    fixed->setChecked(!m_doc->scenario().spec.weight(w.layer).trainable);
    connect(fixed, &QAction::toggled, this, [this, w](bool on) {
        run(on ? tr("W%1 fixed").arg(w.layer) : tr("W%1 learns").arg(w.layer),
            edit::setTrainable(m_doc->scenario(), w.layer, !on));
    });
}

void EditingController::fillNeuronMenu(QMenu& menu, const NeuronId& n) {
    const engine::Scenario& s = m_doc->scenario();
    const int l = n.layer, i = n.index;
    const engine::Index L = s.spec.depth();
    const Selection target{n, std::nullopt};
    if (l == 0)
        menu.addAction(tr("Set input value…"), this, [this, target] { askValue(target); });
    if (l == L)
        fillOutputItems(menu, n);
    if (!menu.isEmpty())
        menu.addSeparator();
    menu.addAction(tr("Add a neuron to layer %1").arg(l), this, [this, l] {
        run(tr("Add neuron to layer %1").arg(l), edit::addNeuron(m_doc->scenario(), l));
    });
    QAction* remove = menu.addAction(tr("Remove this neuron"), this, [this, l, i] {
        run(tr("Remove neuron %1").arg(nameOf(NeuronId{l, i})),
            edit::removeNeuron(m_doc->scenario(), l, i));
    });
    remove->setEnabled(s.spec.sizes[size_t(l)] > 1);
    fillLayerItems(menu, l);
}

void EditingController::fillOutputItems(QMenu& menu, const NeuronId& n) {
    const int i = n.index;
    const std::size_t k = editedTrial();
    const Selection target{n, std::nullopt};
    menu.addAction(tr("Set target…"), this, [this, target] { askValue(target); });
    QAction* none = menu.addAction(tr("No target (this output gets no error)"));
    none->setCheckable(true);
    const engine::Trial& t = m_doc->scenario().trials[k];
    none->setChecked(t.mask.size() != 0 && t.mask(i, 0) == 0.0);
    connect(none, &QAction::toggled, this, [this, k, i, n](bool on) {
        const QString name = neuronName(n.layer, i);
        trialEdit(on ? tr("no target for output %1").arg(name) : tr("target %1 = 0").arg(name),
                  edit::setTarget(m_doc->scenario(), k, i,
                                  on ? std::nullopt : std::optional<double>(0.0)),
                  k, {});
    });
}

void EditingController::fillLayerItems(QMenu& menu, int l) {
    const engine::Scenario& s = m_doc->scenario();
    const engine::Index L = s.spec.depth();
    if (l > 0 && l < L) {
        QMenu* act = menu.addMenu(tr("Activation of layer %1").arg(l));
        for (engine::Activation a :
             {engine::Activation::Identity, engine::Activation::Tanh, engine::Activation::Sigmoid,
              engine::Activation::Relu, engine::Activation::LeakyRelu}) {
            QAction* choice = act->addAction(QString::fromLatin1(engine::activationName(a)));
            choice->setCheckable(true);
            choice->setChecked(s.spec.activations[size_t(l)] == a);
            connect(choice, &QAction::triggered, this, [this, l, a] {
                run(tr("Layer %1: %2").arg(l).arg(engine::activationName(a)),
                    edit::setActivation(m_doc->scenario(), l, a));
            });
        }
    }
    if (l > 0) {
        QAction* bias = menu.addAction(tr("Bias on layer %1").arg(l));
        bias->setCheckable(true);
        bias->setChecked(s.spec.weight(l).bias);
        connect(bias, &QAction::toggled, this, [this, l](bool on) {
            run(on ? tr("Bias on layer %1").arg(l) : tr("No bias on layer %1").arg(l),
                edit::setHasBias(m_doc->scenario(), l, on));
        });
    }
    menu.addSeparator();
    if (l > 0)
        menu.addAction(tr("Insert a layer before layer %1").arg(l), this, [this, l] {
            run(tr("Insert layer before layer %1").arg(l), edit::insertLayer(m_doc->scenario(), l));
        });
    if (l < L)
        menu.addAction(tr("Insert a layer after layer %1").arg(l), this, [this, l] {
            run(tr("Insert layer after layer %1").arg(l),
                edit::insertLayer(m_doc->scenario(), l + 1));
        });
    if (l > 0 && l < L)
        menu.addAction(tr("Remove layer %1").arg(l), this, [this, l] {
            run(tr("Remove layer %1").arg(l), edit::removeLayer(m_doc->scenario(), l));
        });
}

}  // namespace ui
