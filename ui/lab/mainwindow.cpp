#include "ui/lab/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "engine/scenario/presets.h"
#include "engine/scenario/scenarioedit.h"
#include "engine/scenario/scenariofile.h"
#include "ui/editing/scenariodocument.h"
#include "ui/editing/scenarioeditor.h"
#include "ui/media/exportdialog.h"
#include "ui/media/recorddialog.h"
#include "ui/results/experimentwindow.h"
#include "ui/simulation/simulationcontroller.h"
#include "ui/views/captions.h"
#include "ui/views/energymachineview.h"
#include "ui/views/inspector.h"
#include "ui/views/networkview.h"
#include "ui/views/palette.h"
#include "ui/views/plotpanel.h"
#include "ui/views/rulepane.h"
#include "ui/views/timelinebar.h"

namespace ui {

namespace {

// Symmetric colour ranges for a run, fixed so a colour means the same value throughout.
std::pair<double, double> rangesFor(const RunSetup& setup) {
    double activity = 0.0, weight = 0.0;
    for (const engine::Trial& t : setup.trials) {
        for (const engine::Matrix& x : setup.network.forward(t.input))
            activity = std::max(activity, x.cwiseAbs().maxCoeff());
        for (engine::Index i = 0; i < t.target.size(); ++i)
            if (std::isfinite(t.target(i)))
                activity = std::max(activity, std::abs(t.target(i)));
    }
    for (engine::Index l = 1; l <= setup.network.depth(); ++l)
        weight = std::max(weight, setup.network.weight(l).cwiseAbs().maxCoeff());
    return {palette::niceRange(activity), palette::niceRange(weight)};
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    m_controller = new SimulationController(this);
    m_doc = new ScenarioDocument(this);
    setWindowTitle(tr("Prospect"));

    auto* central = new QWidget(this);
    auto* column = new QVBoxLayout(central);
    column->setContentsMargins(4, 4, 4, 4);
    auto* vertical = new QSplitter(Qt::Vertical, central);
    auto* top = new QSplitter(Qt::Horizontal, vertical);
    m_bpPane = new RulePane(engine::Rule::BP, top);
    m_pcPane = new RulePane(engine::Rule::PC, top);
    m_inspector = new Inspector(top);
    top->addWidget(m_bpPane);
    top->addWidget(m_pcPane);
    top->addWidget(m_inspector);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 3);
    top->setStretchFactor(2, 1);
    top->setSizes({500, 500, 260});  // equal panes, so both rules draw at the same scale
    m_plots = new PlotPanel(vertical);
    vertical->addWidget(top);
    vertical->addWidget(m_plots);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 2);
    column->addWidget(vertical, 1);
    m_timeline = new TimelineBar(m_controller, central);
    column->addWidget(m_timeline);
    setCentralWidget(central);

    m_status = new QLabel(this);
    m_status->setObjectName("statusText");
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(1);
    m_problem = new QLabel(this);
    m_problem->setObjectName("problemText");
    m_problem->setStyleSheet("color: #b00020; font-weight: bold;");
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_problem);

    m_editor = new ScenarioEditor(m_doc, this);
    m_editorDock = new QDockWidget(tr("Scenario editor"), this);
    m_editorDock->setObjectName("scenarioEditorDock");
    m_editorDock->setWidget(m_editor);
    addDockWidget(Qt::RightDockWidgetArea, m_editorDock);
    m_editorDock->hide();
    // Opened, it takes a narrow column, so both panes stay readable.
    connect(m_editorDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && !m_editorDock->isFloating())
            QTimer::singleShot(0, this, [this] {
                resizeDocks({m_editorDock}, {std::max(340, width() / 4)}, Qt::Horizontal);
            });
    });

    buildActions();
    buildToolBar();
    buildMenus();
    buildEditing();

    connect(m_controller, &SimulationController::runLoaded, this, &MainWindow::onRunLoaded);
    connect(m_controller, &SimulationController::frameShown, this, &MainWindow::onFrame);
    connect(m_controller, &SimulationController::message, this, &MainWindow::onMessage);
    connect(m_controller, &SimulationController::speedChanged, this, [this](int level) {
        if (m_speed->currentIndex() == level)
            return;
        const QSignalBlocker block(m_speed);
        m_speed->setCurrentIndex(level);
    });
    connect(m_controller, &SimulationController::runningChanged, this,
            [this](bool running) { m_playAction->setText(running ? tr("Pause") : tr("Play")); });
    for (RulePane* pane : {m_bpPane, m_pcPane})
        connect(pane->networkView(), &NetworkView::selectionChanged, this,
                &MainWindow::setSelection);
    resize(1280, 800);
}

