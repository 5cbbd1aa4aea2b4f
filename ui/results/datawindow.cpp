#include "ui/results/datawindow.h"

#include <QCloseEvent>
#include <QScreen>
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
    // Roomy, but never larger than the screen (a 1280 x 800 laptop shows all of it).
    QSize size(1360, 900);
    if (const QScreen* s = screen())
        size = size.boundedTo(s->availableGeometry().size() - QSize(20, 60));
    resize(size.expandedTo(minimumSizeHint()));
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
