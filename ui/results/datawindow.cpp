#include "ui/results/datawindow.h"

#include <QCloseEvent>
#include <QTabWidget>
#include <QVBoxLayout>

#include "engine/experiments/dataplan.h"
#include "ui/results/datatab.h"

namespace ui {

namespace ex = engine::experiments;

DataWindow::DataWindow(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Learning on data: the paper's FashionMNIST experiments"));
    setModal(false);
    setSizeGripEnabled(true);
    auto* layout = new QVBoxLayout(this);
    m_tabs = new QTabWidget(this);
    const QString titles[] = {tr("Deep networks"), tr("Online learning"), tr("Continual learning"),
                              tr("Concept drift"), tr("Little data")};
    int i = 0;
    for (const ex::DataExperimentInfo& info : ex::dataExperiments()) {
        auto* tab = new DataTab(info.protocol, m_tabs);
        m_tabs->addTab(tab, titles[i++]);
        m_dataTabs.push_back(tab);
    }
    layout->addWidget(m_tabs);
    resize(1360, 900);
}

bool DataWindow::running() const {
    for (DataTab* tab : m_dataTabs)
        if (tab->running())
            return true;
    return false;
}

void DataWindow::closeEvent(QCloseEvent* event) {
    // The runs use every core: nobody wants them going on in a window they closed.
    for (DataTab* tab : m_dataTabs)
        tab->cancel();
    QDialog::closeEvent(event);
}

}  // namespace ui