MainWindow::~MainWindow() {
    // The document and its undo stack die after this object (as children of the QWidget): they
    // must not call back into a half-destroyed window (QUndoStack emits cleanChanged as it goes).
    m_doc->undoStack()->disconnect(this);
    m_doc->disconnect(this);
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
    m_playAction =
        add(tr("Play"), QKeySequence(Qt::Key_Space), [this] { m_controller->togglePlay(); });
    m_playAction->setObjectName("playAction");
    add(tr("Step"), QKeySequence(Qt::Key_Right), [this] {
        stepRequested(false);
    })->setObjectName("stepAction");
    add(tr("Step one inference iteration"), QKeySequence(Qt::SHIFT | Qt::Key_Right), [this] {
        stepRequested(true);
    })->setObjectName("iterationAction");
    add(tr("Back one recorded step"), QKeySequence(Qt::Key_Left), [this] { m_timeline->move(-1); });
    add(tr("First recorded step"), QKeySequence(Qt::Key_Home), [this] { m_timeline->toStart(); });
    add(tr("Live"), QKeySequence(Qt::Key_End), [this] { m_timeline->toEnd(); });
    add(tr("Reset"), QKeySequence(Qt::Key_R), [this] {
        m_controller->reset();
    })->setObjectName("resetAction");
    add(tr("Re-randomise"), QKeySequence(Qt::SHIFT | Qt::Key_R), [this] {
        const std::uint64_t seed = m_doc->scenario().seed + 1;
        m_doc->apply(tr("Re-randomise (seed %1)").arg(seed),
                     engine::edit::setSeed(m_doc->scenario(), seed), ChangeKind::Run);
    })->setObjectName("reseedAction");
    add(tr("Shortcuts"), QKeySequence(Qt::Key_Question), [this] { toggleShortcutOverlay(); });
    add(tr("Close the shortcut overlay"), QKeySequence(Qt::Key_Escape), [this] {
        if (shortcutOverlayVisible())
            toggleShortcutOverlay();
    });
    add(tr("Energy machine"), QKeySequence(Qt::Key_M),
        [this] { m_pcPane->setMachineShown(!m_pcPane->machineShown()); });
    for (int level = 0; level < SpeedLevels; ++level)
        add(tr("Speed %1").arg(speedName(level)), QKeySequence(Qt::Key_0 + level),
            [this, level] { m_speed->setCurrentIndex(level); });
}

