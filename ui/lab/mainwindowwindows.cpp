// The windows and dialogs MainWindow opens beside itself (results, learning on data, the user
// guide, record and export), apart from mainwindow.cpp, which assembles and wires the lab.

#include <QDialog>

#include "ui/editing/scenariodocument.h"
#include "ui/lab/mainwindow.h"
#include "ui/lab/userguide.h"
#include "ui/media/exportdialog.h"
#include "ui/media/recorddialog.h"
#include "ui/results/datawindow.h"
#include "ui/results/experimentwindow.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/screenfit.h"

namespace ui {

namespace {

/// Shows a dialog that deletes itself when closed, in the window's text size, on the screen.
QDialog* showNonModal(QDialog* dialog) {
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFont(dialog->parentWidget()->font());
    dialog->adjustSize();
    keepOnScreen(dialog);
    dialog->show();
    return dialog;
}

/// Brings a window to the front.
template <typename W>
W* bringUp(W* window) {
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

}  // namespace

void MainWindow::showResultsWindow() {
    // The learning experiments' result plots, in their own non-modal window made on first use.
    auto* window = findChild<ExperimentWindow*>();
    if (!window) {
        window = new ExperimentWindow(this);
        window->setFont(font());
        keepOnScreen(window);
    }
    bringUp(window);
}

void MainWindow::showDataWindow() {
    // The paper's FashionMNIST experiments, in their own non-modal window made on first use.
    auto* window = findChild<DataWindow*>();
    bringUp(window ? window : new DataWindow(this));
}

void MainWindow::showFigure(const QString& name) {
    showResultsWindow();
    findChild<ExperimentWindow*>()->showExperiment(name);
}

UserGuide* MainWindow::showUserGuide() {
    auto* guide = findChild<UserGuide*>();
    if (!guide) {
        guide = new UserGuide(this);
        guide->load(UserGuide::defaultPath());
        guide->setFont(font());
        keepOnScreen(guide);
    }
    return bringUp(guide);
}

QDialog* MainWindow::showRecordDialog() {
    return showNonModal(new RecordDialog(m_doc->scenario(), m_controller->history(),
                                         m_controller->currentIndex(), this));
}

QDialog* MainWindow::showExportDialog() {
    return showNonModal(new ExportDialog(m_doc->scenario(), m_controller->history(),
                                         m_controller->currentIndex(), this));
}

}  // namespace ui
