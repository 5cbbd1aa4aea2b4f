#include "ui/editing/scenarioeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

#include "ui/editing/scenariodocument.h"

namespace ui {

namespace {

using engine::Index;
namespace edit = engine::edit;

const engine::Activation Activations[] = {engine::Activation::Identity, engine::Activation::Tanh,
                                          engine::Activation::Sigmoid, engine::Activation::Relu,
                                          engine::Activation::LeakyRelu};

QString number(double v) {
    return QString::number(v, 'g', 10);
}

/// Parses a cell: a finite number, or std::nullopt (with `blank` set when the text is empty).
std::optional<double> parseCell(const QString& text, bool* blank = nullptr) {
    const QString t = text.trimmed();
    if (blank)
        *blank = t.isEmpty();
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

QPushButton* button(const QString& text, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setAutoDefault(false);
    return b;
}

}  // namespace

ScenarioEditor::ScenarioEditor(ScenarioDocument* doc, QWidget* parent)
    : QWidget(parent), m_doc(doc) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    m_tabs = new QTabWidget(this);
    outer->addWidget(m_tabs);

    // Layers.
    auto* layersPage = new QWidget;
    auto* lv = new QVBoxLayout(layersPage);
    m_layers = new QTableWidget(0, 6, layersPage);
    m_layers->setObjectName("layerTable");
    m_layers->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Neurons"), tr("Activation"), tr("Bias"), tr("Learns"), tr("Own rate")});
    m_layers->verticalHeader()->hide();
    m_layers->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layers->setSelectionMode(QAbstractItemView::SingleSelection);
    m_layers->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_layers->setToolTip(
        tr("Bias, Learns and Own rate belong to the weights arriving at the layer. Own rate: "
           "blank = the rule's alpha."));
    lv->addWidget(m_layers);
    auto* lb = new QHBoxLayout;
    QPushButton* insert = button(tr("Insert layer before"), layersPage);
    QPushButton* remove = button(tr("Remove layer"), layersPage);
    insert->setObjectName("insertLayerButton");
    remove->setObjectName("removeLayerButton");
    lb->addWidget(insert);
    lb->addWidget(remove);
    lb->addStretch();
    lv->addLayout(lb);
    connect(insert, &QPushButton::clicked, this, [this] {
        const int l = std::max(1, selectedLayer());
        m_doc->apply(tr("Insert layer before layer %1").arg(l),
                     edit::insertLayer(m_doc->scenario(), l), ChangeKind::Run);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int l = selectedLayer();
        m_doc->apply(tr("Remove layer %1").arg(l), edit::removeLayer(m_doc->scenario(), l),
                     ChangeKind::Run);
    });
    m_tabs->addTab(layersPage, tr("Layers"));