void MainWindow::buildToolBar() {
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setMovable(false);
    for (const char* name : {"resetAction", "reseedAction"})
        bar->addAction(findChild<QAction*>(name));
    m_seedLabel = new QLabel(this);
    m_seedLabel->setObjectName("seedLabel");
    m_seedLabel->setToolTip(
        tr("Seed of the initial weights and samples; Re-randomise picks the next one"));
    bar->addWidget(m_seedLabel);
    bar->addSeparator();
    bar->addAction(m_playAction);
    bar->addAction(findChild<QAction*>("stepAction"));
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName("granularity");
    m_granularity->addItems({tr("inference iteration"), tr("phase"), tr("trial"), tr("N trials")});
    m_granularity->setCurrentIndex(1);
    m_granularity->setToolTip(
        tr("How far Step (Right) goes; Shift+Right always steps one inference iteration"));
    bar->addWidget(m_granularity);
    m_stepCount = new QSpinBox(this);
    m_stepCount->setRange(1, 100000);
    m_stepCount->setValue(10);
    m_stepCount->setToolTip(tr("N for \"N trials\""));
    m_stepCount->setEnabled(false);
    connect(m_granularity, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_stepCount->setEnabled(i == 3); });
    bar->addWidget(m_stepCount);
    bar->addSeparator();
    bar->addWidget(new QLabel(tr(" Speed "), this));
    m_speed = new QComboBox(this);
    m_speed->setObjectName("speed");
    for (int level = 0; level < SpeedLevels; ++level)
        m_speed->addItem(QStringLiteral("%1 · %2").arg(level).arg(speedName(level)));
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("0 pause · 1 slow motion · 2 normal · 3 fast · 4 maximum (keys 0-4)"));
    connect(m_speed, &QComboBox::currentIndexChanged, m_controller,
            &SimulationController::setSpeed);
    bar->addWidget(m_speed);
    bar->addSeparator();
    auto* until = new QPushButton(tr("Run until"), this);
    until->setToolTip(tr(
        "Play until the number of further trials is reached or both losses are below the value"));
    bar->addWidget(until);
    m_untilTrials = new QSpinBox(this);
    m_untilTrials->setRange(0, 10'000'000);
    m_untilTrials->setValue(64);
    m_untilTrials->setSuffix(tr(" trials"));
    m_untilTrials->setSpecialValueText(tr("no trial limit"));
    bar->addWidget(m_untilTrials);
    m_untilLoss = new QDoubleSpinBox(this);
    m_untilLoss->setDecimals(4);
    m_untilLoss->setRange(0.0, 1e6);
    m_untilLoss->setSingleStep(0.001);
    m_untilLoss->setPrefix(tr("or loss < "));
    m_untilLoss->setSpecialValueText(tr("no loss goal"));
    bar->addWidget(m_untilLoss);
    connect(until, &QPushButton::clicked, this,
            [this] { m_controller->runUntil(m_untilTrials->value(), m_untilLoss->value()); });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New"), QKeySequence::New, this,
                    [this] {
                        if (!maybeSave())
                            return;
                        // A small blank network to build on: 2 inputs, 2 hidden, 1 output, weights
                        // 0.5.
                        engine::Scenario s;
                        s.title = tr("Untitled").toStdString();
                        s.spec = engine::NetworkSpec::layered({2, 2, 1}, engine::Activation::Tanh,
                                                              engine::Initialiser::constant(0.5));
                        engine::Vector in(2), out(1);
                        in << 1.0, 0.0;
                        out << 1.0;
                        s.trials = {engine::Trial::single(in, out)};
                        s.bp = engine::BpConfig{0.1};
                        s.pc = engine::PcConfig{0.1, 128, 0.1, 0.5};
                        m_doc->reset(engine::withExplicitWeights(s), {});
                    })
        ->setObjectName("newAction");
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openFileInteractive)
        ->setObjectName("openAction");
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Save"), QKeySequence::Save, this,
                    [this] {
                        if (m_doc->filePath().isEmpty()) {
                            saveAsInteractive();
                            return;
                        }
                        const QString error = saveFile();
                        if (!error.isEmpty())
                            QMessageBox::warning(this, tr("Save"), error);
                    })
        ->setObjectName("saveAction");
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] { saveAsInteractive(); })
        ->setObjectName("saveAsAction");
    file->addSeparator();
    file->addAction(tr("&Record video or GIF…"), this, [this] { showRecordDialog(); })
        ->setObjectName("recordAction");
    file->addAction(tr("E&xport image or CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    [this] { showExportDialog(); })
        ->setObjectName("exportAction");
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

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
    QAction* editor = m_editorDock->toggleViewAction();
    editor->setText(tr("Scenario &editor (layers, weights, trials, rules)"));
    editor->setShortcut(QKeySequence(Qt::Key_F4));
    editor->setObjectName("editorAction");
    editMenu->addAction(editor);

    QMenu* presets = menuBar()->addMenu(tr("&Presets"));
    for (const engine::Scenario& p : engine::presets()) {
        const QString name = QString::fromStdString(p.name);
        QAction* a = presets->addAction(QString::fromStdString(p.title), this,
                                        [this, name] { loadPreset(name); });
        a->setToolTip(QString::fromStdString(p.lesson));
    }
    presets->setToolTipsVisible(true);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (RulePane* pane : {m_bpPane, m_pcPane}) {
        QAction* show = view->addAction(pane == m_bpPane ? tr("BP pane") : tr("PC pane"));
        show->setCheckable(true);
        show->setChecked(true);
        show->setObjectName(pane == m_bpPane ? "showBpAction" : "showPcAction");
        connect(show, &QAction::toggled, pane, &QWidget::setVisible);
    }
    m_showValues = view->addAction(tr("Values inside neurons"));
    m_showValues->setCheckable(true);
    m_showValues->setChecked(true);
    connect(m_showValues, &QAction::toggled, this, [this](bool on) {
        m_bpPane->networkView()->setShowValues(on);
        m_pcPane->networkView()->setShowValues(on);
    });
    QAction* machine = view->addAction(tr("Energy machine for PC"));
    machine->setShortcut(QKeySequence(Qt::Key_M));
    machine->setShortcutContext(Qt::WidgetShortcut);  // the window-wide M action handles the key
    connect(machine, &QAction::triggered, this,
            [this] { m_pcPane->setMachineShown(!m_pcPane->machineShown()); });
    // The learning experiments' result plots, in their own non-modal window made on first use.
    QAction* results = view->addAction(tr("Learning experiment results…"));
    results->setObjectName("experimentResultsAction");
    connect(results, &QAction::triggered, this, [this] {
        auto* window = findChild<ExperimentWindow*>();
        if (!window)
            window = new ExperimentWindow(this);
        window->show();
        window->raise();
        window->activateWindow();
    });
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Keyboard shortcuts"), this, &MainWindow::toggleShortcutOverlay);
}

bool MainWindow::loadPreset(const QString& name) {
    const engine::Scenario* p = engine::findPreset(name.toStdString());
    if (!p || !maybeSave())
        return false;
    m_doc->reset(*p, {});
    return true;
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
    const auto [activity, weight] = rangesFor(setup);
    for (RulePane* pane : {m_bpPane, m_pcPane})
        pane->networkView()->setNetwork(setup.network.spec(), activity, weight);
    m_pcPane->machineView()->setNetwork(setup.network.spec(), activity);
    QStringList inputs, outputs;
    for (const std::string& n : scenario.inputNames)
        inputs << QString::fromStdString(n);
    for (const std::string& n : scenario.outputNames)
        outputs << QString::fromStdString(n);
    for (RulePane* pane : {m_bpPane, m_pcPane})
        pane->networkView()->setNames(inputs, outputs);
    m_plots->setRun(setup.network, setup.trials.front(), m_plots->currentTab(), outputs);
    m_inspector->setSetup(std::make_shared<const RunSetup>(setup));
    m_inspector->setLesson(m_controller->runName(), QString::fromStdString(scenario.lesson));
    // Keep the selection while it still exists (an edit of the selected weight, say).
    Selection keep;
    auto exists = [&](const Selection& s) {
        const engine::Index L = setup.network.depth();
        if (s.neuron)
            return s.neuron->layer <= L && s.neuron->index < setup.network.size(s.neuron->layer);
        if (s.synapse)
            return s.synapse->layer <= L &&
                   s.synapse->post < setup.network.size(s.synapse->layer) &&
                   s.synapse->pre < setup.network.size(s.synapse->layer - 1);
        return false;
    };
    if (exists(old))
        keep = old;
    setSelection(keep);
    m_problem->clear();
    m_seedLabel->setText(tr(" seed %1 ").arg(m_controller->seed()));
    updateTitle();
}

void MainWindow::onDocumentLoaded() {
    const engine::Scenario& s = m_doc->scenario();
    m_plots->setRun(
        s.network(), s.trials.front(),
        s.view.plot.empty() ? QStringLiteral("loss") : QString::fromStdString(s.view.plot));
    m_pcPane->setMachineShown(s.view.energyMachine);
    findChild<QAction*>("showBpAction")->setChecked(s.view.showBp);
    findChild<QAction*>("showPcAction")->setChecked(s.view.showPc);
    setSelection({});
    m_controller->loadScenario(s);
}

void MainWindow::onDocumentChanged(ChangeKind kind) {
    if (kind == ChangeKind::Settings)
        m_controller->updateSettings(m_doc->scenario());
    else
        m_controller->loadScenario(m_doc->scenario());
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
    v.showBp =
        !findChild<QAction*>("showBpAction") || findChild<QAction*>("showBpAction")->isChecked();
    v.showPc =
        !findChild<QAction*>("showPcAction") || findChild<QAction*>("showPcAction")->isChecked();
    if (!v.showBp && !v.showPc)
        v.showBp = v.showPc = true;
    return v;
}

QString MainWindow::openFile(const QString& path) {
    const engine::ScenarioResult r =
        engine::readScenarioFile(QFile::encodeName(path).toStdString());
    if (!r.scenario)
        return QString::fromStdString(r.error);
    m_doc->reset(*r.scenario, path);
    addRecent(path);
    return {};
}

QString MainWindow::saveFile(const QString& path) {
    const QString target = path.isEmpty() ? m_doc->filePath() : path;
    if (target.isEmpty())
        return tr("No file name given");
    m_doc->setView(currentView());
    const QString error = m_doc->save(target);
    if (error.isEmpty()) {
        addRecent(target);
        updateTitle();
        onMessage(tr("Saved %1").arg(target), false);
    }
    return error;
}

void MainWindow::openFileInteractive() {
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open scenario"), m_lastDir, tr("Prospect scenarios (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDir = QFileInfo(path).absolutePath();
    const QString error = openFile(path);
    if (!error.isEmpty()) {
        onMessage(error, true);
        QMessageBox::warning(this, tr("Cannot open the scenario"), error);
    }
}

bool MainWindow::saveAsInteractive() {
    QString suggestion = m_doc->filePath();
    if (suggestion.isEmpty())
        suggestion = QDir(m_lastDir.isEmpty() ? QDir::homePath() : m_lastDir)
                         .filePath(QString::fromStdString(m_doc->scenario().name.empty()
                                                              ? std::string("scenario")
                                                              : m_doc->scenario().name) +
                                   ".json");
    QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), suggestion,
                                                tr("Prospect scenarios (*.json)"));
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += ".json";
    m_lastDir = QFileInfo(path).absolutePath();
    const QString error = saveFile(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Save"), error);
        return false;
    }
    return true;
}

