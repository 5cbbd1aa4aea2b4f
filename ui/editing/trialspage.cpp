#include "ui/editing/trialspage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/editing/scenariodocument.h"
#include "ui/editing/tablecells.h"
#include "ui/views/neuronnames.h"

namespace ui {

namespace {

using engine::Index;
namespace edit = engine::edit;

/// The entries of the order box.
engine::TrialOrder orderAt(int index) {
    return index == 1   ? engine::TrialOrder::Random
           : index == 2 ? engine::TrialOrder::Once
                        : engine::TrialOrder::Cycle;
}

int indexOf(engine::TrialOrder order) {
    return order == engine::TrialOrder::Random ? 1 : order == engine::TrialOrder::Once ? 2 : 0;
}

}  // namespace

TrialsPage::TrialsPage(ScenarioDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
    auto* column = new QVBoxLayout(this);
    m_table = new QTableWidget(this);
    m_table->setObjectName("trialTable");
    // Rows as tall as their text and boxes, at any text size.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setToolTip(tr("A blank target means no target: that output gets no error."));
    column->addWidget(m_table);
    addButtons(column);
    m_order = new QComboBox(this);
    m_order->addItems({tr("cycle through the list"), tr("pick at random (seeded)"),
                       tr("play once, in order (a protocol)")});
    auto* orderRow = new QHBoxLayout;
    orderRow->addWidget(new QLabel(tr("Order:"), this));
    orderRow->addWidget(m_order, 1);
    column->addLayout(orderRow);
    connect(m_order, &QComboBox::activated, this, [this](int index) {
        const engine::TrialOrder order = orderAt(index);
        if (order != m_doc->scenario().order)
            m_doc->apply(tr("Trial order: %1").arg(engine::trialOrderName(order)),
                         edit::setOrder(m_doc->scenario(), order), ChangeKind::Run);
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!m_updating)
            onCellEdited(item->row(), item->column(), item->text());
    });
}

void TrialsPage::addButtons(QVBoxLayout* column) {
    auto* row = new QHBoxLayout;
    QPushButton* dup = cells::button(tr("Duplicate"), this);
    QPushButton* del = cells::button(tr("Remove"), this);
    QPushButton* up = cells::button(tr("Up"), this);
    QPushButton* down = cells::button(tr("Down"), this);
    for (QWidget* w : std::initializer_list<QWidget*>{dup, del, up, down})
        row->addWidget(w);
    row->addStretch();
    column->addLayout(row);
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
    connect(up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveSelected(1); });
}

int TrialsPage::selectedTrial() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.front().row();
}

void TrialsPage::moveSelected(int by) {
    const int k = selectedTrial();
    const int to = k + by;
    if (k < 0 || to < 0 || to >= static_cast<int>(m_doc->scenario().trials.size()))
        return;
    if (m_doc->apply(tr("Move trial %1").arg(k + 1),
                     edit::moveTrial(m_doc->scenario(), size_t(k), size_t(to)), ChangeKind::Run))
        m_table->selectRow(to);
}

void TrialsPage::onCellEdited(int row, int column, const QString& text) {
    const engine::Scenario& s = m_doc->scenario();
    const size_t k = size_t(row);
    const Index inputs = s.spec.sizes.front();
    bool blank = false;
    const auto v = cells::parse(text, &blank);
    if (column < inputs) {
        if (!v) {
            emit m_doc->editRefused(tr("'%1' is not a number").arg(text));
            rebuild();
            return;
        }
        m_doc->apply(tr("Set input %1 of trial %2 = %3")
                         .arg(NeuronNames::of(s).neuron(0, column))
                         .arg(k + 1)
                         .arg(cells::number(*v)),
                     edit::setInput(s, k, column, *v), ChangeKind::Run);
        return;
    }
    const Index out = column - inputs;
    if (!v && !blank) {
        emit m_doc->editRefused(
            tr("'%1' is not a number (leave it blank for no target)").arg(text));
        rebuild();
        return;
    }
    const QString name = NeuronNames::of(s).neuron(int(s.spec.depth()), int(out));
    m_doc->apply(
        v ? tr("Set target %1 of trial %2 = %3").arg(name).arg(k + 1).arg(cells::number(*v))
          : tr("No target for output %1 in trial %2").arg(name).arg(k + 1),
        edit::setTarget(s, k, out, v), ChangeKind::Run);
}

void TrialsPage::fillHeader() {
    const engine::Scenario& s = m_doc->scenario();
    const Index n0 = s.spec.sizes.front(), nL = s.spec.sizes.back();
    const NeuronNames names = NeuronNames::of(s);
    QStringList header;
    for (Index i = 0; i < n0; ++i)
        header << names.neuron(0, int(i));
    for (Index i = 0; i < nL; ++i)
        header << tr("target %1").arg(names.neuron(int(s.spec.depth()), int(i)));
    m_table->setHorizontalHeaderLabels(header);
}

void TrialsPage::rebuild() {
    const bool was = m_updating;
    m_updating = true;
    const engine::Scenario& s = m_doc->scenario();
    const int selected = selectedTrial();
    const Index n0 = s.spec.sizes.front(), nL = s.spec.sizes.back();
    m_table->clear();
    m_table->setRowCount(static_cast<int>(s.trials.size()));
    m_table->setColumnCount(static_cast<int>(n0 + nL));
    fillHeader();
    for (size_t k = 0; k < s.trials.size(); ++k) {
        const engine::Trial& t = s.trials[k];
        for (Index i = 0; i < n0; ++i)
            m_table->setItem(int(k), int(i), new QTableWidgetItem(cells::number(t.input(i, 0))));
        for (Index i = 0; i < nL; ++i) {
            const bool none = t.mask.size() != 0 && t.mask(i, 0) == 0.0;
            m_table->setItem(
                int(k), int(n0 + i),
                new QTableWidgetItem(none ? QString() : cells::number(t.target(i, 0))));
        }
    }
    m_table->resizeColumnsToContents();
    if (selected >= 0 && selected < m_table->rowCount())
        m_table->selectRow(selected);
    m_order->setCurrentIndex(indexOf(s.order));
    m_updating = was;
}

}  // namespace ui
