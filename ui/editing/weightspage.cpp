#include "ui/editing/weightspage.h"

#include <QComboBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/editing/scenariodocument.h"
#include "ui/editing/tablecells.h"
#include "ui/views/neuronnames.h"

namespace ui {

WeightsPage::WeightsPage(ScenarioDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
    auto* column = new QVBoxLayout(this);
    m_layer = new QComboBox(this);
    column->addWidget(m_layer);
    m_table = new QTableWidget(this);
    m_table->setObjectName("weightTable");
    // Rows as tall as their text and boxes, at any text size.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setToolTip(tr("Row = receiving neuron (post), column = sending neuron (pre)."));
    // Rows and columns carry the neurons' names, as everywhere in the window.
    column->addWidget(m_table);
    connect(m_layer, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_updating)
            rebuild();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!m_updating)
            onCellEdited(item->row(), item->column(), item->text());
    });
}

int WeightsPage::layerCount() const {
    return m_layer->count();
}

void WeightsPage::showLayer(int layer) {
    if (layer >= 1 && layer <= m_layer->count())
        m_layer->setCurrentIndex(layer - 1);
}

void WeightsPage::onCellEdited(int row, int column, const QString& text) {
    const int l = m_layer->currentIndex() + 1;
    const auto v = cells::parse(text);
    if (!v) {
        emit m_doc->editRefused(tr("'%1' is not a number").arg(text));
        rebuild();
        return;
    }
    const NeuronNames names = NeuronNames::of(m_doc->scenario());
    m_doc->apply(tr("Set weight %1 = %2").arg(names.synapse(l, row, column), cells::number(*v)),
                 engine::edit::setWeight(m_doc->scenario(), l, row, column, *v), ChangeKind::Run);
}

void WeightsPage::rebuild() {
    const bool was = m_updating;
    m_updating = true;
    const engine::Scenario& s = m_doc->scenario();
    const engine::Index L = s.spec.depth();
    const int current = std::clamp(m_layer->currentIndex(), 0, static_cast<int>(L - 1));
    m_layer->clear();
    const NeuronNames names = NeuronNames::of(s);
    for (engine::Index l = 1; l <= L; ++l)
        m_layer->addItem(names.weights(int(l)));
    m_layer->setCurrentIndex(current);
    const engine::Index l = current + 1;
    const engine::Network net = s.network();
    const engine::Matrix& w = net.weight(l);
    const engine::Matrix& mask = s.spec.weight(l).mask;
    m_table->clear();
    m_table->setRowCount(static_cast<int>(w.rows()));
    m_table->setColumnCount(static_cast<int>(w.cols()));
    QStringList rows, columns;
    for (engine::Index i = 0; i < w.rows(); ++i)
        rows << names.neuron(int(l), int(i));
    for (engine::Index j = 0; j < w.cols(); ++j)
        columns << names.neuron(int(l - 1), int(j));
    m_table->setVerticalHeaderLabels(rows);
    m_table->setHorizontalHeaderLabels(columns);
    for (engine::Index i = 0; i < w.rows(); ++i)
        for (engine::Index j = 0; j < w.cols(); ++j) {
            const bool absent = mask.size() != 0 && mask(i, j) == 0.0;
            auto* item =
                new QTableWidgetItem(absent ? QStringLiteral("—") : cells::number(w(i, j)));
            if (absent)
                item->setFlags(Qt::NoItemFlags);
            item->setToolTip(names.synapse(int(l), int(i), int(j)));
            m_table->setItem(static_cast<int>(i), static_cast<int>(j), item);
        }
    m_table->resizeColumnsToContents();
    m_updating = was;
}

}  // namespace ui
