#include "ui/editing/layerspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/editing/scenariodocument.h"
#include "ui/editing/tablecells.h"

namespace ui {

namespace {

using engine::Index;
namespace edit = engine::edit;

const engine::Activation Activations[] = {engine::Activation::Identity, engine::Activation::Tanh,
                                          engine::Activation::Sigmoid, engine::Activation::Relu,
                                          engine::Activation::LeakyRelu};

}  // namespace

LayersPage::LayersPage(ScenarioDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
    auto* column = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 6, this);
    m_table->setObjectName("layerTable");
    m_table->setHorizontalHeaderLabels(
        {tr("Layer"), tr("Neurons"), tr("Activation"), tr("Bias"), tr("Learns"), tr("Own rate")});
    m_table->verticalHeader()->hide();
    // Rows as tall as their text and boxes, at any text size.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(
        tr("Bias, Learns and Own rate belong to the weights arriving at the layer. Own rate: "
           "blank = the rule's alpha."));
    column->addWidget(m_table);
    auto* buttons = new QHBoxLayout;
    QPushButton* insert = cells::button(tr("Insert layer before"), this);
    QPushButton* remove = cells::button(tr("Remove layer"), this);
    insert->setObjectName("insertLayerButton");
    remove->setObjectName("removeLayerButton");
    buttons->addWidget(insert);
    buttons->addWidget(remove);
    buttons->addStretch();
    column->addLayout(buttons);
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
}

int LayersPage::selectedLayer() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void LayersPage::rebuild() {
    const int selected = selectedLayer();
    const Index L = m_doc->scenario().spec.depth();
    m_table->clearContents();
    m_table->setRowCount(static_cast<int>(L + 1));
    for (Index l = 0; l <= L; ++l)
        addRow(l);
    if (selected >= 0 && selected <= L)
        m_table->selectRow(selected);
}

void LayersPage::addRow(Index l) {
    const Index L = m_doc->scenario().spec.depth();
    const int row = static_cast<int>(l);
    const QString name =
        l == 0 ? tr("%1 input").arg(l) : (l == L ? tr("%1 output").arg(l) : tr("%1 hidden").arg(l));
    auto* item = new QTableWidgetItem(name);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    m_table->setItem(row, 0, item);
    m_table->setCellWidget(row, 1, sizeBox(l));
    if (l == 0)
        return;
    if (l < L)
        m_table->setCellWidget(row, 2, activationBox(l));
    m_table->setCellWidget(row, 3, biasBox(l));
    m_table->setCellWidget(row, 4, learnsBox(l));
    m_table->setCellWidget(row, 5, rateEdit(l));
}

QWidget* LayersPage::sizeBox(Index l) {
    auto* size = new QSpinBox;
    size->setRange(1, static_cast<int>(engine::MaxScenarioLayerSize));
    size->setValue(static_cast<int>(m_doc->scenario().spec.sizes[size_t(l)]));
    size->setKeyboardTracking(false);
    connect(size, &QSpinBox::valueChanged, this, [this, l](int n) {
        const engine::Scenario& cur = m_doc->scenario();
        const Index have = cur.spec.sizes[size_t(l)];
        if (n == have)
            return;
        edit::Result r{cur, {}};
        for (Index k = have; k < n && r.scenario; ++k)
            r = edit::addNeuron(*r.scenario, l);
        for (Index k = have; k > n && r.scenario; --k)
            r = edit::removeNeuron(*r.scenario, l, k - 1);
        m_doc->apply(tr("Layer %1: %2 neurons").arg(l).arg(n), r, ChangeKind::Run);
    });
    return size;
}

QWidget* LayersPage::activationBox(Index l) {
    auto* act = new QComboBox;
    for (engine::Activation a : Activations)
        act->addItem(QString::fromLatin1(engine::activationName(a)));
    act->setCurrentText(
        QString::fromLatin1(engine::activationName(m_doc->scenario().spec.activations[size_t(l)])));
    connect(act, &QComboBox::activated, this, [this, l](int index) {
        const engine::Activation a = Activations[index];
        if (a != m_doc->scenario().spec.activations[size_t(l)])
            m_doc->apply(tr("Layer %1: %2").arg(l).arg(engine::activationName(a)),
                         edit::setActivation(m_doc->scenario(), l, a), ChangeKind::Run);
    });
    return act;
}

QWidget* LayersPage::biasBox(Index l) {
    auto* bias = new QCheckBox;
    bias->setChecked(m_doc->scenario().spec.weight(l).bias);
    connect(bias, &QCheckBox::toggled, this, [this, l](bool on) {
        m_doc->apply(on ? tr("Bias on layer %1").arg(l) : tr("No bias on layer %1").arg(l),
                     edit::setHasBias(m_doc->scenario(), l, on), ChangeKind::Run);
    });
    return bias;
}

QWidget* LayersPage::learnsBox(Index l) {
    auto* learns = new QCheckBox;
    learns->setChecked(m_doc->scenario().spec.weight(l).trainable);
    connect(learns, &QCheckBox::toggled, this, [this, l](bool on) {
        m_doc->apply(on ? tr("W%1 learns").arg(l) : tr("W%1 fixed").arg(l),
                     edit::setTrainable(m_doc->scenario(), l, on), ChangeKind::Run);
    });
    return learns;
}

QWidget* LayersPage::rateEdit(Index l) {
    const auto own = m_doc->scenario().spec.weight(l).learningRate;
    auto* rate = new QLineEdit(own ? cells::number(*own) : QString());
    rate->setPlaceholderText(tr("α"));
    connect(rate, &QLineEdit::editingFinished, this, [this, l, rate] {
        bool blank = false;
        const auto v = cells::parse(rate->text(), &blank);
        const auto current = m_doc->scenario().spec.weight(l).learningRate;
        if (!v && !blank) {
            emit m_doc->editRefused(tr("'%1' is not a learning rate").arg(rate->text()));
            rate->setText(current ? cells::number(*current) : QString());
            return;
        }
        if (v == current)
            return;
        m_doc->apply(v ? tr("Learning rate of W%1 = %2").arg(l).arg(cells::number(*v))
                       : tr("W%1 learns at the rule's α").arg(l),
                     edit::setLearningRate(m_doc->scenario(), l, v), ChangeKind::Settings);
    });
    return rate;
}

}  // namespace ui