    // Weights.
    auto* weightsPage = new QWidget;
    auto* wv = new QVBoxLayout(weightsPage);
    m_weightLayer = new QComboBox(weightsPage);
    wv->addWidget(m_weightLayer);
    m_weights = new QTableWidget(weightsPage);
    m_weights->setObjectName("weightTable");
    m_weights->setToolTip(tr("Row = receiving neuron (post), column = sending neuron (pre)."));
    wv->addWidget(m_weights);
    connect(m_weightLayer, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            rebuildWeights();
    });
    connect(m_weights, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_updating)
            return;
        const int l = m_weightLayer->currentIndex() + 1;
        const auto v = parseCell(item->text());
        if (!v) {
            emit m_doc->editRefused(tr("'%1' is not a number").arg(item->text()));
            rebuildWeights();
            return;
        }
        m_doc->apply(tr("Set weight W%1[%2,%3] = %4")
                         .arg(l)
                         .arg(item->row())
                         .arg(item->column())
                         .arg(number(*v)),
                     edit::setWeight(m_doc->scenario(), l, item->row(), item->column(), *v),
                     ChangeKind::Run);
    });
    m_tabs->addTab(weightsPage, tr("Weights"));

    // Trials.
    auto* trialsPage = new QWidget;
    auto* tv = new QVBoxLayout(trialsPage);
    m_trials = new QTableWidget(trialsPage);
    m_trials->setObjectName("trialTable");
    m_trials->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_trials->setSelectionMode(QAbstractItemView::SingleSelection);
    m_trials->setToolTip(tr("A blank target means no target: that output gets no error."));
    tv->addWidget(m_trials);
    auto* tb = new QHBoxLayout;
    QPushButton* dup = button(tr("Duplicate"), trialsPage);
    QPushButton* del = button(tr("Remove"), trialsPage);
    QPushButton* up = button(tr("Up"), trialsPage);
    QPushButton* down = button(tr("Down"), trialsPage);
    m_order = new QComboBox(trialsPage);
    m_order->addItems({tr("cycle through the list"), tr("pick at random (seeded)"),
                       tr("play once, in order (a protocol)")});
    for (QWidget* w : std::initializer_list<QWidget*>{dup, del, up, down})
        tb->addWidget(w);
    tb->addStretch();
    tv->addLayout(tb);
    auto* orderRow = new QHBoxLayout;
    orderRow->addWidget(new QLabel(tr("Order:"), trialsPage));
    orderRow->addWidget(m_order, 1);
    tv->addLayout(orderRow);
    connect(dup, &QPushButton::clicked, this, [this] {
        const int k = std::max(0, selectedTrial());
        m_doc->apply(tr("Duplicate trial %1").arg(k + 1),
                     edit::duplicateTrial(m_doc->scenario(), size_t(k)), ChangeKind::Run);
    });
    connect(del, &QPushButton::clicked, this, [this] {
        const int k = selectedTrial();
        if (k >= 0)
            m_doc->apply(tr("Remove trial %1").arg(k + 1),
                         edit::removeTrial(m_doc->scenario(), size_t(k)), ChangeKind::Run);
    });
    auto move = [this](int by) {
        const int k = selectedTrial();
        const int to = k + by;
        if (k < 0 || to < 0 || to >= static_cast<int>(m_doc->scenario().trials.size()))
            return;
        if (m_doc->apply(tr("Move trial %1").arg(k + 1),
                         edit::moveTrial(m_doc->scenario(), size_t(k), size_t(to)),
                         ChangeKind::Run))
            m_trials->selectRow(to);
    };
    connect(up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(down, &QPushButton::clicked, this, [move] { move(1); });
    connect(m_order, &QComboBox::activated, this, [this](int index) {
        const auto order = index == 1   ? engine::TrialOrder::Random
                           : index == 2 ? engine::TrialOrder::Once
                                        : engine::TrialOrder::Cycle;
        if (order != m_doc->scenario().order)
            m_doc->apply(tr("Trial order: %1").arg(engine::trialOrderName(order)),
                         edit::setOrder(m_doc->scenario(), order), ChangeKind::Run);
    });
    connect(m_trials, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (m_updating)
            return;
        const engine::Scenario& s = m_doc->scenario();
        const size_t k = size_t(item->row());
        const Index inputs = s.spec.sizes.front();
        bool blank = false;
        const auto v = parseCell(item->text(), &blank);
        if (item->column() < inputs) {
            if (!v) {
                emit m_doc->editRefused(tr("'%1' is not a number").arg(item->text()));
                rebuildTrials();
                return;
            }
            m_doc->apply(
                tr("Set input %1 of trial %2 = %3").arg(item->column()).arg(k + 1).arg(number(*v)),
                edit::setInput(s, k, item->column(), *v), ChangeKind::Run);
            return;
        }
        const Index out = item->column() - inputs;
        if (!v && !blank) {
            emit m_doc->editRefused(
                tr("'%1' is not a number (leave it blank for no target)").arg(item->text()));
            rebuildTrials();
            return;
        }
        m_doc->apply(v ? tr("Set target %1 of trial %2 = %3").arg(out).arg(k + 1).arg(number(*v))
                       : tr("No target for output %1 in trial %2").arg(out).arg(k + 1),
                     edit::setTarget(s, k, out, v), ChangeKind::Run);
    });
    m_tabs->addTab(trialsPage, tr("Trials"));

    // Rules.
    auto* rulesPage = new QWidget;
    auto* form = new QFormLayout(rulesPage);
    auto spin = [rulesPage](double lo, double hi, int decimals, double step) {
        auto* s = new QDoubleSpinBox(rulesPage);
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
    m_T = new QSpinBox(rulesPage);
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
                            rulesPage);
    note->setWordWrap(true);
    form->addRow(note);
    for (QDoubleSpinBox* s : {m_bpAlpha, m_pcAlpha, m_gamma0, m_discount})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ScenarioEditor::applyRules);
    connect(m_T, &QSpinBox::valueChanged, this, &ScenarioEditor::applyRules);
    m_tabs->addTab(rulesPage, tr("Rules"));

    // Queued: an edit may come from a widget of the tables, which a rebuild replaces.
    connect(m_doc, &ScenarioDocument::changed, this, &ScenarioEditor::rebuild,
            Qt::QueuedConnection);
    connect(m_doc, &ScenarioDocument::loaded, this, &ScenarioEditor::rebuild, Qt::QueuedConnection);
    rebuild();
}

bool ScenarioEditor::event(QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const auto mods = key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
        if (mods == Qt::NoModifier) {
            event->accept();  // delivered as a key press to the focused table or box
            return true;
        }
    }
    return QWidget::event(event);
}

