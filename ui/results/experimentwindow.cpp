#include "ui/results/experimentwindow.h"

#include <QCloseEvent>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/results/experimenttabs.h"

namespace ui {

ExperimentWindow::ExperimentWindow(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Learning experiments: results"));
    setModal(false);
    setSizeGripEnabled(true);
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    m_fear = new FearTab(m_tabs);
    m_reversal = new ReversalTab(m_tabs);
    m_sensorimotor = new SensorimotorTab(m_tabs);
    m_erratic = new ErraticTab(m_tabs);
    m_tabs->addTab(m_fear, tr("Fear conditioning"));
    m_tabs->addTab(m_reversal, tr("Reversal learning"));
    m_tabs->addTab(m_sensorimotor, tr("Sensorimotor transfer"));
    m_tabs->addTab(m_erratic, tr("Erratic learning"));
    layout->addWidget(m_tabs);
    resize(1180, 720);
}

std::vector<ExperimentTab*> ExperimentWindow::experimentTabs() const {
    return {m_fear, m_reversal, m_sensorimotor, m_erratic};
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
