#include "ui/lab/mainwindow.h"

#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QImageWriter>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>

#include "engine/scenario/presets.h"
#include "ui/editing/autosaver.h"
#include "ui/editing/editingcontroller.h"
#include "ui/editing/scenariodocument.h"
#include "ui/editing/scenarioeditor.h"
#include "ui/lab/aboutdialog.h"
#include "ui/lab/displaycontroller.h"
#include "ui/lab/editordock.h"
#include "ui/lab/runbranching.h"
#include "ui/lab/runtoolbar.h"
#include "ui/lab/shortcutoverlay.h"
#include "ui/lab/statusline.h"
#include "ui/results/paperfigures.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/captions.h"
#include "ui/views/energymachineview.h"
#include "ui/views/gripsplitter.h"
#include "ui/views/inspector.h"
#include "ui/views/networkview.h"
#include "ui/views/neuronnames.h"
#include "ui/views/palette.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"
#include "ui/views/screenfit.h"
#include "ui/views/timelinebar.h"

namespace ui {

namespace {

/// The window's preferred size where the screen has room for it.
constexpr QSize PreferredSize(1280, 800);

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    m_controller = new SimulationController(this);
    m_doc = new ScenarioDocument(this);
    m_editing = new EditingController(m_doc, m_controller, this);
    m_files = new FileController(m_doc, this);
    m_autosave = new Autosaver(m_doc, this);
    m_branching = new RunBranching(m_controller, m_doc->undoStack(), this);
    m_controller->setResumeHandler([this] { return m_branching->resume(); });
    setWindowTitle(tr("Prospect"));
    setCentralWidget(buildCentral());
    m_status = new StatusLine(this);
    statusBar()->addWidget(m_status, 1);
    buildEditorDock();
    buildActions();
    m_display = new DisplayController({this,
                                       m_runBar,
                                       m_inspectorBox,
                                       m_inspector,
                                       m_editorDock,
                                       m_top,
                                       m_vertical,
                                       {m_bpPane, m_pcPane},
                                       m_plots},
                                      this);
    buildFileMenu();
    buildEditMenu();
    buildPresetsMenu();
    buildPaperMenu();
    buildLessonsMenu();
    buildViewMenu();
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this,
                    [this] { showUserGuide(); })
        ->setObjectName("userGuideAction");
    help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::toggleShortcutOverlay)
        ->setObjectName("shortcutsAction");
    help->addAction(tr("About Prospect"), this, [this] {
        AboutDialog about(this);
        about.setFont(font());
        about.adjustSize();
        keepOnScreen(&about);
        about.exec();
    });
    keepMenuShortcuts();
    wire();
    resize(PreferredSize);
    m_display->applyLook();
}

MainWindow::~MainWindow() {
    // The document and its undo stack die after this object (as children of the QWidget): they
    // must not call back into a half-destroyed window (QUndoStack emits cleanChanged as it goes).
    m_doc->undoStack()->disconnect(this);
    m_doc->disconnect(this);
    delete m_autosave;  // before the document, whose undo stack it follows; its file stays
}

QWidget* MainWindow::buildCentral() {
    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(4, 4, 4, 4);
    auto* vertical = m_vertical = new GripSplitter(Qt::Vertical, central);
    auto* top = m_top = new GripSplitter(Qt::Horizontal, vertical);
    m_bpPane = new RulePane(engine::Rule::BP, top);
    m_pcPane = new RulePane(engine::Rule::PC, top);
    top->addWidget(m_bpPane);
    top->addWidget(m_pcPane);
    top->addWidget(buildSide(top));
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 3);
    top->setStretchFactor(2, 1);
    top->setSizes({500, 500, 260});  // equal panes, so both rules draw at the same scale
    m_plots = new PlotPanel(vertical);
    vertical->addWidget(top);
    vertical->addWidget(m_plots);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    for (QSplitter* s : {top, vertical})
        s->setChildrenCollapsible(false);  // hidden on purpose (View menu, I), never squeezed away
    column->addWidget(vertical, 1);
    m_timeline = new TimelineBar(m_controller, central);
    column->addWidget(m_timeline);
    return central;
}

void MainWindow::buildEditorDock() {
    m_editor = new ScenarioEditor(m_doc, this);
    m_editorDock = new EditorDock(m_editor, this);
}