void ScenarioEditor::showWeights(int layer) {
    if (layer >= 1 && layer <= m_weightLayer->count()) {
        m_weightLayer->setCurrentIndex(layer - 1);
        m_tabs->setCurrentIndex(1);
    }
}

int ScenarioEditor::selectedLayer() const {
    const auto rows = m_layers->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

int ScenarioEditor::selectedTrial() const {
    const auto rows = m_trials->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void ScenarioEditor::rebuild() {
    if (m_doc->scenario().spec.sizes.size() < 2)
        return;  // nothing loaded yet
    m_updating = true;
    rebuildLayers();
    rebuildWeights();
    rebuildTrials();
    rebuildRules();
    m_updating = false;
}

void ScenarioEditor::rebuildLayers() {
    const bool was = m_updating;
    m_updating = true;
    const engine::Scenario& s = m_doc->scenario();
    const int selected = selectedLayer();
    const Index L = s.spec.depth();
    m_layers->clearContents();
    m_layers->setRowCount(static_cast<int>(L + 1));
    for (Index l = 0; l <= L; ++l) {
        const int row = static_cast<int>(l);
        const QString name = l == 0 ? tr("%1 input").arg(l)
                                    : (l == L ? tr("%1 output").arg(l) : tr("%1 hidden").arg(l));
        auto* item = new QTableWidgetItem(name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_layers->setItem(row, 0, item);

        auto* size = new QSpinBox;
        size->setRange(1, static_cast<int>(engine::MaxScenarioLayerSize));
        size->setValue(static_cast<int>(s.spec.sizes[size_t(l)]));
        size->setKeyboardTracking(false);
        connect(size, &QSpinBox::valueChanged, this, [this, l](int n) {
            const engine::Scenario& cur = m_doc->scenario();
            const Index have = cur.spec.sizes[size_t(l)];
            if (n == have)
                return;
            engine::edit::Result r{cur, {}};
            for (Index k = have; k < n && r.scenario; ++k)
                r = edit::addNeuron(*r.scenario, l);
            for (Index k = have; k > n && r.scenario; --k)
                r = edit::removeNeuron(*r.scenario, l, k - 1);
            m_doc->apply(tr("Layer %1: %2 neurons").arg(l).arg(n), r, ChangeKind::Run);
        });
        m_layers->setCellWidget(row, 1, size);
        if (l == 0)
            continue;
        if (l < L) {
            auto* act = new QComboBox;
            for (engine::Activation a : Activations)
                act->addItem(QString::fromLatin1(engine::activationName(a)));
            act->setCurrentText(
                QString::fromLatin1(engine::activationName(s.spec.activations[size_t(l)])));
            connect(act, &QComboBox::activated, this, [this, l](int index) {
                const engine::Activation a = Activations[index];
                if (a != m_doc->scenario().spec.activations[size_t(l)])
                    m_doc->apply(tr("Layer %1: %2").arg(l).arg(engine::activationName(a)),
                                 edit::setActivation(m_doc->scenario(), l, a), ChangeKind::Run);
            });
            m_layers->setCellWidget(row, 2, act);
        }
        const engine::WeightLayerSpec& w = s.spec.weight(l);
        auto* bias = new QCheckBox;
        bias->setChecked(w.bias);
        connect(bias, &QCheckBox::toggled, this, [this, l](bool on) {
            m_doc->apply(on ? tr("Bias on layer %1").arg(l) : tr("No bias on layer %1").arg(l),
                         edit::setHasBias(m_doc->scenario(), l, on), ChangeKind::Run);
        });
        m_layers->setCellWidget(row, 3, bias);
        auto* learns = new QCheckBox;
        learns->setChecked(w.trainable);
        connect(learns, &QCheckBox::toggled, this, [this, l](bool on) {
            m_doc->apply(on ? tr("W%1 learns").arg(l) : tr("W%1 fixed").arg(l),
                         edit::setTrainable(m_doc->scenario(), l, on), ChangeKind::Run);
        });
        m_layers->setCellWidget(row, 4, learns);
        auto* rate = new QLineEdit(w.learningRate ? number(*w.learningRate) : QString());
        rate->setPlaceholderText(tr("α"));
        connect(rate, &QLineEdit::editingFinished, this, [this, l, rate] {
            bool blank = false;
            const auto v = parseCell(rate->text(), &blank);
            const auto current = m_doc->scenario().spec.weight(l).learningRate;
            if (!v && !blank) {
                emit m_doc->editRefused(tr("'%1' is not a learning rate").arg(rate->text()));
                rate->setText(current ? number(*current) : QString());
                return;
            }
            if (v == current)
                return;
            m_doc->apply(v ? tr("Learning rate of W%1 = %2").arg(l).arg(number(*v))
                           : tr("W%1 learns at the rule's α").arg(l),
                         edit::setLearningRate(m_doc->scenario(), l, v), ChangeKind::Settings);
        });
        m_layers->setCellWidget(row, 5, rate);
    }
    if (selected >= 0 && selected <= L)
        m_layers->selectRow(selected);
    m_updating = was;
}

void ScenarioEditor::rebuildWeights() {
    const bool was = m_updating;
    m_updating = true;
    const engine::Scenario& s = m_doc->scenario();
    const Index L = s.spec.depth();
    const int current = std::clamp(m_weightLayer->currentIndex(), 0, static_cast<int>(L - 1));
    m_weightLayer->clear();
    for (Index l = 1; l <= L; ++l)
        m_weightLayer->addItem(tr("W%1: layer %2 → layer %1").arg(l).arg(l - 1));
    m_weightLayer->setCurrentIndex(current);
    const Index l = current + 1;
    const engine::Network net = s.network();
    const engine::Matrix& w = net.weight(l);
    const engine::Matrix& mask = s.spec.weight(l).mask;
    m_weights->clear();
    m_weights->setRowCount(static_cast<int>(w.rows()));
    m_weights->setColumnCount(static_cast<int>(w.cols()));
    for (Index i = 0; i < w.rows(); ++i)
        for (Index j = 0; j < w.cols(); ++j) {
            const bool absent = mask.size() != 0 && mask(i, j) == 0.0;
            auto* item = new QTableWidgetItem(absent ? QStringLiteral("—") : number(w(i, j)));
            if (absent)
                item->setFlags(Qt::NoItemFlags);
            m_weights->setItem(static_cast<int>(i), static_cast<int>(j), item);
        }
    m_weights->resizeColumnsToContents();
    m_updating = was;
}

void ScenarioEditor::rebuildTrials() {
    const bool was = m_updating;
    m_updating = true;
    const engine::Scenario& s = m_doc->scenario();
    const int selected = selectedTrial();
    const Index n0 = s.spec.sizes.front(), nL = s.spec.sizes.back();
    m_trials->clear();
    m_trials->setRowCount(static_cast<int>(s.trials.size()));
    m_trials->setColumnCount(static_cast<int>(n0 + nL));
    QStringList header;
    for (Index i = 0; i < n0; ++i)
        header << (i < Index(s.inputNames.size()) ? QString::fromStdString(s.inputNames[size_t(i)])
                                                  : tr("in %1").arg(i));
    for (Index i = 0; i < nL; ++i)
        header << (i < Index(s.outputNames.size())
                       ? tr("target %1").arg(QString::fromStdString(s.outputNames[size_t(i)]))
                       : tr("target %1").arg(i));
    m_trials->setHorizontalHeaderLabels(header);
    for (size_t k = 0; k < s.trials.size(); ++k) {
        const engine::Trial& t = s.trials[k];
        for (Index i = 0; i < n0; ++i)
            m_trials->setItem(int(k), int(i), new QTableWidgetItem(number(t.input(i, 0))));
        for (Index i = 0; i < nL; ++i) {
            const bool none = t.mask.size() != 0 && t.mask(i, 0) == 0.0;
            m_trials->setItem(int(k), int(n0 + i),
                              new QTableWidgetItem(none ? QString() : number(t.target(i, 0))));
        }
    }
    m_trials->resizeColumnsToContents();
    if (selected >= 0 && selected < m_trials->rowCount())
        m_trials->selectRow(selected);
    m_order->setCurrentIndex(s.order == engine::TrialOrder::Random ? 1
                             : s.order == engine::TrialOrder::Once ? 2
                                                                   : 0);
    // A closed-loop task makes its own trials; "once" lists are protocols (order fixed).
    m_tabs->setTabEnabled(2, !s.task);
    m_tabs->setTabToolTip(
        2, s.task ? tr("This scenario's trials come from its closed-loop task") : QString());

    m_updating = was;
}

void ScenarioEditor::rebuildRules() {
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

void ScenarioEditor::applyRules() {
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
        what = tr("BP α = %1").arg(number(bp.alpha));
    else if (pc.alpha != s.pc.alpha)
        what = tr("PC α = %1").arg(number(pc.alpha));
    else if (pc.iterations != s.pc.iterations)
        what = tr("PC T = %1").arg(pc.iterations);
    else if (pc.gamma0 != s.pc.gamma0)
        what = tr("PC γ₀ = %1").arg(number(pc.gamma0));
    else if (pc.discount != s.pc.discount)
        what = tr("PC discount = %1").arg(number(pc.discount));
    else
        return;
    m_doc->apply(what, edit::setConfigs(s, bp, pc), ChangeKind::Settings);
}

}  // namespace ui
