#include "ui/mainwindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QImageWriter>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "engine/presets.h"
#include "ui/captions.h"
#include "ui/energymachineview.h"
#include "ui/inspector.h"
#include "ui/networkview.h"
#include "ui/palette.h"
#include "ui/plotpanel.h"
#include "ui/rulepane.h"
#include "ui/simulationcontroller.h"
#include "ui/timelinebar.h"

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

QString preferredTab(const QString& preset) {
    if (preset == "trajectories-122")
        return "landscape";
    if (preset == "deep-linear")
        return "alignment";
    return "loss";
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    m_controller = new SimulationController(this);
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

    buildActions();
    buildToolBar();
    buildMenus();

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

MainWindow::~MainWindow() = default;

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
        m_controller->reseed();
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
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* presets = menuBar()->addMenu(tr("&Presets"));
    for (const engine::Preset& p : engine::presets()) {
        const QString name = QString::fromStdString(p.name);
        QAction* a = presets->addAction(QString::fromStdString(p.title), this,
                                        [this, name] { loadPreset(name); });
        a->setToolTip(QString::fromStdString(p.description));
    }
    presets->setToolTipsVisible(true);
    QMenu* view = menuBar()->addMenu(tr("&View"));
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
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Keyboard shortcuts"), this, &MainWindow::toggleShortcutOverlay);
}

bool MainWindow::loadPreset(const QString& name) {
    const engine::Preset* p = engine::findPreset(name.toStdString());
    if (!p)
        return false;
    m_controller->loadPreset(*p);
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
    const auto [activity, weight] = rangesFor(setup);
    for (RulePane* pane : {m_bpPane, m_pcPane})
        pane->networkView()->setNetwork(setup.network.spec(), activity, weight);
    m_pcPane->machineView()->setNetwork(setup.network.spec(), activity);
    const engine::Preset* preset = m_controller->preset();
    const QString presetName = preset ? QString::fromStdString(preset->name) : QString();
    QStringList inputs, outputs;
    if (preset) {
        for (const std::string& n : preset->inputNames)
            inputs << QString::fromStdString(n);
        for (const std::string& n : preset->outputNames)
            outputs << QString::fromStdString(n);
    }
    for (RulePane* pane : {m_bpPane, m_pcPane})
        pane->networkView()->setNames(inputs, outputs);
    m_plots->setRun(setup.network, setup.trials.front(), preferredTab(presetName), outputs);
    m_pcPane->setMachineShown(presetName == "energy-machine");
    m_inspector->setSetup(std::make_shared<const RunSetup>(setup));
    m_inspector->setLesson(m_controller->runName(),
                           preset ? QString::fromStdString(preset->description) : QString());
    setSelection({});
    m_problem->clear();
    m_seedLabel->setText(tr(" seed %1 ").arg(m_controller->seed()));
    setWindowTitle(tr("Prospect - %1").arg(m_controller->runName()));
    if (preset)
        m_pcPane->setToolTip(QString());
}

void MainWindow::onFrame(const FramePtr& frame) {
    m_bpPane->setFrame(frame);
    m_pcPane->setFrame(frame);
    m_inspector->setFrame(frame);
    m_plots->showFrame(frame, m_controller->history());
    m_timeline->refresh();
    m_status->setText(statusText(*frame));
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