void MainWindow::buildActions() {
    auto add = [this](const QString& text, const QKeySequence& key, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    RunToolBar::Actions run{};
    run.play = m_playAction =
        add(tr("Play"), QKeySequence(Qt::Key_Space), [this] { m_controller->togglePlay(); });
    m_playAction->setObjectName("playAction");
    run.step = add(tr("Step"), QKeySequence(Qt::Key_Right), [this] { m_runBar->step(false); });
    run.step->setObjectName("stepAction");
    add(tr("Step one inference iteration"), QKeySequence(Qt::SHIFT | Qt::Key_Right), [this] {
        m_runBar->step(true);
    })->setObjectName("iterationAction");
    add(tr("Back one recorded step"), QKeySequence(Qt::Key_Left), [this] { m_timeline->move(-1); });
    add(tr("First recorded step"), QKeySequence(Qt::Key_Home), [this] { m_timeline->toStart(); });
    add(tr("Live"), QKeySequence(Qt::Key_End), [this] { m_timeline->toEnd(); });
    run.reset = add(tr("Reset"), QKeySequence(Qt::Key_R), [this] { m_controller->reset(); });
    run.reset->setObjectName("resetAction");
    run.reseed = add(tr("Re-randomise"), QKeySequence(Qt::SHIFT | Qt::Key_R),
                     [this] { m_editing->reseed(); });
    run.reseed->setObjectName("reseedAction");
    add(tr("Shortcuts"), QKeySequence(Qt::Key_Question), [this] { toggleShortcutOverlay(); });
    add(tr("Close the shortcut overlay or leave presentation mode"), QKeySequence(Qt::Key_Escape),
        [this] {
            if (shortcutOverlayVisible())
                toggleShortcutOverlay();
            else if (m_display->presentation())
                m_display->setPresentation(false);
        });
    add(tr("Energy machine"), QKeySequence(Qt::Key_M),
        [this] { m_pcPane->setMachineShown(!m_pcPane->machineShown()); });
    for (int level = 0; level < SpeedLevels; ++level)
        add(tr("Speed %1").arg(speedName(level)), QKeySequence(Qt::Key_0 + level),
            [this, level] { m_runBar->setSpeed(level); });
    m_runBar = new RunToolBar(m_controller, run, this);
    addToolBar(m_runBar);
}

void MainWindow::buildFileMenu() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, m_files, &FileController::newScenario)
        ->setObjectName("newAction");
    file->addAction(tr("&Open…"), QKeySequence::Open, m_files, &FileController::open)
        ->setObjectName("openAction");
    m_files->setRecentMenu(file->addMenu(tr("Open &Recent")));
    file->addAction(tr("&Save"), QKeySequence::Save, m_files, &FileController::save)
        ->setObjectName("saveAction");
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, m_files, &FileController::saveAs)
        ->setObjectName("saveAsAction");
    file->addSeparator();
    file->addAction(tr("&Record video or GIF…"), this, [this] { showRecordDialog(); })
        ->setObjectName("recordAction");
    file->addAction(tr("E&xport image or CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    [this] { showExportDialog(); })
        ->setObjectName("exportAction");
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close)
        ->setObjectName("quitAction");
}

void MainWindow::buildEditMenu() {
    QMenu* editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName("undoAction");
    QAction* redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setObjectName("redoAction");
    editMenu->addAction(undo);
    editMenu->addAction(redo);
    editMenu->addSeparator();
    editMenu->addAction(m_editorDock->action());
}

void MainWindow::buildPresetsMenu() {
    QMenu* presets = menuBar()->addMenu(tr("&Presets"));
    for (const engine::Scenario& p : engine::presets()) {
        const QString name = QString::fromStdString(p.name);
        QAction* a = presets->addAction(QString::fromStdString(p.title), this,
                                        [this, name] { loadPreset(name); });
        a->setToolTip(QString::fromStdString(p.lesson.summary()));
    }
    presets->setToolTipsVisible(true);
}

void MainWindow::buildPaperMenu() {
    // The paper's figures in its order: each opens its results tab, or its preset live.
    QMenu* paper = menuBar()->addMenu(tr("Pa&per"));
    paper->setObjectName("paperMenu");
    fillPaperMenu(
        paper, [this](const QString& name) { showFigure(name); },
        [this](const QString& name) { loadPreset(name); });
}

