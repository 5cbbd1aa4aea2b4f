#include "ui/results/experimentwindow.h"

#include <QCloseEvent>
#include <QScreen>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/results/experimenttabs.h"
#include "ui/results/figuretabs.h"
#include "ui/views/screenfit.h"

namespace ui {

namespace {

constexpr QSize PreferredSize(1180, 720);

QScrollArea* scrolling(QWidget* tab) {
    auto* area = new QScrollArea;
    area->setWidget(tab);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

/// The tab inside a page (each page is a scroll area around its tab).
QWidget* pageContent(QWidget* page) {
    auto* area = qobject_cast<QScrollArea*>(page);
    return area ? area->widget() : page;
}

}  // namespace

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
    // On a screen smaller than a tab needs, the window stays on the screen and the tab scrolls
    // (each in its own scroll area, which gives wrapped text the height it needs).
    m_tabs->addTab(scrolling(m_interference), tr("Fig. 1/3a Interference"));
    m_tabs->addTab(scrolling(m_lrSweep), tr("Fig. 3d Learning rates"));
    m_tabs->addTab(scrolling(m_alignment), tr("Fig. 3e Target alignment"));
    m_tabs->addTab(scrolling(m_prospectiveIndex), tr("Prospective index"));
    m_tabs->addTab(scrolling(m_trajectory), tr("1-2-2 Trajectories"));
    m_tabs->addTab(scrolling(m_fear), tr("Fear conditioning"));
    m_tabs->addTab(scrolling(m_reversal), tr("Reversal learning"));
    m_tabs->addTab(scrolling(m_sensorimotor), tr("Sensorimotor transfer"));
    m_tabs->addTab(scrolling(m_erratic), tr("Erratic learning"));
    layout->addWidget(m_tabs);
    const QScreen* screen = parent ? parent->screen() : this->screen();
    resize(screen ? fitSize(PreferredSize, screen->availableGeometry()) : PreferredSize);
}

std::vector<ExperimentTab*> ExperimentWindow::experimentTabs() const {
    std::vector<ExperimentTab*> tabs;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto* tab = qobject_cast<ExperimentTab*>(pageContent(m_tabs->widget(i))))
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
        m_tabs->setCurrentIndex(tabIndex(tab));
    return tab != nullptr;
}

int ExperimentWindow::tabIndex(const ExperimentTab* tab) const {
    for (int i = 0; i < m_tabs->count(); ++i)
        if (pageContent(m_tabs->widget(i)) == tab)
            return i;
    return -1;
}

ExperimentTab* ExperimentWindow::currentExperimentTab() const {
    return qobject_cast<ExperimentTab*>(pageContent(m_tabs->currentWidget()));
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
