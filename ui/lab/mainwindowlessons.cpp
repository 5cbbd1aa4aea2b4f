// MainWindow's lessons: the side column with the lesson panel above the inspector, the
// Lessons menu, and the views a lesson's actions show.

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QVBoxLayout>

#include "ui/editing/scenariodocument.h"
#include "ui/lab/displaycontroller.h"
#include "ui/lab/editordock.h"
#include "ui/lab/mainwindow.h"
#include "ui/lab/statusline.h"
#include "ui/teaching/lessonpanel.h"
#include "ui/teaching/lessonrunner.h"
#include "ui/teaching/lessonsmenu.h"
#include "ui/views/inspector.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"

namespace ui {

QWidget* MainWindow::buildSide(QWidget* parent) {
    // The side column scrolls: a long lesson or formula never cuts off or stretches the window.
    m_inspectorBox = new QScrollArea(parent);
    m_inspectorBox->setObjectName("inspectorBox");
    m_inspectorBox->setWidgetResizable(true);
    m_inspectorBox->setFrameShape(QFrame::NoFrame);
    m_inspectorBox->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* side = new QWidget(m_inspectorBox);
    auto* column = new QVBoxLayout(side);
    column->setContentsMargins(0, 0, 0, 0);
    LessonTargets targets;
    targets.run = m_controller;
    targets.editing = m_editing;
    targets.doc = m_doc;
    targets.select = [this](const Selection& s) { setSelection(s); };
    targets.show = [this](const QString& view) { return showLessonView(view); };
    m_lessonRunner = new LessonRunner(targets, this);
    m_lessonPanel = new LessonPanel(m_doc, m_lessonRunner, side);
    m_inspector = new Inspector(side);
    column->addWidget(m_lessonPanel);
    column->addWidget(m_inspector, 1);
    m_inspectorBox->setWidget(side);
    return m_inspectorBox;
}

void MainWindow::buildLessonsMenu() {
    QMenu* lessons = menuBar()->addMenu(tr("&Lessons"));
    lessons->setObjectName("lessonsMenu");
    fillLessonsMenu(lessons, [this](const QString& name) { openLesson(name); });
    lessons->addSeparator();
    QAction* shown = lessons->addAction(tr("Show the lesson"));
    shown->setObjectName("showLessonAction");
    shown->setCheckable(true);
    shown->setChecked(m_lessonPanel->wanted());
    connect(shown, &QAction::toggled, m_lessonPanel, &LessonPanel::setWanted);
    connect(m_lessonPanel, &LessonPanel::wantedChanged, shown, &QAction::setChecked);
    connect(m_lessonPanel, &LessonPanel::problem, m_status,
            [this](const QString& text) { m_status->showMessage(text, true); });
}

bool MainWindow::openLesson(const QString& name) {
    if (!loadPreset(name))
        return false;
    m_lessonPanel->setWanted(true);
    m_display->setInspectorShown(true);
    return true;
}

bool MainWindow::showLessonView(const QString& view) {
    if (view == "network" || view == "energy-machine") {
        m_showPc->setChecked(true);
        m_pcPane->setMachineShown(view == "energy-machine");
        return true;
    }
    if (view == "editor") {
        m_editorDock->setShown(true);
        return true;
    }
    return m_plots->showTab(view);
}

}  // namespace ui
