#include "ui/editing/scenarioeditor.h"

#include <QKeyEvent>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/editing/layerspage.h"
#include "ui/editing/rulespage.h"
#include "ui/editing/scenariodocument.h"
#include "ui/editing/trialspage.h"
#include "ui/editing/weightspage.h"

namespace ui {

namespace {

constexpr int WeightsTab = 1;
constexpr int TrialsTab = 2;

QScrollArea* scrolling(QWidget* page) {
    auto* area = new QScrollArea;
    area->setWidget(page);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

}  // namespace

ScenarioEditor::ScenarioEditor(ScenarioDocument* doc, QWidget* parent)
    : QWidget(parent), m_doc(doc) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    m_tabs = new QTabWidget(this);
    outer->addWidget(m_tabs);
    m_layers = new LayersPage(doc);
    m_weights = new WeightsPage(doc);
    m_trials = new TrialsPage(doc);
    m_rules = new RulesPage(doc);
    // Each page scrolls rather than widen the dock (and the window) on a small screen.
    m_tabs->addTab(scrolling(m_layers), tr("Layers"));
    m_tabs->addTab(scrolling(m_weights), tr("Weights"));
    m_tabs->addTab(scrolling(m_trials), tr("Trials"));
    m_tabs->addTab(scrolling(m_rules), tr("Rules"));
    // Queued: an edit may come from a widget of the tables, which a rebuild replaces.
    connect(m_doc, &ScenarioDocument::changed, this, &ScenarioEditor::rebuild,
            Qt::QueuedConnection);
    connect(m_doc, &ScenarioDocument::loaded, this, &ScenarioEditor::rebuild, Qt::QueuedConnection);
    rebuild();
}

QTableWidget* ScenarioEditor::layerTable() const {
    return m_layers->table();
}

QTableWidget* ScenarioEditor::weightTable() const {
    return m_weights->table();
}

QTableWidget* ScenarioEditor::trialTable() const {
    return m_trials->table();
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
    if (layer >= 1 && layer <= m_weights->layerCount()) {
        m_weights->showLayer(layer);
        m_tabs->setCurrentIndex(WeightsTab);
    }
}

void ScenarioEditor::rebuild() {
    const engine::Scenario& s = m_doc->scenario();
    if (s.spec.sizes.size() < 2)
        return;  // nothing loaded yet
    m_layers->rebuild();
    m_weights->rebuild();
    m_trials->rebuild();
    m_rules->rebuild();
    // A closed-loop task makes its own trials.
    m_tabs->setTabEnabled(TrialsTab, !s.task);
    m_tabs->setTabToolTip(
        TrialsTab,
        s.task ? tr("This scenario's trials come from its closed-loop task") : QString());
}

}  // namespace ui