void MainWindow::buildViewMenu() {
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (RulePane* pane : {m_bpPane, m_pcPane}) {
        QAction* show = view->addAction(pane == m_bpPane ? tr("BP pane") : tr("PC pane"));
        show->setCheckable(true);
        show->setChecked(true);
        show->setObjectName(pane == m_bpPane ? "showBpAction" : "showPcAction");
        connect(show, &QAction::toggled, pane, &QWidget::setVisible);
        (pane == m_bpPane ? m_showBp : m_showPc) = show;
    }
    QAction* values = view->addAction(tr("Values inside neurons"));
    values->setCheckable(true);
    values->setChecked(true);
    connect(values, &QAction::toggled, this, [this](bool on) {
        m_bpPane->networkView()->setShowValues(on);
        m_pcPane->networkView()->setShowValues(on);
    });
    QAction* machine = view->addAction(tr("Energy machine for PC"));
    machine->setShortcut(QKeySequence(Qt::Key_M));
    machine->setShortcutContext(Qt::WidgetShortcut);  // the window-wide M action handles the key
    connect(machine, &QAction::triggered, this,
            [this] { m_pcPane->setMachineShown(!m_pcPane->machineShown()); });
    view->addSeparator();
    m_display->addActions(view);
    view->addSeparator();
    QAction* results = view->addAction(tr("Experiments and figures…"));
    results->setObjectName("experimentResultsAction");
    connect(results, &QAction::triggered, this, &MainWindow::showResultsWindow);
    QAction* onData = view->addAction(tr("Learning on data (FashionMNIST)…"));
    onData->setObjectName("dataWindowAction");
    connect(onData, &QAction::triggered, this, &MainWindow::showDataWindow);
}

void MainWindow::keepMenuShortcuts() {
    for (QAction* top : menuBar()->actions())
        if (QMenu* menu = top->menu())
            for (QAction* a : menu->actions())
                if (!a->shortcut().isEmpty() && a->shortcutContext() != Qt::WidgetShortcut &&
                    !actions().contains(a))
                    addAction(a);
}

void MainWindow::wire() {
    connect(m_controller, &SimulationController::runLoaded, this, &MainWindow::onRunLoaded);
    connect(m_controller, &SimulationController::frameShown, this, &MainWindow::onFrame);
    connect(m_controller, &SimulationController::message, m_status, &StatusLine::showMessage);
    connect(m_controller, &SimulationController::runningChanged, this,
            [this](bool running) { m_playAction->setText(running ? tr("Pause") : tr("Play")); });
    connect(m_doc, &ScenarioDocument::loaded, this, &MainWindow::onDocumentLoaded);
    connect(m_doc, &ScenarioDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(m_doc, &ScenarioDocument::liveEditRequested, m_controller,
            &SimulationController::liveEdit);
    connect(m_editing, &EditingController::message, m_status, &StatusLine::showMessage);
    connect(m_doc, &ScenarioDocument::editRefused, this, [this](const QString& problem) {
        m_status->showMessage(tr("Edit refused: %1").arg(problem), true);
    });
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    m_files->setViewSource([this] { return currentView(); });
    connect(m_files, &FileController::message, m_status, &StatusLine::showMessage);
    connect(m_files, &FileController::saved, this, &MainWindow::updateTitle);
    connect(m_autosave, &Autosaver::message, m_status, &StatusLine::showMessage);
    m_editing->setEditorAction(m_editorDock->action());
    connect(m_editing, &EditingController::weightsRequested, this, [this](int layer) {
        m_editorDock->setShown(true);
        m_editor->showWeights(layer);
    });
    for (RulePane* pane : {m_bpPane, m_pcPane}) {
        connect(pane->networkView(), &NetworkView::selectionChanged, this,
                &MainWindow::setSelection);
        m_editing->attach(pane->networkView());
    }
}

void MainWindow::onRunLoaded() {
    const RunSetup& setup = m_controller->setup();
    // A run without usable trials cannot be drawn; the worker reports why and nothing changes.
    if (setup.trials.empty())
        return;
    for (const engine::Trial& t : setup.trials)
        if (!engine::validateTrial(t, setup.network.spec()).empty())
            return;
    const engine::Scenario& scenario = m_doc->scenario();
    const Selection old = m_inspector->selection();  // before setSetup() clears it
    const palette::ColourRanges ranges = palette::colourRanges(setup.network, setup.trials);
    const QStringList inputs = qtNames(scenario.inputNames),
                      outputs = qtNames(scenario.outputNames);
    for (RulePane* pane : {m_bpPane, m_pcPane})
        pane->setNetwork(setup.network.spec(), ranges, inputs, outputs);
    m_plots->setRun(setup.network, setup.trials.front(), m_plots->currentTab(), outputs,
                    NeuronNames::of(scenario));
    m_inspector->setSetup(std::make_shared<const RunSetup>(setup));
    // Keep the selection while it still exists (an edit of the selected weight, say).
    setSelection(m_bpPane->networkView()->layout().contains(old) ? old : Selection{});
    m_status->clearMessage();
    m_runBar->showSeed(m_controller->seed());
    updateTitle();
}

void MainWindow::onDocumentLoaded() {
    const engine::Scenario& s = m_doc->scenario();
    m_plots->setRun(
        s.network(), s.trials.front(),
        s.view.plot.empty() ? QStringLiteral("loss") : QString::fromStdString(s.view.plot),
        qtNames(s.outputNames), NeuronNames::of(s));
    m_pcPane->setMachineShown(s.view.energyMachine);
    m_showBp->setChecked(s.view.showBp);
    m_showPc->setChecked(s.view.showPc);
    setSelection({});
    m_controller->loadScenario(s);
}

void MainWindow::onDocumentChanged(ChangeKind kind) {
    if (kind == ChangeKind::Settings) {
        m_controller->updateSettings(m_doc->scenario());
    } else if (kind == ChangeKind::Run) {
        const bool wasRunning = m_controller->pastStart();
        m_controller->loadScenario(m_doc->scenario());
        if (wasRunning)
            m_status->showMessage(
                tr("Restarted at step 0: “%1” changes the scenario itself (its structure or its "
                   "start). Weights, inputs and targets edited in the network views change the "
                   "run live.")
                    .arg(m_doc->lastChangeText()),
                false);
    }  // ChangeKind::Live: the edit went to the run (liveEditRequested)
    updateTitle();
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1[*] - Prospect").arg(m_doc->displayName()));
    setWindowModified(m_doc->isModified());
}

engine::ViewSettings MainWindow::currentView() const {
    engine::ViewSettings v;
    v.energyMachine = m_pcPane->machineShown();
    v.plot = m_plots->currentTab().toStdString();
    if (v.plot == "loss")
        v.plot.clear();
    v.showBp = m_showBp->isChecked();
    v.showPc = m_showPc->isChecked();
    if (!v.showBp && !v.showPc)
        v.showBp = v.showPc = true;
    return v;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_files->maybeSave()) {
        m_autosave->discard();  // saved, or the user said Discard: nothing left to keep
        event->accept();
    } else
        event->ignore();
}