bool MainWindow::maybeSave() {
    if (!m_doc->isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them first?").arg(m_doc->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        if (m_doc->filePath().isEmpty())
            return saveAsInteractive();
        const QString error = saveFile();
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Save"), error);
            return false;
        }
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (maybeSave())
        event->accept();
    else
        event->ignore();
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue("recentFiles", recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this,
                        [this, path] {
                            if (!maybeSave())
                                return;
                            const QString error = openFile(path);
                            if (!error.isEmpty()) {
                                onMessage(error, true);
                                QMessageBox::warning(this, tr("Cannot open the scenario"), error);
                            }
                        })
            ->setToolTip(path);
    m_recentMenu->setToolTipsVisible(true);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

std::size_t MainWindow::editedTrial() const {
    const FramePtr frame = m_controller->current();
    if (!frame)
        return 0;
    const std::int64_t trial = frame->of(engine::Rule::PC).trial;
    return trial < 1 ? 0 : m_doc->scenario().trialIndex(trial - 1);
}

double MainWindow::valueOf(const Selection& target) const {
    const engine::Scenario& s = m_doc->scenario();
    if (target.synapse) {
        const engine::Network net = s.network();
        return net.weight(target.synapse->layer)(target.synapse->post, target.synapse->pre);
    }
    if (target.neuron) {
        const engine::Trial& t = s.trials[editedTrial()];
        if (target.neuron->layer == 0)
            return t.input(target.neuron->index, 0);
        const double v = t.target(target.neuron->index, 0);
        return std::isfinite(v) ? v : 0.0;
    }
    return 0.0;
}

bool MainWindow::setValue(const Selection& target, double value, const QString& mergeKey) {
    const engine::Scenario& s = m_doc->scenario();
    const QString v = QString::number(value, 'g', 10);
    if (target.synapse) {
        const SynapseId& w = *target.synapse;
        return m_doc->apply(
            tr("Set weight W%1[%2,%3] = %4").arg(w.layer).arg(w.post).arg(w.pre).arg(v),
            engine::edit::setWeight(s, w.layer, w.post, w.pre, value), ChangeKind::Run, mergeKey);
    }
    if (target.neuron && target.neuron->layer == 0) {
        const std::size_t k = editedTrial();
        return m_doc->apply(
            tr("Set input %1 of trial %2 = %3").arg(target.neuron->index).arg(k + 1).arg(v),
            engine::edit::setInput(s, k, target.neuron->index, value), ChangeKind::Run, mergeKey);
    }
    if (target.neuron && target.neuron->layer == s.spec.depth()) {
        const std::size_t k = editedTrial();
        return m_doc->apply(
            tr("Set target %1 of trial %2 = %3").arg(target.neuron->index).arg(k + 1).arg(v),
            engine::edit::setTarget(s, k, target.neuron->index, value), ChangeKind::Run, mergeKey);
    }
    return false;
}

namespace {

QString keyOf(const Selection& s) {
    if (s.synapse)
        return QStringLiteral("w%1,%2,%3")
            .arg(s.synapse->layer)
            .arg(s.synapse->post)
            .arg(s.synapse->pre);
    if (s.neuron)
        return QStringLiteral("n%1,%2").arg(s.neuron->layer).arg(s.neuron->index);
    return {};
}

/// Drags and the wheel move values on a 0.01 grid (typed values are kept as typed).
double onGrid(double v) {
    return std::round(v * 100.0) / 100.0;
}

}  // namespace

void MainWindow::buildEditing() {
    connect(m_doc, &ScenarioDocument::loaded, this, &MainWindow::onDocumentLoaded);
    connect(m_doc, &ScenarioDocument::changed, this, &MainWindow::onDocumentChanged);
    connect(m_doc, &ScenarioDocument::editRefused, this, [this](const QString& problem) {
        onMessage(tr("Edit refused: %1").arg(problem), true);
    });
    connect(m_doc->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    for (RulePane* pane : {m_bpPane, m_pcPane}) {
        NetworkView* view = pane->networkView();
        view->setFocusPolicy(Qt::ClickFocus);
        connect(view, &NetworkView::dragEdit, this,
                [this](const Selection& target, double delta, bool finished) {
                    if (!m_dragActive) {
                        m_dragActive = true;
                        m_dragBase = valueOf(target);
                    }
                    setValue(target, onGrid(m_dragBase + delta),
                             QStringLiteral("drag ") + keyOf(target));
                    if (finished) {
                        m_dragActive = false;
                        m_doc->endMerge();
                    }
                });
        connect(view, &NetworkView::wheelEdit, this, [this](const Selection& target, double delta) {
            setValue(target, onGrid(valueOf(target) + delta),
                     QStringLiteral("wheel ") + keyOf(target));
        });
        connect(view, &NetworkView::valueEditRequested, this, &MainWindow::askValue);
        connect(view, &NetworkView::contextRequested, this, &MainWindow::showContextMenu);
        // Up/Down nudge the selected value while a network view has the focus.
        auto addNudge = [this, view](const QKeySequence& key, double delta) {
            auto* a = new QAction(view);
            a->setShortcut(key);
            a->setShortcutContext(Qt::WidgetShortcut);
            connect(a, &QAction::triggered, this, [this, delta] { nudge(delta); });
            view->addAction(a);
        };
        addNudge(QKeySequence(Qt::Key_Up), 0.05);
        addNudge(QKeySequence(Qt::Key_Down), -0.05);
        addNudge(QKeySequence(Qt::SHIFT | Qt::Key_Up), 0.5);
        addNudge(QKeySequence(Qt::SHIFT | Qt::Key_Down), -0.5);
    }
}

void MainWindow::nudge(double delta) {
    const Selection s = m_inspector->selection();
    if (s.empty())
        return;
    setValue(s, onGrid(valueOf(s) + delta), QStringLiteral("nudge ") + keyOf(s));
}

void MainWindow::askValue(const Selection& target) {
    QString label;
    if (target.synapse)
        label = tr("Weight W%1[%2,%3]:")
                    .arg(target.synapse->layer)
                    .arg(target.synapse->post)
                    .arg(target.synapse->pre);
    else if (target.neuron && target.neuron->layer == 0)
        label = tr("Input %1 (trial %2):").arg(target.neuron->index).arg(editedTrial() + 1);
    else if (target.neuron)
        label =
            tr("Target of output %1 (trial %2):").arg(target.neuron->index).arg(editedTrial() + 1);
    else
        return;
    bool ok = false;
    const double v = QInputDialog::getDouble(this, tr("Set value"), label, valueOf(target), -1e6,
                                             1e6, 4, &ok, Qt::WindowFlags(), 0.05);
    if (ok)
        setValue(target, v);
}

void MainWindow::showContextMenu(const Selection& target, const QPoint& globalPos) {
    namespace edit = engine::edit;
    const engine::Scenario& s = m_doc->scenario();
    const engine::Index L = s.spec.depth();
    QMenu menu(this);
    auto run = [this](const QString& text, const edit::Result& r) {
        m_doc->apply(text, r, ChangeKind::Run);
    };
    if (target.synapse) {
        const SynapseId w = *target.synapse;
        menu.addAction(tr("Set weight W%1[%2,%3]…").arg(w.layer).arg(w.post).arg(w.pre), this,
                       [this, target] { askValue(target); });
        menu.addAction(tr("Edit all weights of W%1…").arg(w.layer), this, [this, w] {
            m_editorDock->show();
            m_editor->showWeights(w.layer);
        });
        QAction* fixed = menu.addAction(tr("W%1 fixed (does not learn)").arg(w.layer));
        fixed->setCheckable(true);
        fixed->setChecked(!s.spec.weight(w.layer).trainable);
        connect(fixed, &QAction::toggled, this, [this, run, w](bool on) {
            run(on ? tr("W%1 fixed").arg(w.layer) : tr("W%1 learns").arg(w.layer),
                edit::setTrainable(m_doc->scenario(), w.layer, !on));
        });
    } else if (target.neuron) {
        const int l = target.neuron->layer, i = target.neuron->index;
        const std::size_t k = editedTrial();
        if (l == 0)
            menu.addAction(tr("Set input value…"), this, [this, target] { askValue(target); });
        if (l == L) {
            menu.addAction(tr("Set target…"), this, [this, target] { askValue(target); });
            QAction* none = menu.addAction(tr("No target (this output gets no error)"));
            none->setCheckable(true);
            const engine::Trial& t = s.trials[k];
            none->setChecked(t.mask.size() != 0 && t.mask(i, 0) == 0.0);
            connect(none, &QAction::toggled, this, [this, run, k, i](bool on) {
                run(on ? tr("No target for output %1 in trial %2").arg(i).arg(k + 1)
                       : tr("Target 0 for output %1 in trial %2").arg(i).arg(k + 1),
                    edit::setTarget(m_doc->scenario(), k, i,
                                    on ? std::nullopt : std::optional<double>(0.0)));
            });
        }
        if (!menu.isEmpty())
            menu.addSeparator();
        menu.addAction(tr("Add a neuron to layer %1").arg(l), this, [this, run, l] {
            run(tr("Add neuron to layer %1").arg(l), edit::addNeuron(m_doc->scenario(), l));
        });
        QAction* remove = menu.addAction(tr("Remove this neuron"), this, [this, run, l, i] {
            run(tr("Remove neuron %1 of layer %2").arg(i).arg(l),
                edit::removeNeuron(m_doc->scenario(), l, i));
        });
        remove->setEnabled(s.spec.sizes[size_t(l)] > 1);
        if (l > 0 && l < L) {
            QMenu* act = menu.addMenu(tr("Activation of layer %1").arg(l));
            for (engine::Activation a : {engine::Activation::Identity, engine::Activation::Tanh,
                                         engine::Activation::Sigmoid, engine::Activation::Relu,
                                         engine::Activation::LeakyRelu}) {
                QAction* choice = act->addAction(QString::fromLatin1(engine::activationName(a)));
                choice->setCheckable(true);
                choice->setChecked(s.spec.activations[size_t(l)] == a);
                connect(choice, &QAction::triggered, this, [this, run, l, a] {
                    run(tr("Layer %1: %2").arg(l).arg(engine::activationName(a)),
                        edit::setActivation(m_doc->scenario(), l, a));
                });
            }
        }
        if (l > 0) {
            QAction* bias = menu.addAction(tr("Bias on layer %1").arg(l));
            bias->setCheckable(true);
            bias->setChecked(s.spec.weight(l).bias);
            connect(bias, &QAction::toggled, this, [this, run, l](bool on) {
                run(on ? tr("Bias on layer %1").arg(l) : tr("No bias on layer %1").arg(l),
                    edit::setHasBias(m_doc->scenario(), l, on));
            });
        }
        menu.addSeparator();
        if (l > 0)
            menu.addAction(tr("Insert a layer before layer %1").arg(l), this, [this, run, l] {
                run(tr("Insert layer before layer %1").arg(l),
                    edit::insertLayer(m_doc->scenario(), l));
            });
        if (l < L)
            menu.addAction(tr("Insert a layer after layer %1").arg(l), this, [this, run, l] {
                run(tr("Insert layer after layer %1").arg(l),
                    edit::insertLayer(m_doc->scenario(), l + 1));
            });
        if (l > 0 && l < L)
            menu.addAction(tr("Remove layer %1").arg(l), this, [this, run, l] {
                run(tr("Remove layer %1").arg(l), edit::removeLayer(m_doc->scenario(), l));
            });
    } else {
        menu.addAction(tr("Add a hidden layer before the output"), this, [this, run, L] {
            run(tr("Insert layer before layer %1").arg(L), edit::insertLayer(m_doc->scenario(), L));
        });
        menu.addAction(m_editorDock->toggleViewAction());
    }
    menu.exec(globalPos);
}

void MainWindow::onFrame(const FramePtr& frame) {
    m_bpPane->setFrame(frame);
    m_pcPane->setFrame(frame);
    m_inspector->setFrame(frame);
    m_plots->showFrame(frame, m_controller->history());
    m_timeline->refresh();
    QString text = statusText(*frame);
    // Scenarios with labelled phases (a protocol) say which phase the shown trial is in.
    const engine::Scenario& s = m_doc->scenario();
    if (!s.trialLabels.empty() && frame->pc->trial > 0) {
        const std::string label = s.labelAt(s.trialIndex(frame->pc->trial - 1));
        if (!label.empty())
            text += QStringLiteral("   |   %1").arg(QString::fromStdString(label));
    }
    m_status->setText(text);
}

QString MainWindow::statusMessage() const {
    return m_status->text() + QStringLiteral(" ") + m_problem->text();
}

void MainWindow::onMessage(const QString& text, bool problem) {
    // Both kinds go to the same permanent label (a temporary status-bar message would hide the
    // status text): problems in red until the next run, notes in the normal colour for 5 s.
    m_problem->setStyleSheet(problem ? QStringLiteral("color: #b00020; font-weight: bold;")
                                     : QString());
    m_problem->setText(text);
    if (!problem)
        QTimer::singleShot(5000, m_problem, [label = m_problem, text] {
            if (label->text() == text)
                label->clear();
        });
}

void MainWindow::setSelection(const Selection& selection) {
    m_bpPane->networkView()->setSelection(selection);
    m_pcPane->networkView()->setSelection(selection);
    m_inspector->setSelection(selection);
}

void MainWindow::stepRequested(bool oneIteration) {
    if (oneIteration) {
        m_controller->step(Granularity::Iteration);
        return;
    }
    switch (m_granularity->currentIndex()) {
        case 0:
            m_controller->step(Granularity::Iteration);
            break;
        case 1:
            m_controller->step(Granularity::Phase);
            break;
        case 2:
            m_controller->step(Granularity::Trial);
            break;
        default:
            m_controller->step(Granularity::Trial, m_stepCount->value());
            break;
    }
}

void MainWindow::toggleShortcutOverlay() {
    if (!m_overlay) {
        m_overlay = new QDialog(this);
        m_overlay->setObjectName("shortcutOverlay");
        m_overlay->setWindowTitle(tr("Keyboard shortcuts"));
        auto* layout = new QVBoxLayout(m_overlay);
        auto* text = new QLabel(m_overlay);
        text->setTextFormat(Qt::RichText);
        text->setText(
            tr("<table cellpadding='4'>"
               "<tr><td><b>Space</b></td><td>play / pause</td></tr>"
               "<tr><td><b>→</b></td><td>step (granularity from the toolbar)</td></tr>"
               "<tr><td><b>Shift+→</b></td><td>one inference iteration</td></tr>"
               "<tr><td><b>←</b></td><td>back one recorded step</td></tr>"
               "<tr><td><b>Home / End</b></td><td>first recorded step / live</td></tr>"
               "<tr><td><b>0 … 4</b></td><td>speed: pause, slow, 1x, fast, max</td></tr>"
               "<tr><td><b>R</b></td><td>reset to the same initial weights</td></tr>"
               "<tr><td><b>Shift+R</b></td><td>re-randomise (next seed)</td></tr>"
               "<tr><td><b>M</b></td><td>energy machine for PC</td></tr>"
               "<tr><td><b>?</b></td><td>this overlay</td></tr></table>"));
        layout->addWidget(text);
    }
    m_overlay->setVisible(!m_overlay->isVisible());
}

QDialog* MainWindow::showRecordDialog() {
    auto* dialog = new RecordDialog(m_doc->scenario(), m_controller->history(),
                                    m_controller->currentIndex(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QDialog* MainWindow::showExportDialog() {
    auto* dialog = new ExportDialog(m_doc->scenario(), m_controller->history(),
                                    m_controller->currentIndex(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

bool MainWindow::shortcutOverlayVisible() const {
    return m_overlay && m_overlay->isVisible();
}

QString MainWindow::saveScreenshot(const QString& path, const QSize& size, QSize* written) {
    resize(size);
    if (!isVisible())
        show();
    QApplication::processEvents();
    const QPixmap pixmap = grab();
    if (written)
        *written = pixmap.size() / pixmap.devicePixelRatio();
    QImageWriter writer(path, "png");
    if (!writer.write(pixmap.toImage()))
        return tr("cannot write '%1': %2").arg(path, writer.errorString());
    return {};
}

}  // namespace ui
