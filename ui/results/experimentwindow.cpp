#include "ui/results/experimentwindow.h"

#include <QCloseEvent>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/results/experimenttabs.h"
#include "ui/results/figuretabs.h"

namespace ui {

ExperimentWindow::ExperimentWindow(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("The paper's experiments: results"));
    setModal(false);
    setSizeGripEnabled(true);
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setUsesScrollButtons(true);
    // The small figures first, with the paper's panel label where it has one.
    m_interference = new InterferenceTab(m_tabs);
    m_lrSweep = new LrSweepTab(m_tabs);
    m_alignment = new TargetAlignmentTab(m_tabs);
    m_prospectiveIndex = new ProspectiveIndexTab(m_tabs);
    m_trajectory = new TrajectoryTab(m_tabs);
    m_fear = new FearTab(m_tabs);
    m_reversal = new ReversalTab(m_tabs);
    m_sensorimotor = new SensorimotorTab(m_tabs);
    m_erratic = new ErraticTab(m_tabs);
    const std::pair<ExperimentTab*, const char*> names[] = {
        {m_interference, "interference"},
        {m_lrSweep, "lr-sweep"},
        {m_alignment, "target-alignment"},
        {m_prospectiveIndex, "prospective-index"},
        {m_trajectory, "trajectories-122"},
        {m_fear, "fear-conditioning"},
        {m_reversal, "reversal-learning"},
        {m_sensorimotor, "sensorimotor-transfer"},
        {m_erratic, "erratic"}};
    for (const auto& [tab, name] : names)
        tab->setObjectName(QString::fromLatin1(name));  // the command line's experiment name
    m_tabs->addTab(m_interference, tr("Fig. 1/3a Interference"));
    m_tabs->addTab(m_lrSweep, tr("Fig. 3d Learning rates"));
    m_tabs->addTab(m_alignment, tr("Fig. 3e Target alignment"));
    m_tabs->addTab(m_prospectiveIndex, tr("Prospective index"));
    m_tabs->addTab(m_trajectory, tr("1-2-2 Trajectories"));
    m_tabs->addTab(m_fear, tr("Fear conditioning"));
    m_tabs->addTab(m_reversal, tr("Reversal learning"));
    m_tabs->addTab(m_sensorimotor, tr("Sensorimotor transfer"));
    m_tabs->addTab(m_erratic, tr("Erratic learning"));
    layout->addWidget(m_tabs);
    resize(1180, 720);
}

std::vector<ExperimentTab*> ExperimentWindow::experimentTabs() const {
    std::vector<ExperimentTab*> tabs;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* tab = qobject_cast<ExperimentTab*>(m_tabs->widget(i)))
            tabs.push_back(tab);
    return tabs;
}

ExperimentTab* ExperimentWindow::experimentTab(const QString& name) const {
    for (ExperimentTab* tab : experimentTabs())
        if (tab->objectName() == name)
            return tab;
    return nullptr;
}

bool ExperimentWindow::showExperiment(const QString& name) {
    ExperimentTab* tab = experimentTab(name);
    if (tab)
        m_tabs->setCurrentWidget(tab);
    return tab != nullptr;
}

bool ExperimentWindow::running() const {
    for (ExperimentTab* tab : experimentTabs())
        if (tab->running())
            return true;
    return false;
}

void ExperimentWindow::closeEvent(QCloseEvent* event) {
    // Runs use every core: nobody wants them going on in a window they closed.
    for (ExperimentTab* tab : experimentTabs())
        tab->cancel();
    QDialog::closeEvent(event);
}

}  // namespace ui
