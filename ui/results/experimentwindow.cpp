#include "ui/results/experimentwindow.h"

#include <QCloseEvent>
#include <QScreen>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/results/experimenttabs.h"
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

}  // namespace

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
    // On a screen smaller than a tab needs, the window stays on the screen and the tab scrolls
    // (each in its own scroll area, which gives wrapped text the height it needs).
    m_tabs->addTab(scrolling(m_fear), tr("Fear conditioning"));
    m_tabs->addTab(scrolling(m_reversal), tr("Reversal learning"));
    m_tabs->addTab(scrolling(m_sensorimotor), tr("Sensorimotor transfer"));
    m_tabs->addTab(scrolling(m_erratic), tr("Erratic learning"));
    layout->addWidget(m_tabs);
    const QScreen* screen = parent ? parent->screen() : this->screen();
    resize(screen ? fitSize(PreferredSize, screen->availableGeometry()) : PreferredSize);
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