void MainWindow::onFrame(const FramePtr& frame) {
    m_bpPane->setFrame(frame);
    m_pcPane->setFrame(frame);
    m_inspector->setFrame(frame);
    m_plots->showFrame(frame, m_controller->history());
    m_timeline->refresh();
    m_status->showFrame(*frame, m_doc->scenario());
}

QString MainWindow::statusMessage() const {
    return m_status->text();
}

void MainWindow::setSelection(const Selection& selection) {
    m_bpPane->networkView()->setSelection(selection);
    m_pcPane->networkView()->setSelection(selection);
    m_inspector->setSelection(selection);
    m_editing->setSelection(selection);
}

void MainWindow::toggleShortcutOverlay() {
    if (!m_overlay)
        m_overlay = new ShortcutOverlay(this);
    if (!m_overlay->isVisible()) {
        m_overlay->refresh();  // from the actions as they are now
        m_overlay->setFont(font());
        m_overlay->resize(m_overlay->sizeHint());  // keepOnScreen cuts it to the screen
        keepOnScreen(m_overlay);
    }
    m_overlay->setVisible(!m_overlay->isVisible());
}

void MainWindow::placeOnScreen() {
    const QScreen* s = screen();
    if (!s)
        return;
    const Placement p = placeWindow(s->availableGeometry(), PreferredSize);
    setGeometry(p.geometry);
    if (p.maximised)
        setWindowState(windowState() | Qt::WindowMaximized);
}

bool MainWindow::shortcutOverlayVisible() const {
    return m_overlay && m_overlay->isVisible();
}

void MainWindow::showAt(const QSize& size) {
    resize(size);
    m_display->applyLook();  // presentation mode's text follows the picture's height
    if (!isVisible())
        show();
    QApplication::processEvents();
    for (QCustomPlot* plot : m_plots->plots())
        if (plot->isVisible())
            plot->replot();
    QApplication::processEvents();
}

QString MainWindow::saveScreenshot(const QString& path, const QSize& size, QSize* written) {
    showAt(size);
    const QPixmap pixmap = grab();
    if (written)
        *written = pixmap.size() / pixmap.devicePixelRatio();
    QImageWriter writer(path, "png");
    if (!writer.write(pixmap.toImage()))
        return tr("cannot write '%1': %2").arg(path, writer.errorString());
    return {};
}

}  // namespace ui
